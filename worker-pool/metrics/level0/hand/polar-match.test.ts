/**
 * The polar matcher on analytic cases: a pure helical wave of known hand, an ideal helix template
 * against itself and its mirror, and a tube whose axis is offset (re-centring).
 */
import { describe, expect, it } from 'vitest';
import { helixTemplate } from '../../../kernels/helix-template.js';
import { guinierFit, guinierPoints, guinierShells } from '../../../kernels/fourier/guinier.js';
import { rfft3d } from '../../../kernels/fft/fft3d.js';
import { HELIX_PITCH, LOCAL_WINDOW, axialShare, centreTube, layerLine, matchTube, polarSamples, templateSamples, trilinear } from './polar-match.js';

const axisZ = { x: 0, y: 0, z: 1 };

describe('polar matching', () => {
  it('a right-handed helical wave has its n = 1 layer-line amplitude on the right-handed side only (and its mirror on the left)', () => {
    const wave = (hand: 1 | -1) => (x: number, y: number, z: number) => Math.hypot(x, y) * Math.cos(Math.atan2(y, x) - (hand * 2 * Math.PI * z) / HELIX_PITCH);
    const frame = { centre: { x: 0, y: 0, z: 0 }, axis: axisZ };
    const r = layerLine(polarSamples(wave(1), frame, 10, 1));
    const l = layerLine(polarSamples(wave(-1), frame, 10, 1));
    for (let k = 0; k < r.right.length; k++) {
      expect(r.left[k]!).toBeLessThan(0.02 * r.right[k]!);
      expect(l.right[k]!).toBeLessThan(0.02 * l.left[k]!);
    }
  });

  it('an ideal right-handed helix matches the right-handed template (NCC ≈ 1) better than the left-handed one; the mirror the other way', () => {
    const right = helixTemplate('right', 4, 4.5), left = helixTemplate('left', 4, 4.5);
    const h = 8;
    // the map: the right-handed template itself, axis tilted in the frame by being read along −z (a proper rotation)
    const map = polarSamples((x, y, z) => trilinear(right.data, right.dims, x, y, z), { centre: { x: right.centre, y: right.centre, z: right.centre + 0.3 }, axis: { x: 0, y: 0, z: -1 } }, h, 1);
    const m = matchTube(map, templateSamples(right, h), templateSamples(left, h));
    expect(m.right).toBeGreaterThan(0.95);
    expect(m.right - m.left).toBeGreaterThan(0.3);
    expect(m.profile).toBeGreaterThan(0.95);
    const mirrored = polarSamples((x, y, z) => trilinear(left.data, left.dims, x, y, z), { centre: { x: left.centre, y: left.centre, z: left.centre + 0.3 }, axis: axisZ }, h, 1);
    const mm = matchTube(mirrored, templateSamples(right, h), templateSamples(left, h));
    expect(mm.left - mm.right).toBeGreaterThan(0.3);
  });

  it('re-centres a tube whose starting axis misses it by 2 Å', () => {
    const t = helixTemplate('right', 4, 4.5);
    const c = t.centre;
    const f = centreTube(t.data, t.dims, { centre: { x: c + 2, y: c - 1, z: c }, axis: axisZ }, 8, 1);
    expect(Math.hypot(f.centre.x - c, f.centre.y - c)).toBeLessThan(0.5);
    expect(Math.abs(f.axis.z)).toBeGreaterThan(0.99);
  });

  it('helicity: 1 for a pure 5.4 Å helical wave (either hand), near 0 for a wave of 8 Å pitch or a two-fold pattern constant along the axis', () => {
    const frame = { centre: { x: 0, y: 0, z: 0 }, axis: axisZ };
    const share = (f: (x: number, y: number, z: number) => number) => {
      const s = polarSamples(f, frame, 10, 1);
      return matchTube(s, [s], [s]).helicity;
    };
    const phi = (x: number, y: number) => Math.atan2(y, x);
    expect(share((x, y, z) => Math.hypot(x, y) * Math.cos(phi(x, y) - (2 * Math.PI * z) / HELIX_PITCH))).toBeGreaterThan(0.95);
    expect(share((x, y, z) => Math.hypot(x, y) * Math.cos(phi(x, y) + (2 * Math.PI * z) / HELIX_PITCH))).toBeGreaterThan(0.95);
    expect(share((x, y, z) => Math.hypot(x, y) * Math.cos(phi(x, y) - (2 * Math.PI * z) / 8))).toBeLessThan(0.3);
    expect(share((x, y) => Math.hypot(x, y) * Math.cos(2 * phi(x, y)))).toBeLessThan(0.01);
  });

  it('axial share: near 0 for a helical wave, 1 for a two-fold pattern constant along the axis (a sheet seen along a strand)', () => {
    const frame = { centre: { x: 0, y: 0, z: 0 }, axis: axisZ };
    const phi = (x: number, y: number) => Math.atan2(y, x);
    const h = 10, nz = 2 * h + 1;
    const wave = polarSamples((x, y, z) => Math.hypot(x, y) * Math.cos(phi(x, y) - (2 * Math.PI * z) / HELIX_PITCH), frame, h, 1);
    const sheet = polarSamples((x, y) => Math.hypot(x, y) * Math.cos(2 * phi(x, y)), frame, h, 1);
    expect(axialShare(wave.residual, nz)).toBeLessThan(0.05);
    expect(axialShare(sheet.residual, nz)).toBeCloseTo(1, 6);
  });

  it('11 Å window NCC: ≈ 1 along an ideal helix matched with its own template, one window per start row', () => {
    const right = helixTemplate('right', 4, 4.5), left = helixTemplate('left', 4, 4.5);
    const h = 9;
    const map = polarSamples((x, y, z) => trilinear(right.data, right.dims, x, y, z), { centre: { x: right.centre, y: right.centre, z: right.centre }, axis: axisZ }, h, 1);
    const m = matchTube(map, templateSamples(right, h), templateSamples(left, h));
    expect(m.localNcc).toHaveLength(2 * h + 1 - LOCAL_WINDOW + 1);
    for (const c of m.localNcc) expect(c).toBeGreaterThan(0.95);
    // a helix on one half of the tube only (the other half a plain cylinder): the windows on the helix stay ≈ 1,
    // those past it fall (the tube's NCC alone cannot say how much of it is helix)
    const half = polarSamples((x, y, z) => (z <= right.centre ? trilinear(right.data, right.dims, x, y, z) : Math.exp(-((x - right.centre) ** 2 + (y - right.centre) ** 2) / 8)), { centre: { x: right.centre, y: right.centre, z: right.centre }, axis: axisZ }, h, 1);
    const l = matchTube(half, templateSamples(right, h), templateSamples(left, h)).localNcc;
    expect(Math.max(...l)).toBeGreaterThan(0.9);
    expect(Math.min(...l)).toBeLessThan(0.8);
  });

  it("a template given a map's Guinier slope has that slope (15 Å → R) itself", () => {
    const slopeOf = (t: ReturnType<typeof helixTemplate>) => guinierFit(guinierPoints(guinierShells(rfft3d(t.data, t.dims, { normalize: 'forward', threads: 1 }), t.dims), t.dims.nx, 1, 4))!.slope;
    // low-pass at Nyquist (2 Å on the 1 Å grid) so that only the B adjustment shapes the shells 15 → 4 Å
    const plain = slopeOf(helixTemplate('right', 4, 2));
    for (const target of [plain - 10, plain + 5]) expect(slopeOf(helixTemplate('right', 4, 2, target))).toBeCloseTo(target, 0);
  });
});
