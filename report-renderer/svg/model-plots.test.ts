import { describe, expect, it } from 'vitest';
import { inclusionCurvePlot, mapModelGuinierPlot, residueProfilePlot } from './model-plots.js';

const paths = (svg: string) => svg.match(/<path /g)?.length ?? 0;

describe('model plots', () => {
  it('residue profile: one line per run of defined values within a chain, chains named, reference lines drawn', () => {
    const residues = [
      ...[0.5, 0.6, null, 0.7, 0.8].map((value, k) => ({ chain: 'A', number: k + 1, value })),
      ...[0.2, 0.3].map((value, k) => ({ chain: 'B', number: k + 1, value })),
    ];
    const svg = residueProfilePlot(residues, 'Residue Q-score', [0, 1], [{ value: 0.1, label: 'VRS threshold 0.1' }]);
    expect(paths(svg)).toBe(3); // A 1–2, A 4–5, B 1–2
    expect(svg).toContain('chain A');
    expect(svg).toContain('chain B');
    expect(svg).toContain('VRS threshold 0.1');
    expect(residueProfilePlot([{ chain: 'A', number: 1, value: null }], 'Q', [0, 1])).toContain('No residue has a value.');
    // a one-residue chain right after another keeps its boundary line but not a name on top of its neighbour's
    const crowded = [...Array.from({ length: 100 }, (_, k) => ({ chain: 'A', number: k, value: 0.5 })), { chain: 'B', number: 1, value: 0.4 }, { chain: 'C', number: 1, value: 0.4 }];
    const svg2 = residueProfilePlot(crowded, 'Q', [0, 1]);
    expect(svg2).toContain('chain A');
    expect(svg2).not.toContain('chain C');
  });
  it('inclusion curve: all atoms and backbone, the contour marked; without backbone one line', () => {
    const curve = [0, 0.5, 1, 1.5, 2].map((level, k) => ({ level, all: 1 - k / 4, backbone: 1 - k / 5 }));
    const svg = inclusionCurvePlot(curve, 0.5);
    expect(paths(svg)).toBe(2);
    expect(svg).toContain('contour 0.5');
    expect(svg).toContain('Backbone');
    expect(paths(inclusionCurvePlot(curve.map((p) => ({ ...p, backbone: null })), null))).toBe(1);
    expect(inclusionCurvePlot([], 1)).toContain('No inclusion curve.');
  });
  it('map–model Guinier: the two profiles', () => {
    const pts = Array.from({ length: 10 }, (_, i) => ({ inverseResolutionSquared: (i + 1) / 100, lnAmplitudeMap: -i, lnAmplitudeModel: -i * 0.9 }));
    const svg = mapModelGuinierPlot(pts);
    expect(paths(svg)).toBe(2);
    expect(svg).toContain('Model map (mean equalised)');
  });
});
