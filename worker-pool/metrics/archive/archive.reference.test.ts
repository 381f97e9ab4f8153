/**
 * The archive checks against numpy on real maps (fixtures/make_archive_fixture.py, its command
 * in its docstring), the expected volume on emd_1997 from its header's molecular mass, and the
 * isosurface area against an analytic sphere.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REAL_MAPS_DIR } from '../../paths.js';
import { readMapFile } from '../../io/mrc/read.js';
import { parseEmdbHeader } from '../../io/emdb-header.js';
import { shutdownFftThreads } from '../../kernels/fft/fft3d.js';
import { extractSlice, projection } from '../../kernels/images.js';
import type { Axis, Dims } from '../../volume.js';
import { computeDistribution } from './distribution/index.js';
import { computeVolumeCurve, expectedVolumeNm3, NO_MASS_NOTE, VOLUME_LEVELS, withMolecularMass } from './volume/index.js';
import { computePowerSpectrum } from './power-spectrum/index.js';
import { atContour, dimmedBelow } from './views/index.js';
import { CUBIC_A_PER_DALTON } from './texts.js';

interface MapFixture {
  file: string; voxelSize: number; contour: number; dims: [number, number, number];
  distribution: { counts: number[]; edges: number[]; mean: number; std: number; fractionAboveContour: number };
  volume: { levels: number[]; atOrAbove: number[]; atOrAboveContour: number };
  spectrum: { meanAmplitude: (number | null)[]; count: number[] };
  views: Record<Axis, { projectionSum: number; projectionMax: number; sliceSum: number; sliceMax: number }>;
}
const FIXTURE = JSON.parse(readFileSync(new URL('../../../../worker-pool/metrics/archive/fixtures/archive_real.json', import.meta.url), 'utf8')) as { maps: MapFixture[] };

const sum = (a: ArrayLike<number>) => { let s = 0; for (let i = 0; i < a.length; i++) s += a[i]!; return s; };
const max = (a: ArrayLike<number>) => { let m = -Infinity; for (let i = 0; i < a.length; i++) if (a[i]! > m) m = a[i]!; return m; };

afterAll(() => shutdownFftThreads());

describe.each(FIXTURE.maps)('archive checks of $file equal numpy', (fx) => {
  const load = async () => {
    const v = (await readMapFile(join(REAL_MAPS_DIR, fx.file))).volume;
    return { data: v.data, d: { nx: v.nx, ny: v.ny, nz: v.nz } as Dims };
  };

  it('E.a: numpy.histogram(values, 128), mean, std, fraction at or above the contour', async () => {
    const { data } = await load();
    const r = computeDistribution(data, fx.contour);
    expect(r.bins.map((b) => b.count)).toEqual(fx.distribution.counts);
    r.bins.forEach((b, k) => {
      expect(b.value).toBeCloseTo((fx.distribution.edges[k]! + fx.distribution.edges[k + 1]!) / 2, 12);
      expect(b.log10Count).toBe(Math.log10(Math.max(1, fx.distribution.counts[k]!)));
    });
    expect(r.mean).toBeCloseTo(fx.distribution.mean, 9);
    expect(r.standardDeviation / fx.distribution.std).toBeCloseTo(1, 9);
    expect(r.fractionAboveContour).toBe(fx.distribution.fractionAboveContour);
  });

  it('E.b: voxels at or above each of linspace(min, max, 129) and the contour, × voxel³ in nm³', async () => {
    const { data, d } = await load();
    const r = computeVolumeCurve(data, d, fx.voxelSize, fx.contour);
    expect(r.points).toHaveLength(VOLUME_LEVELS);
    const nm3 = fx.voxelSize ** 3 / 1000;
    r.points.forEach((p, k) => {
      expect(p.level).toBeCloseTo(fx.volume.levels[k]!, 12);
      expect(p.volume).toBeCloseTo(fx.volume.atOrAbove[k]! * nm3, 9);
    });
    expect(r.enclosedVolume).toBeCloseTo(fx.volume.atOrAboveContour * nm3, 9);
    // the area is 0 above the maximum and grows from the top level down at first
    expect(r.points[VOLUME_LEVELS - 1]!.surfaceArea).toBe(0);
    expect(r.surfaceArea).toBeGreaterThan(0);
  });

  it('E.c: mean |F| of numpy.fft.rfftn per shell round(|f|·nx), ln, at k/(nx·voxel)', async () => {
    const { data, d } = await load();
    const r = computePowerSpectrum(data, d, fx.voxelSize);
    const expected = fx.spectrum.meanAmplitude.flatMap((a, k) => (a !== null && a > 0 ? [{ k, a }] : []));
    expect(r.points).toHaveLength(expected.length);
    r.points.forEach((p, i) => {
      const { k, a } = expected[i]!;
      expect(p.frequency).toBeCloseTo(k / (d.nx * fx.voxelSize), 12);
      expect(p.count).toBe(fx.spectrum.count[k]);
      // float32 FFT against float64: ln agrees to 1e-4
      expect(Math.abs(p.lnAmplitude - Math.log(a))).toBeLessThan(1e-4);
    });
    expect(r.nyquist).toBeCloseTo(1 / (2 * fx.voxelSize), 12);
  });

  it('E.d: central slices and projections of the map at the contour', async () => {
    const { data, d } = await load();
    const kept = atContour(data, fx.contour);
    const dimmed = dimmedBelow(data, fx.contour);
    const central = { x: d.nx >> 1, y: d.ny >> 1, z: d.nz >> 1 };
    for (const a of ['x', 'y', 'z'] as Axis[]) {
      const p = projection(kept, d, a).values;
      const s = extractSlice(dimmed, d, a, central[a]).values;
      const e = fx.views[a];
      expect(sum(p) / e.projectionSum).toBeCloseTo(1, 9);
      expect(max(p) / e.projectionMax).toBeCloseTo(1, 9);
      expect(sum(s) / e.sliceSum).toBeCloseTo(1, 9);
      expect(max(s)).toBe(e.sliceMax);
      expect(max(s)).toBeGreaterThan(Math.min(...Array.from(s))); // never blank
    }
  });
});

describe('expected volume from the molecular mass', () => {
  it("emd_1997: the header's 0.8 MDa (sample, theoretical) → 984.02 nm³ at 1.35 g/cm³", () => {
    const header = parseEmdbHeader(readFileSync(join(REAL_MAPS_DIR, 'emd_1997_header.xml'), 'utf8'));
    expect(header.molecularMass).toBe(800_000);
    // 1e24 Å³/cm³ / (1.35 g/cm³ · 6.02214076e23 /mol) = 1.230029 Å³/Da
    expect(CUBIC_A_PER_DALTON).toBeCloseTo(1.230029, 5);
    expect(expectedVolumeNm3(800_000)).toBeCloseTo(984.023, 2);
    const fx = FIXTURE.maps.find((m) => m.file === 'emd_1997.map')!;
    const enclosed = fx.volume.atOrAboveContour * fx.voxelSize ** 3 / 1000;
    const r = withMolecularMass({ enclosedVolume: enclosed } as Parameters<typeof withMolecularMass>[0], header.molecularMass);
    expect(r.expectedVolume).toBeCloseTo(984.023, 2);
    expect(r.volumeRatio).toBeCloseTo(enclosed / 984.023, 5);
    expect(r.expectedVolumeNote).toContain('800.0 kDa');
  });

  it('says so when the header gives no mass', () => {
    const r = withMolecularMass({ enclosedVolume: 1 } as Parameters<typeof withMolecularMass>[0], null);
    expect(r).toMatchObject({ molecularMass: null, expectedVolume: null, volumeRatio: null, expectedVolumeNote: NO_MASS_NOTE });
  });
});

describe('isosurface area and volume of a ball (analytic)', () => {
  it('radius 12 voxels of 1.5 Å: area 4πr², volume 4/3πr³ within 3 %', () => {
    const n = 40, r = 12, c = 19.5, vs = 1.5;
    const d = { nx: n, ny: n, nz: n };
    const data = new Float32Array(n ** 3);
    // a smooth ball: 1 − |x − c| / r, so the 0 level is the sphere of radius r
    for (let z = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) data[x + n * (y + n * z)] = 1 - Math.hypot(x - c, y - c, z - c) / r;
    const out = computeVolumeCurve(data, d, vs, 0);
    const R = r * vs;
    expect(out.surfaceArea / ((4 * Math.PI * R * R) / 100)).toBeCloseTo(1, 1);
    expect(Math.abs(out.surfaceArea / ((4 * Math.PI * R * R) / 100) - 1)).toBeLessThan(0.03);
    expect(Math.abs(out.enclosedVolume / ((4 / 3) * Math.PI * R ** 3 / 1000) - 1)).toBeLessThan(0.03);
  });
});
