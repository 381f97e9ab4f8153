"""Measures 0.h's SYSTEMATIC_DELTA (compute.ts): the part of a map's weighted mean hand evidence that
does not average away over its tubes.

Input: the JSON of hand-set-dump.ts. For each map of the test set (not the mirrors: the same tubes,
Δ of the other sign) at the tuning resolutions (3, 4, 5 A; hand-tune.py), the voting tubes that lie
on no helix of the model (< 20 % of the axis within 2.5 A of a Ca helix axis: hand-gates.py's truth,
from the model, not from 0.h) are combined as the vote combines them (weight (NCC - 0.05)^2 x length,
weighted mean Delta m, sampling error s = max(spread, DELTA_NOISE) / sqrt(n_eff)). Were those tubes
independent, m would scatter about 0 by s; the excess, tau^2 = mean(m^2 - s^2) over the maps, is the
bias the tubes of one map share (a sheet's twist, a fold's loops). Prints tau on the tuning
resolutions and on all five; --without FILE leaves a model out (e.g. 1hpv_pymol.pdb, whose wrong
verdicts tau is meant to temper: tau must not come from them alone).
    node dist/worker-pool/testing/hand-set-dump.js /tmp/h.json
    /usr/bin/python3 worker-pool/testing/hand-systematic.py /tmp/h.json [--without 1hpv_pymol.pdb]
"""
import importlib.util, json, math, os, sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def load(name, file):
    spec = importlib.util.spec_from_file_location(name, os.path.join(HERE, file))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gates = load('hand_gates', 'hand-gates.py')
tune = gates.tune
MIN_NCC, _, LAYER_WEIGHT, NOISE = gates.VOTE
OFF_HELIX = 0.2


def delta(t):
    s = t['layerRight'] + t['layerLeft']
    return t['right'] - t['left'] + LAYER_WEIGHT * ((t['layerRight'] - t['layerLeft']) / s if s > 0 else 0)


def off_helix_mean(r):
    """(m, s) of the map's voting tubes that lie on no helix, None with fewer than two."""
    u = [t for t in r['tubes'] if gates.votes(t) and gates.on_helix(r, t) < OFF_HELIX]
    if len(u) < 2:
        return None
    w = np.array([(max(t['right'], t['left']) - MIN_NCC / 2) ** 2 * min(t['length'], 20) / 10 for t in u])
    d = np.array([delta(t) for t in u])
    W = w.sum(); m = (w * d).sum() / W
    spread = math.sqrt((w * (d - m) ** 2).sum() / W)
    return m, max(spread, NOISE) / math.sqrt(W * W / (w * w).sum())


def tau(rows):
    ms = [v for v in map(off_helix_mean, rows) if v]
    return math.sqrt(max(0.0, np.mean([m * m - s * s for m, s in ms]))), len(ms)


def main():
    without = sys.argv[sys.argv.index('--without') + 1] if '--without' in sys.argv else None
    rows = [r for r in json.load(open(sys.argv[1])) if not r['mirror'] and r['model'] != without]
    for r in rows:
        v = off_helix_mean(r)
        if v:
            print('  %-24s %.1f A %-4s  off-helix mean Delta %+.3f  sampling error %.3f' % (r['model'], r['resolution'], r['noise'], *v))
    print('tau, tuning resolutions %s A: %.3f over %d maps' % (tune.TUNING, *tau([r for r in rows if r['resolution'] in tune.TUNING])))
    print('tau, all resolutions: %.3f over %d maps' % tau(rows))


if __name__ == '__main__':
    main()
