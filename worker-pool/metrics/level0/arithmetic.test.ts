/**
 * The section arithmetic on exact and analytic cases, and the example report's own numbers
 * (../shared/reference/vrs-report-emd-3271.md, EMD-3271, Ts = 1.512 Å).
 */
import { describe, expect, it } from 'vitest';
import { componentsTo95, massRow, massTable, massThresholds } from './mask/compute.js';
import { centering, maskExtent } from './mass/compute.js';
import { guinierFit, guinierPoints, guinierShells, sharpenSpectrum } from '../../kernels/fourier/guinier.js';
import { levelAbstracts, summarize } from '../summary.js';
import { PRODUCT_LEVELS } from '../catalogue.js';
import { LEVEL0 } from './level.js';
import { sectionBase } from './section.js';
import type { SectionBase, SectionStatus } from '../section-record.js';
import type { SectionId } from './section.js';

/** Printed with %5.2f: equal to the printed digits. */
const printed2 = (v: number) => v.toFixed(2);

describe('example report arithmetic (EMD-3271, Ts 1.512 Å)', () => {
  // The report prints "Voxel size: 1.512000". Its two volume lines (2418402 voxels →
  // 8359565.30 Å³, 3114758 → 10766623.12 Å³) both imply Ts = 1.5119998 (VRS read the
  // sampling in single precision somewhere): with exactly 1.512 a few residue and volume
  // figures differ in the last printed digit (4e-7 relative). Use the implied value, and
  // check that it is the printed 1.512000.
  const Ts = Math.cbrt(8359565.3 / 2418402);
  it('the voxel size implied by the printed volumes is the printed 1.512000', () => {
    expect(Ts.toFixed(6)).toBe('1.512000');
    expect(Math.cbrt(10766623.12 / 3114758)).toBeCloseTo(Ts, 8);
  });
  // (threshold, voxel mass, kDa, residues) as printed in the report's mass table
  const table: [number, number, string, string][] = [
    [0.0318, 4558820, '13055.71', '118688.24'],
    [0.0637, 3872872, '11091.26', '100829.68'],
    [0.0955, 3314150, '9491.18', '86283.43'],
    [0.1274, 2830074, '8104.86', '73680.58'],
    [0.1592, 2416195, '6919.58', '62905.30'],
    [0.191, 2113752, '6053.44', '55031.24'],
    [0.2229, 1886202, '5401.77', '49107.00'],
    [0.2547, 1705050, '4882.98', '44390.74'],
    [0.2865, 1574808, '4509.99', '40999.91'],
    [0.3184, 1455288, '4167.70', '37888.22'],
    [0.3502, 1328724, '3805.25', '34593.14'],
    [0.3821, 1192284, '3414.50', '31040.95'],
    [0.4139, 1029252, '2947.61', '26796.43'],
    [0.4457, 840316, '2406.53', '21877.51'],
    [0.4776, 666252, '1908.04', '17345.78'],
    [0.5094, 506736, '1451.21', '13192.80'],
    [0.5412, 354336, '1014.76', '9225.09'],
    [0.5731, 234588, '671.82', '6107.47'],
    [0.6049, 137976, '395.14', '3592.19'],
    [0.6368, 61524, '176.19', '1601.77'],
    [0.6686, 20952, '60.00', '545.48'],
    [0.7004, 7812, '22.37', '203.38'],
    [0.7323, 2964, '8.49', '77.17'],
    [0.7641, 672, '1.92', '17.50'],
  ];
  it('kDa and residue columns reproduce to the printed digits', () => {
    for (const [g, w, kda, aa] of table) {
      const r = massRow(g, w, Ts);
      expect(printed2(r.molecularMassKDa)).toBe(kda);
      expect(printed2(r.aminoAcids)).toBe(aa);
    }
  });
  it('24 rows, thresholds k·max/25 (max ≈ 0.7960 from the printed step)', () => {
    // printed thresholds are step·k with step = max/25; the row count is 24 for this max
    const step = 0.0318;
    expect(table.length).toBe(24);
    for (let k = 0; k < table.length; k++) expect(Math.abs(table[k]![0] - (k + 1) * (table[1]![0] / 2))).toBeLessThan(6e-4);
    expect(massThresholds(25 * 0.031843).length).toBe(24);
    expect(step).toBeCloseTo(table[0]![0], 6);
  });
  it('0.b volumes: raw 2418402 voxels → 8359565.30 Å³, hard 3114758 → 10766623.12 Å³, VRS average = Ts³ = 3.46', () => {
    const Ts3 = Ts ** 3;
    expect(printed2(2418402 * Ts3)).toBe('8359565.30');
    expect(printed2(3114758 * Ts3)).toBe('10766623.12');
    expect(printed2(2101362 * Ts3)).toBe('7263669.50');
    expect(printed2((100 * 2101362) / 2418402)).toBe('86.89');
    expect(printed2(Ts3)).toBe('3.46');
  });
  it('B = 4 × slope: 4 × (−146.9) = −587.6 agrees with the printed −587.5 within the printing', () => {
    // slope printed %4.1f → true slope in [−146.95, −146.85] → B in [−587.8, −587.4]
    const lo = 4 * -146.95;
    const hi = 4 * -146.85;
    expect(-587.5).toBeGreaterThanOrEqual(lo);
    expect(-587.5).toBeLessThanOrEqual(hi);
    // and B printed %5.1f as −587.5 means B in [−587.55, −587.45]: slope in [−146.8875, −146.8625] prints −146.9
    expect((-587.55 / 4).toFixed(1)).toBe('-146.9');
    expect((-587.45 / 4).toFixed(1)).toBe('-146.9');
  });
  it('summary: 3 of 7 evaluable items, sentences and resolution line as printed', () => {
    const mk = (id: SectionId, n: number, status?: SectionStatus): SectionBase =>
      sectionBase(id, { title: id, explanation: '', criteria: '', algorithm: '', algorithmVersion: '1' }, Array(n).fill('w'), status ? { status, reason: 'r' } : undefined);
    const s = summarize({
      sections: [mk('0.a', 0), mk('0.b', 1), mk('0.c', 2), mk('0.d', 1), mk('0.e', 0), mk('0.f', 1), mk('0.g', 0), mk('0.h', 0, 'NOT_APPLICABLE')],
      resolutionEstimates: [{ label: '0.e Local resolution by DeepRes', median: 12.9, p2_5: 9.76, p97_5: 12.9 }],
      reportedResolution: 8.9,
      abstracts: levelAbstracts(PRODUCT_LEVELS, LEVEL0),
    });
    expect(s.score).toBe(3);
    expect(s.evaluable).toBe(7);
    expect(s.scoreSentence).toBe('The overall score (passing tests) of this report is 3 out of 7 evaluable items.');
    expect(s.abstract.slice(0, 5)).toEqual([
      'The map seems to be well centered.',
      'There seems to be a problem with the threshold (see Sec. 2.2).',
      "There seems to be a problem with the map's background (see Sec. 2.3).",
      'There seems to be a problem with its B-factor (see Sec. 2.4).',
      'There seems to be a problem with its local B-factor (see Sec. 2.6).',
    ]);
    expect(s.abstract[5]).toBe(
      'Resolution estimated by the analyses: 0.e Local resolution by DeepRes, median 12.9 Å, 2.5–97.5 % range 9.8–12.9 Å. The resolution reported by the user was 8.9 Å. The resolution reported may be over-estimated.',
    );
    expect(s.resolutionOverestimated).toBe(true);
    expect(s.warnings.map((w) => w.id)).toEqual(['0.b', '0.c', '0.d', '0.f']);
    expect(s.sections.find((x) => x.id === '0.h')!.counted).toBe(false);
  });
});

