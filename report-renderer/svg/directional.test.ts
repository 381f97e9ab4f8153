import { describe, expect, it } from 'vitest';
import { directionalFscPlot, directionMap } from './directional.js';

describe('1.h plots', () => {
  it('direction map: one dot per axis, a lower-hemisphere axis drawn at its upper representative', () => {
    const dirs = [
      { x: 0, y: 0, z: 1, resolution: 8 },
      { x: 1, y: 0, z: 0, resolution: 4 },
      { x: 0, y: 0, z: -1, resolution: 8 },
    ];
    const svg = directionMap(dirs, 0.9);
    const dots = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" r="4.2" fill="rgb\((\d+),(\d+),(\d+)\)"/g)];
    expect(dots).toHaveLength(3);
    // +z and −z are the same axis: both at the centre, in the worst (red end) colour
    expect(dots[0]![1]).toBe('165.00');
    expect(dots[2]![1]).toBe('165.00');
    expect(dots[0]![2]).toBe(dots[2]![2]);
    // x on the equator: radius R = 140 from the centre, best (blue end) colour
    expect(Number(dots[1]![1])).toBeCloseTo(305, 6);
    expect(Number(dots[1]![5])).toBeGreaterThan(Number(dots[1]![3]));
    expect(svg).toContain('sphericity 0.900');
  });

  it('FSC plot: the threshold line and the global resolution label', () => {
    const curve = [0.05, 0.1, 0.15, 0.2, 0.25].map((f, k) => ({ frequency: f, resolution: 1 / f, global: 1 - 0.2 * k, mean: 1 - 0.2 * k, sd: 0.05, min: 0.9 - 0.2 * k, max: 1 }));
    const svg = directionalFscPlot(curve, 0.143, 4.5);
    expect(svg).toContain('4.5 Å');
    expect(svg).toContain('FSC = 0.143');
    expect(directionalFscPlot([], 0.143, null)).toContain('No FSC curve.');
  });
});
