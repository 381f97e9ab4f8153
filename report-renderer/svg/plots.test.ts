import { describe, expect, it } from 'vitest';
import { linearScale, logScale, logTicks, niceTicks } from './axes.js';
import { colourBar, guinierPlot, histogramPlot, massPlot } from './plots.js';

describe('chart kit', () => {
  it('maps values linearly and logarithmically', () => {
    const s = linearScale([0, 10], [100, 200]);
    expect(s(5)).toBe(150);
    const l = logScale([1, 1000], [300, 0]);
    expect(l(10)).toBeCloseTo(200, 9);
    expect(l(1000)).toBeCloseTo(0, 9);
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6000000000000001, 0.8, 1].map((v) => expect.closeTo(v, 12)));
    expect(logTicks(500, 5e6)).toEqual([1000, 10000, 100000, 1000000]);
  });
});

describe('plots', () => {
  it('mass plot: log y axis with powers of ten, one point per gray level, the threshold marked', () => {
    const rows = [0.1, 0.2, 0.3, 0.4].map((t, k) => ({ threshold: t, voxels: 10 ** (6 - k), molecularMassKDa: 0, aminoAcids: 0 }));
    const svg = massPlot(rows, 0.25);
    expect(svg.match(/<circle /g)?.length).toBe(4);
    for (const p of ['10³', '10⁴', '10⁵', '10⁶']) expect(svg).toContain(`>${p}<`);
    expect(svg).toContain('threshold 0.25');
    expect(svg).toContain('Voxels above the gray level (log scale)');
  });

  it('Guinier plot: three series, the fit range shaded, a top axis in Å and the ln(mean |F|) label', () => {
    const pts = Array.from({ length: 40 }, (_, i) => {
      const x = (i + 1) / 3000;
      return { inverseResolutionSquared: x, lnAmplitude: -146.9 * x - 10.5, lnAmplitudeCorrected: -10.5, inFit: x >= 1 / 225 };
    });
    const svg = guinierPlot(pts, -146.9, -10.5, 15, 8.9);
    expect(svg.match(/<path /g)?.length).toBe(3);
    expect(svg).toContain('fit range 15–8.9 Å');
    expect(svg).toContain('ln(mean |F|)');
    expect(svg).toContain('Resolution d (Å)');
    expect(svg).toMatch(/>15</);
    expect(svg).toContain('1/d² (1/Å²)');
  });

  it('histogram: one bar per bin (25) and the marked value', () => {
    const edges = Array.from({ length: 26 }, (_, k) => 9 + k * 0.16);
    const svg = histogramPlot({ binEdges: edges, counts: Array.from({ length: 25 }, (_, k) => k) }, 'Local resolution (Å)', { value: 8.9, label: 'reported 8.9 Å' });
    expect(svg.match(/<rect [^>]*fill="#1f5fa8"/g)?.length).toBe(25);
    expect(svg).toContain('reported 8.9 Å');
    expect(colourBar('9.76', '12.90', 'Resolution (Å)').match(/fill="rgb\(/g)?.length).toBe(11);
  });
});