describe('0.b components to 95 %', () => {
  it('standard: exact count, max remaining = largest not included, average volume voxRem/nRem·Ts³', () => {
    const sizes = [50, 20, 10, 10, 5, 3, 2]; // S = 100
    const c = componentsTo95(sizes, 100, 900, 2, 'standard');
    expect(c.componentsTo95).toBe(5); // 50+20+10+10+5 = 95
    expect(c.remainingComponents).toBe(2);
    expect(c.remainingAverageVoxels).toBe(2.5);
    expect(c.remainingAverageVolume).toBe(20);
    expect(c.remainingMaxVoxels).toBe(3);
    expect(c.remainingMinVoxels).toBe(2);
    expect(c.remainingMaxVolume).toBe(24); // 3 voxels · 2³ Å³
    expect(c.remainingMinVolume).toBe(16);
    expect(c.components.map((r) => r.cumulativePercentage)).toEqual([50, 70, 80, 90, 95]);
  });
  it('vrs-2024: background first gives the same count, max = last included, average volume = Ts³', () => {
    const c = componentsTo95([50, 20, 10, 10, 5, 3, 2], 100, 900, 2, 'vrs-2024');
    expect(c.componentsTo95).toBe(5);
    expect(c.remainingMaxVoxels).toBe(5);
    expect(c.remainingMinVoxels).toBe(2);
    expect(c.remainingMaxVolume).toBe(40); // size · Ts³ as VRS prints it, not the Ts³ of the average
    expect(c.remainingMinVolume).toBe(16);
    expect(c.remainingAverageVolume).toBe(8);
  });
  it('vrs-2024 under-counts by one when the background sorts after the 95 % point', () => {
    // background (30 voxels) sorts between 40 and 20: the VRS loop counter includes it
    const sizes = [60, 40, 20]; // S = 120; 95 % needs all three
    const std = componentsTo95(sizes, 120, 30, 1, 'standard');
    const vrs = componentsTo95(sizes, 120, 30, 1, 'vrs-2024');
    expect(std.componentsTo95).toBe(3);
    expect(vrs.componentsTo95).toBe(3); // loop counter 4 (incl. background) − 1
    const sizes2 = [60, 40, 30, 1]; // S = 131, background 35 sorts at position 2
    expect(componentsTo95(sizes2, 131, 35, 1, 'standard').componentsTo95).toBe(3);
    expect(componentsTo95(sizes2, 131, 35, 1, 'vrs-2024').componentsTo95).toBe(3);
    const sizes3 = [100, 5, 1]; // S = 106, 95 % at the first; background 3 sorts at position 2
    expect(componentsTo95(sizes3, 106, 3, 1, 'vrs-2024').componentsTo95).toBe(1);
  });
  it('mass table counts voxels strictly above each threshold', () => {
    const data = new Float32Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    const t = massTable(data, 1);
    expect(t.length).toBe(24); // arange(1, 25, 1)
    for (const r of t) expect(r.voxels).toBe(data.filter((v) => v > r.threshold).length);
  });
  it('numpy arange row count: 24 usually, 25 when (max − step)/step rounds above 24', () => {
    let n25 = 0;
    for (let i = 1; i <= 1000; i++) if (massThresholds(i * 0.001).length === 25) n25++;
    expect(n25).toBeGreaterThan(0);
    expect(massThresholds(1).length).toBe(24);
  });
});

