"""Chooses 0.h's vote constants on the tuning resolutions of the test set and reports the held-out ones.

Input: the JSON of hand-set-dump.ts (every tube's best NCC per hand, profile NCC, layer-line
amplitudes, length). The vote is compute.ts's (tubeUsed, tubeWeight, tubeDelta, handVote) in numpy.
The systematic per-map term (SYSTEMATIC_DELTA, measured by hand-systematic.py) is fixed, not tuned,
and so is the confidence below which the hand is not measured (MEDIUM, |z| < 1).
Grid: minimum best NCC x minimum profile NCC x layer-line weight x spread floor. Choice, on the
tuning resolutions (3, 4, 5 A) only: no wrong verdict with confidence >= 0.95 on any model, then most
right verdicts on models with helices, fewest FAILED, fewest wrong on the model without helices,
lowest confidence of a wrong verdict. The held-out resolutions (3.5, 4.5 A) are only reported.
    python3 worker-pool/testing/hand-tune.py /tmp/hand-set.json
"""
import itertools, json, math, sys

import numpy as np

TUNING = (3, 4, 5)
HIGH = 0.95
MEDIUM = 0.68
SYSTEMATIC = 0.07  # compute.ts SYSTEMATIC_DELTA (hand-systematic.py)


def phi(z):
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


def decide(r, min_ncc, min_profile, layer_weight, noise, systematic=SYSTEMATIC):
    """(score, confidence) of the vote, or None when it could not be measured (no tube votes, or,
    since version 5, the vote's confidence is below MEDIUM)."""
    used = [t for t in r['tubes'] if max(t['right'], t['left']) >= min_ncc and t['profile'] >= min_profile]
    if not used:
        return None
    def delta(t):
        s = t['layerRight'] + t['layerLeft']
        return t['right'] - t['left'] + layer_weight * ((t['layerRight'] - t['layerLeft']) / s if s > 0 else 0)
    w = np.array([(max(t['right'], t['left']) - min_ncc / 2) ** 2 * min(t['length'], 20) / 10 for t in used])
    d = np.array([delta(t) for t in used])
    W = w.sum(); m = (w * d).sum() / W; var = (w * (d - m) ** 2).sum() / W; neff = W * W / (w * w).sum()
    z = m / math.hypot(max(math.sqrt(var), noise) / math.sqrt(neff), systematic)
    confidence = 2 * phi(abs(z)) - 1
    return (1 - phi(z), confidence) if confidence >= MEDIUM else None


def evaluate(rows, p):
    e = dict(right=0, wrong=0, failed=0, confidentWrong=0, mediumWrong=0, betaWrong=0, betaFailed=0, worstWrong=0.0)
    for r in rows:
        v = decide(r, *p)
        helical = r['helices'] > 0
        if v is None:
            e['failed' if helical else 'betaFailed'] += 1
            continue
        s, c = v
        right = s > 0.5 if r['mirror'] else s < 0.4
        wrong = s < 0.5 if r['mirror'] else s >= 0.5
        if helical:
            e['right'] += right; e['wrong'] += wrong
        else:
            e['betaWrong'] += wrong
        if wrong:
            e['confidentWrong'] += c >= HIGH; e['mediumWrong'] += c >= MEDIUM; e['worstWrong'] = round(max(e['worstWrong'], c), 2)
    return e


def main():
    rows = json.load(open(sys.argv[1]))
    tune = [r for r in rows if r['resolution'] in TUNING]
    held = [r for r in rows if r['resolution'] not in TUNING]
    grid = itertools.product([0.05, 0.1, 0.15, 0.2], [0.2, 0.3, 0.4, 0.5], [0, 0.05, 0.1, 0.2], [0.05, 0.08, 0.12])
    ranked = []
    for p in grid:
        e = evaluate(tune, p)
        if e['confidentWrong']:
            continue
        ranked.append(((e['right'], -e['failed'], -e['betaWrong'], -e['worstWrong']), p, e))
    ranked.sort(key=lambda x: x[0], reverse=True)
    for _, p, e in ranked[:5]:
        print('min NCC %.2f, min profile %.1f, layer weight %.2f, spread floor %.2f' % p)
        print('  tuning   ', e)
        print('  held out ', evaluate(held, p))


if __name__ == '__main__':
    main()
