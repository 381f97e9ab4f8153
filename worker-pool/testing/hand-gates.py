"""Issue 15: can any gate on the tubes tell the β-only model (1hpv) from the helical ones?

Input: the JSON of hand-set-dump.ts (every tube's match, geometry and the map's grid). The truth of
a tube does not come from 0.h: it is the share of its axis (sampled every 1 A) lying within 2.5 A of
a helix axis of the model (P-SEA Ca criteria as testing/hand-maps.ts caHelices, runs of >= 8
residues; axis points = means of 4 consecutive Ca). Prints, for the tubes that vote today:
  1. per-tube features (best NCC, profile NCC, helicity, axial share, best 11 A window NCC) for
     tubes on helices, other tubes of helical models and 1hpv's tubes;
  2. per map, the maximum of each feature over its voting tubes, range per model (a map-level
     gate must put every 1hpv map below every helical map);
  3. the vote with per-tube gates (11 A window NCC >= a, window NCC - axial share >= g) on the
     tuning resolutions and the held-out ones: what 1hpv gains against what the helical maps lose;
  4. a sheet test from the tubes' geometry: the share of voting tubes with a parallel neighbour.
    node dist/worker-pool/testing/hand-set-dump.js /tmp/h.json
    /usr/bin/python3 worker-pool/testing/hand-gates.py /tmp/h.json
"""
import gzip, importlib.util, itertools, json, math, os, sys

import numpy as np

MODELS = os.path.join(os.path.dirname(__file__), '../../../shared/data/real/models')
HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location('hand_tune', os.path.join(HERE, 'hand-tune.py'))
tune = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tune)
VOTE = (0.1, 0.4, 0.2, 0.12)  # compute.ts: HELIX_MIN_NCC, HELIX_MIN_PROFILE, LAYER_WEIGHT, DELTA_NOISE
BETA = '1hpv_pymol.pdb'


def ca_trace(file):
    """Ca atoms (chain, position) of the first model, altloc blank or A."""
    op = gzip.open if file.endswith('.gz') else open
    out = []
    for line in op(os.path.join(MODELS, file), 'rt'):
        if line.startswith('ENDMDL'):
            break
        if line.startswith('ATOM  ') and line[12:16].strip() == 'CA' and line[16] in ' A':
            out.append((line[21], np.array([float(line[30:38]), float(line[38:46]), float(line[46:54])])))
    return out


def dihedral(a, b, c, d):
    b1, b2, b3 = b - a, c - b, d - c
    n1, n2 = np.cross(b1, b2), np.cross(b2, b3)
    return math.degrees(math.atan2(np.dot(np.cross(n1, n2), b2) / np.linalg.norm(b2), np.dot(n1, n2)))


