/** A.a's and A.e's per-residue plots: the data as the report lays it out. */
import { describe, expect, it } from 'vitest';
import { ccBars, chainStarts, profileLine, residueName, residueTick } from './residue-series';

const res = (chain: string, number: number, v: number | null) => ({ chain, number, name: 'ALA', cc: v, q: v });

describe('per-residue series', () => {
  it('splits A.a\'s bars at CC 0.5: below it in the red series, none in both, a missing CC in neither', () => {
    const b = ccBars([res('A', 1, 0.9), res('A', 2, 0.49), res('A', 3, 0.5), res('A', 4, null), res('A', 5, -0.1)]);
    expect(b.x).toEqual([0, 1, 2, 3, 4]);
    expect(b.good).toEqual([0.9, null, 0.5, null, null]);
    expect(b.low).toEqual([null, 0.49, null, null, -0.1]);
  });

  it('breaks A.e\'s line between chains with an empty point half-way, keeping each residue at its place', () => {
    const l = profileLine([res('A', 7, 0.4), res('A', 8, null), res('B', 1, 0.6)], (r) => r.q);
    expect(l.x).toEqual([0, 1, 1.5, 2]);
    expect(l.y).toEqual([0.4, null, null, 0.6]);
    expect(l.at.map((r) => r && residueName(r))).toEqual(['chain A, ALA 7', 'chain A, ALA 8', undefined, 'chain B, ALA 1']);
  });

  it('marks chain starts only when there are two chains or more, and names a blank chain', () => {
    expect(chainStarts([res('A', 1, 1), res('A', 2, 1)])).toEqual([]);
    expect(chainStarts([res('A', 1, 1), res('', 2, 1), res('', 3, 1)])).toEqual([{ x: 0, chain: 'A' }, { x: 1, chain: '(blank)' }]);
    expect(residueTick(res('B', 42, 1))).toBe('B42');
  });
});
