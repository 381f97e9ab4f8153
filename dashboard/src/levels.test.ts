/** The dashboard's parameter round trip (address ↔ PDF route) and the map search. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, paramsQuery, parseParams, applies, type Level } from './levels';
import { matches } from './list';
import type { MapRowFragment } from './generated/graphql';

describe('parameters in addresses', () => {
  it('writes only what differs from the defaults, and reads it back', () => {
    expect(paramsQuery(DEFAULT_PARAMS)).toBe('');
    const p = { threshold: 0.0125, resolution: 3.4, profile: 'VRS_2024' as const, voxelSize: 1.06 };
    const q = paramsQuery(p);
    expect(q).toBe('?threshold=0.0125&resolution=3.4&profile=vrs_2024&voxelSize=1.06');
    expect(parseParams(new URLSearchParams(q.slice(1)))).toEqual(p);
    // the PDF route's spelling of the profile is read too; junk is the default
    expect(parseParams(new URLSearchParams('profile=vrs-2024&threshold=abc'))).toEqual({ ...DEFAULT_PARAMS, profile: 'VRS_2024' });
  });
});

describe('which levels a map shows, and the search', () => {
  const level = (inputs: string[]) => ({ inputs } as unknown as Level);
  const map = { id: 'ab12', name: 'emd_1997.map', emdb: { id: 'EMD-1997', title: 'GroEL' }, halfMaps: null, model: null } as unknown as MapRowFragment;
  it('shows a level when the map has its inputs', () => {
    expect(applies(level(['map']), map)).toBe(true);
    expect(applies(level(['map', 'half1', 'half2']), map)).toBe(false);
    expect(applies(level(['map', 'model']), { ...map, model: { name: 'm.pdb', atoms: 1, chains: ['A'] } })).toBe(true);
  });
  it('finds a map by name, id, EMDB id (with or without the prefix) or title', () => {
    for (const q of ['1997', 'EMD-1997', 'emd_1997', 'groel', 'AB12', '']) expect(matches(map, q), q).toBe(true);
    expect(matches(map, '5168')).toBe(false);
  });
});