def helix_axis_points(ca, min_residues=8):
    n = len(ca)
    dist = lambda i, j: np.linalg.norm(ca[i][1] - ca[j][1])
    chained = lambda i, j: all(ca[k + 1][0] == ca[k][0] and dist(k, k + 1) <= 4.2 for k in range(i, j))
    marked = np.zeros(n, bool)
    for i in range(n - 4):
        if chained(i, i + 4) and abs(dist(i, i + 2) - 5.5) <= .5 and abs(dist(i, i + 3) - 5.3) <= .5 and \
                abs(dist(i, i + 4) - 6.4) <= .6 and abs(dihedral(*[ca[i + k][1] for k in range(4)]) - 50) <= 20:
            marked[i:i + 5] = True
    pts, i = [], 0
    while i < n:
        if not marked[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and marked[j + 1] and chained(j, j + 1):
            j += 1
        if j - i + 1 >= min_residues:
            pts += [np.mean([ca[k + m][1] for m in range(4)], axis=0) for k in range(i, j - 2)]
        i = j + 1
    return np.array(pts).reshape(-1, 3)


_axes = {}


def on_helix(row, t):
    """Share of the tube's axis within 2.5 A of a helix axis (model frame; the mirror's z flipped back)."""
    if row['model'] not in _axes:
        _axes[row['model']] = helix_axis_points(ca_trace(row['model']))
    pts = _axes[row['model']]
    if len(pts) == 0:
        return 0.0
    g = row['grid']
    c = np.array([t['centre'][k] for k in 'xyz']); a = np.array([t['axis'][k] for k in 'xyz'])
    if row['mirror']:
        c[2] = (g['nz'] - 1) * g['voxelSize'] - c[2]; a[2] = -a[2]
    c = c + np.array([g['origin'][k] for k in 'xyz'])
    s = np.arange(-t['length'] / 2, t['length'] / 2 + 1e-6, 1.0)
    p = c[None, :] + s[:, None] * a[None, :]
    d = np.sqrt(((p[:, None, :] - pts[None, :, :]) ** 2).sum(-1)).min(1)
    return float((d <= 2.5).mean())


def votes(t):
    return max(t['right'], t['left']) >= VOTE[0] and t['profile'] >= VOTE[1]


FEATURES = {
    'best NCC': lambda t: max(t['right'], t['left']),
    'profile NCC': lambda t: t['profile'],
    'helicity': lambda t: t['helicity'],
    'axial share': lambda t: t['axial'],
    '11 A window NCC': lambda t: max(t['localNcc']),
    'window NCC - axial': lambda t: max(t['localNcc']) - t['axial'],
}


def outcome(rows, gate):
    e = dict(right=0, helical=0, failedHelical=0, betaFailed=0, betaWrong=0, beta=0, worstWrong=0.0)
    for r in rows:
        v = tune.decide(dict(r, tubes=[t for t in r['tubes'] if gate(t)]), *VOTE)
        beta = r['model'] == BETA
        e['beta' if beta else 'helical'] += 1
        if v is None:
            e['betaFailed' if beta else 'failedHelical'] += 1
            continue
        s, c = v
        wrong = s < 0.5 if r['mirror'] else s >= 0.5
        if beta:
            e['betaWrong'] += wrong
        else:
            e['right'] += s > 0.5 if r['mirror'] else s < 0.4
        if wrong:
            e['worstWrong'] = round(max(e['worstWrong'], c), 2)
    return e


def main():
    rows = json.load(open(sys.argv[1]))
    q = lambda v: ' '.join('%5.2f' % x for x in np.percentile(v, [10, 50, 90])) if len(v) else '-'
    print('1. voting tubes, p10 / p50 / p90')
    groups = {'on a helix (truth >= 0.6)': [], 'other, helical models (< 0.2)': [], '1hpv (no helix of 2 turns)': []}
    for r in rows:
        for t in filter(votes, r['tubes']):
            h = on_helix(r, t)
            key = '1hpv (no helix of 2 turns)' if r['model'] == BETA else 'on a helix (truth >= 0.6)' if h >= .6 else 'other, helical models (< 0.2)' if h < .2 else None
            if key:
                groups[key].append(t)
    for f, fn in FEATURES.items():
        print('  %-20s' % f + '  |  '.join('%s n=%d: %s' % (k, len(v), q([fn(t) for t in v])) for k, v in groups.items()))
    print('2. per map, the maximum over its voting tubes: range per model')
    for f, fn in FEATURES.items():
        per = {}
        for r in rows:
            u = list(filter(votes, r['tubes']))
            if u:
                per.setdefault(r['model'].split('.')[0][:4], []).append(max(map(fn, u)))
        print('  %-20s' % f + '  '.join('%s %.2f..%.2f' % (m, min(v), max(v)) for m, v in per.items()))
    print('3. the vote with per-tube gates (tuning 3/4/5 A | held-out 3.5/4.5 A)')
    tuning = [r for r in rows if r['resolution'] in tune.TUNING]
    held = [r for r in rows if r['resolution'] not in tune.TUNING]
    for a, g in itertools.product([0, 0.25, 0.3, 0.35], [-1, 0, 0.05, 0.1]):
        gate = lambda t: max(t['localNcc']) >= a and max(t['localNcc']) - t['axial'] >= g
        print('  window NCC >= %.2f, window NCC - axial >= %5.2f: %s | %s' % (a, g, outcome(tuning, gate), outcome(held, gate)))
    print('4. per map, share of voting tubes with a parallel tube (|cos| > 0.7) running within 6.5 A (a sheet test)')
    per = {}
    for r in rows:
        u = list(filter(votes, r['tubes']))
        if u and not r['mirror']:
            per.setdefault(r['model'].split('.')[0][:4], []).append('%.1f:%.2f' % (r['resolution'], np.mean([any(t is not o and alongside(t, o) for o in r['tubes']) for t in u])))
    for m, v in per.items():
        print('  %-5s' % m, ' '.join(v))


def alongside(t, o):
    """Whether t runs within 6.5 A of o (median over t's axis of the distance to o's) and nearly parallel."""
    line = lambda u: np.array([u['centre'][k] for k in 'xyz']) + np.linspace(-u['length'] / 2, u['length'] / 2, 15)[:, None] * np.array([u['axis'][k] for k in 'xyz'])
    p, q = line(t), line(o)
    cos = abs(sum(t['axis'][k] * o['axis'][k] for k in 'xyz'))
    return cos > 0.7 and np.median(np.sqrt(((p[:, None] - q[None]) ** 2).sum(-1)).min(1)) < 6.5


if __name__ == '__main__':
    main()