describe('0.a centering on an off-centre box', () => {
  it('spaces, decentering and profiles', () => {
    const d = { nx: 20, ny: 10, nz: 8 };
    const m = new Uint8Array(20 * 10 * 8);
    // mask occupies x 2..5, y 3..3, z 1..6
    for (let z = 1; z <= 6; z++) for (let x = 2; x <= 5; x++) m[x + 20 * (3 + 10 * z)] = 1;
    const e = maskExtent(m, d)!;
    expect(e.first).toEqual({ x: 2, y: 3, z: 1 });
    expect(e.last).toEqual({ x: 5, y: 3, z: 6 });
    const com = { x: 3.5, y: 3, z: 3.5 };
    const s = centering(e, d, 2, com, 'standard');
    expect(s.leftSpace).toEqual({ x: 4, y: 6, z: 2 });
    expect(s.rightSpace).toEqual({ x: 28, y: 12, z: 2 });
    expect(s.decenteringRatio.x).toBeCloseTo(60, 12);
    const v = centering(e, d, 2, com, 'vrs-2024');
    expect(v.rightSpace).toEqual({ x: 30, y: 14, z: 4 });
    expect(s.centerOfMassDecentering.x).toBeCloseTo((Math.abs(3.5 - 10) / 20) * 100, 12);
    expect(centering(null, d, 2, com, 'standard').warnings).toEqual(['Threshold parameter is too high, try to lower it.']);
  });
});

describe('0.d Guinier on an analytic spectrum', () => {
  /** Half-complex spectrum with |F| = A·exp(−B0·s²/4), s = |f|/Ts. */
  function spectrum(n: number, Ts: number, B0: number): Float32Array {
    const hx = (n >> 1) + 1;
    const sp = new Float32Array(n * n * hx * 2);
    const df = (i: number) => (i <= n >> 1 ? i / n : (i - n) / n);
    let p = 0;
    for (let z = 0; z < n; z++)
      for (let y = 0; y < n; y++)
        for (let x = 0; x < hx; x++, p += 2) {
          const s2 = (df(x) ** 2 + df(y) ** 2 + df(z) ** 2) / (Ts * Ts);
          sp[p] = 0.8 * Math.exp((-B0 * s2) / 4);
          sp[p + 1] = 0.6 * Math.exp((-B0 * s2) / 4);
        }
    return sp;
  }
  it('B = −B0 within 1 % and the corrected curve is flat', () => {
    const n = 64;
    const Ts = 1.5;
    const B0 = 120;
    const res = 4;
    const sp = spectrum(n, Ts, B0);
    const d = { nx: n, ny: n, nz: n };
    const pts = guinierPoints(guinierShells(sp, d), n, Ts, res);
    const fit = guinierFit(pts)!;
    // shells average |F| over a finite-width shell, so the slope is close to, not exactly, −B0/4
    expect(Math.abs(4 * fit.slope + B0) / B0).toBeLessThan(0.01);
    sharpenSpectrum(sp, d, Ts, 4 * fit.slope, res);
    const corr = guinierPoints(guinierShells(sp, d), n, Ts, res).filter((p) => p.inFit);
    // The last shell (d = R) straddles the cut: ROUND(|f|·X) puts coefficients just beyond R,
    // which Xmipp leaves unsharpened, into it; it dips, as in Xmipp. All others are flat.
    const ys = corr.slice(0, -1).map((p) => p.y);
    expect(Math.max(...ys) - Math.min(...ys)).toBeLessThan(0.002);
    expect(corr.at(-1)!.y).toBeLessThan(ys.at(-1)! - 0.1);
    expect(pts[0]!.x).toBe(0); // the DC point is kept, outside the fit
    expect(pts[0]!.inFit).toBe(false);
  });
  it('fewer than two shells in the fit range gives no line', () => {
    const n = 16;
    const pts = guinierPoints(guinierShells(spectrum(n, 1, 50), { nx: n, ny: n, nz: n }), n, 1, 14);
    expect(guinierFit(pts)).toBeNull();
  });
});
