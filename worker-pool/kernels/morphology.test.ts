import { describe, expect, it } from 'vitest';
import { dilate, dilateBall, packMask, unpackMask, type BorderMode, type Neighbourhood } from './morphology.js';
import { thresholdMask } from './labels.js';
import { loadReference, readRealMap, sha256, type Json } from './fixtures/reference.js';
import type { Dims } from '../volume.js';
import { mulberry32 as rng } from '../synthetic/random.js';

const ref = loadReference();

function fromBase64(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'base64'));
}

function ones(m: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < m.length; i++) s += m[i]!;
  return s;
}

describe('dilation equals scipy.ndimage.binary_dilation', () => {
  for (const c of ref.dilation as Json[]) {
    const dims: Dims = c.dims;
    const load = (): Uint8Array => {
      if (c.maskBase64) return fromBase64(c.maskBase64);
      const { data } = readRealMap(c.map);
      return thresholdMask(data, c.threshold, 'ge');
    };
    it(`${c.name}: 6/18/26 × 1..3 iterations and balls`, () => {
      const mask = load();
      expect(sha256(mask)).toBe(c.maskSha256);
      for (const r of c.results as Json[]) {
        const got =
          r.kind === 'ball'
            ? dilateBall(mask, dims, r.radius)
            : dilate(mask, dims, { neighbourhood: r.neighbourhood as Neighbourhood, iterations: r.iterations });
        expect({ ...r, ones: ones(got), sha256: sha256(got) }).toEqual(r);
      }
    });
  }
});

/**
 * Literal transcription of Xmipp's dilate3D / dilate3D_step (morphology.cpp): the loops
 * run from STARTING+1 to FINISHING−1, so the shell of `out` is never written; `out`
 * starts as `initial` (the buffer's content before the call).
 */
function xmippDilate(input: Uint8Array, d: Dims, neig: Neighbourhood, size: number, initial: Uint8Array): Uint8Array {
  const at = (a: Uint8Array, x: number, y: number, z: number) => a[x + d.nx * (y + d.ny * z)]!;
  const out = initial.slice();
  let tmp = input.slice();
  for (let it = 0; it < size; it++) {
    for (let z = 1; z < d.nz - 1; z++)
      for (let y = 1; y < d.ny - 1; y++)
        for (let x = 1; x < d.nx - 1; x++) {
          const i = x + d.nx * (y + d.ny * z);
          if (at(tmp, x, y, z) === 0) {
            let sum = at(tmp, x - 1, y, z) + at(tmp, x + 1, y, z) + at(tmp, x, y - 1, z) + at(tmp, x, y + 1, z) + at(tmp, x, y, z - 1) + at(tmp, x, y, z + 1);
            if (neig === 18 || neig === 26) {
              for (const [a, b, c] of [[1, 1, 0], [1, -1, 0], [-1, 1, 0], [-1, -1, 0], [1, 0, 1], [1, 0, -1], [-1, 0, 1], [-1, 0, -1], [0, 1, 1], [0, 1, -1], [0, -1, 1], [0, -1, -1]] as const)
                sum += at(tmp, x + a, y + b, z + c);
            }
            if (neig === 26) for (const a of [-1, 1]) for (const b of [-1, 1]) for (const c of [-1, 1]) sum += at(tmp, x + a, y + b, z + c);
            out[i] = sum > 0 ? 1 : 0;
          } else out[i] = tmp[i]!;
        }
    tmp = out.slice();
  }
  return out;
}

describe('Xmipp border rule (the outermost shell is never processed)', () => {
  for (const neig of [6, 18, 26] as const) {
    for (const border of ['xmipp', 'xmipp-zero'] as BorderMode[]) {
      it(`${neig}-neighbourhood, ${border}, 1..4 iterations, mask touching the border`, () => {
        const d = { nx: 11, ny: 9, nz: 8 };
        const n = d.nx * d.ny * d.nz;
        const rand = rng(neig * 7 + border.length);
        const mask = new Uint8Array(n);
        for (let i = 0; i < n; i++) mask[i] = rand() < 0.06 ? 1 : 0;
        for (let it = 1; it <= 4; it++) {
          const expected = xmippDilate(mask, d, neig, it, border === 'xmipp' ? mask : new Uint8Array(n));
          expect(dilate(mask, d, { neighbourhood: neig, iterations: it, border })).toEqual(expected);
        }
      });
    }
  }
});

describe('packing', () => {
  it('round-trips for widths around word boundaries', () => {
    for (const nx of [1, 31, 32, 33, 64, 65]) {
      const d = { nx, ny: 3, nz: 2 };
      const rand = rng(nx);
      const m = new Uint8Array(nx * 6);
      for (let i = 0; i < m.length; i++) m[i] = rand() < 0.5 ? 1 : 0;
      expect(unpackMask(packMask(m, d), new Uint8Array(m.length))).toEqual(m);
      // any nonzero byte is foreground
      const m7 = m.map((v, i) => v * (1 + (i % 200)));
      expect(unpackMask(packMask(m7, d), new Uint8Array(m.length))).toEqual(m);
    }
  });
  it('zero iterations and radius 0 return the input', () => {
    const d = { nx: 5, ny: 4, nz: 3 };
    const m = new Uint8Array(60);
    m[2 + 5 * (1 + 4 * 1)] = 1; // an interior voxel: 6 neighbours + itself
    expect(dilate(m, d, { neighbourhood: 18, iterations: 0 })).toEqual(m);
    expect(dilateBall(m, d, 0)).toEqual(m);
    expect(ones(dilate(m, d, { neighbourhood: 6, iterations: 1 }))).toBe(7);
  });
});
