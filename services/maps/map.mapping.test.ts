import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMapFile } from '../../worker-pool/io/mrc/read.js';
import { REAL_MAPS_DIR } from '../../worker-pool/paths.js';
import { jsonbSafe } from '../store/maps-repository.js';
import { toHeader } from './map.mapping.js';

describe('Map header mapping', () => {
  it('exposes CELLB as the angles alpha, beta, gamma (as the reader records them)', () => {
    const h = toHeader({ cellA: { x: 10, y: 20, z: 30 }, cellB: { alpha: 60, beta: 70, gamma: 120 } });
    expect(h.cellb).toEqual({ alpha: 60, beta: 70, gamma: 120 });
    expect(h.cella).toEqual({ x: 10, y: 20, z: 30 });
    expect(toHeader({ cellb: [80, 85, 95] }).cellb).toEqual({ alpha: 80, beta: 85, gamma: 95 });
    expect(toHeader({}).cellb).toBeNull();
  });

  it('emd_1997 as stored (reader → jsonb-safe row → GraphQL): values mrcfile 1.4 reads', async () => {
    // /usr/bin/python3: mrcfile.open('emd_1997.map', header_only=True).header →
    // cella (202, 202, 202), cellb (90, 90, 90), map b'MAP ', machst [68 65 0 0], exttyp b''
    const read = await readMapFile(join(REAL_MAPS_DIR, 'emd_1997.map'));
    const h = toHeader(jsonbSafe(read.header) as unknown as Record<string, unknown>);
    expect(h.cella).toEqual({ x: 202, y: 202, z: 202 });
    expect(h.cellb).toEqual({ alpha: 90, beta: 90, gamma: 90 });
    expect(h.map).toBe('MAP ');
    expect(h.machst).toEqual([68, 65, 0, 0]);
    expect(h.exttyp).toBe(''); // four NULs in the file; jsonb cannot hold them
  });
});
