/**
 * 0.h hand (level0.md §4.10, Decision 3, §6.4): helix template matching, the non-neural
 * stand-in for DeepHand. Applies when R ≤ 5 Å.
 *  1. One FFT of the map: low-pass at Rf = min(5, R + 0.5) Å (the map that is matched) and the
 *     same plus a Gaussian of 1.5 Å std (the map whose Hessian finds tubes). The map stays on its
 *     own grid: matching samples it by trilinear interpolation on a 1 Å lattice in the helix frame,
 *     which is what "work at 1 Å/px" needs, without resampling a 400³ map to 600³.
 *  2. Tubes in the mask V ≥ t (hand-tubes.ts): straight segments ≥ 8 Å, axis by PCA.
 *  3. Each segment against ideal right- and left-handed α-helices (helix-template.ts), blurred to
 *     R and low-passed at Rf: both axis directions, rotation about the axis every 10° and axial
 *     shift 0, 0.5, 1.0 Å. The shift range 0–5.4 Å of §6.4 is covered because an ideal helix is
 *     a screw: a shift of 1.5 Å (one residue) equals a rotation of 100°, already scanned.
 *     Max NCC per hand; segments whose best NCC is below 0.5, or that match both hands within
 *     0.05, are not helices and are dropped.
 *  4. Score = Σ max(ΔNCC, 0) / Σ |ΔNCC| with ΔNCC = NCC_left − NCC_right over the helices: the
 *     share of the evidence that prefers the mirrored (left-handed) helix, 0 = correct hand,
 *     1 = mirrored, 0.5 = undecided. Warnings: > 0.5 flipped AND > 0.4 uncertain (two above 0.5).
 */
import type { Dims, Vec3, Volume } from '../../../volume.js';
import type { Level0Params } from '../../types.js';
import type { HandAnalysis } from './record.js';
import { allocateSpectrum, irfft3d, rfft3d } from '../../../kernels/fft/fft3d.js';
import { gaussianFilter, lowPass } from '../../../kernels/fourier/filters.js';
import { cylinderPoints, helixTemplate, templateAt } from '../../../kernels/helix-template.js';
import { trilinear } from '../../../kernels/trilinear.js';
import { findTubeSegments, type TubeSegment } from './tubes.js';
import { sectionBase } from '../section.js';
import { NO_RESOLUTION_REASON } from '../texts.js';
import {
  HAND_CRITERIA, HAND_EXPLANATION, HAND_METHOD, HAND_NOT_MEASURED, HAND_RESOLUTION_REASON, HAND_TITLE, handWarnings,
} from './texts.js';

export const HAND_VERSION = '1';
/** Å: beyond this reported resolution the section does not apply (VRS). */
export const HAND_MAX_RESOLUTION = 5;
/** Best NCC a segment needs to count as an α-helix. */
export const HELIX_MIN_NCC = 0.5;
/**
 * |NCC_left − NCC_right| a helix must show: a plain tube (a loop, a strand, a random coil)
 * matches both hands almost equally (measured: 0.01–0.04 on random-walk chains at 4 Å, against
 * 0.1–0.3 for α-helices) and carries no hand information.
 */
export const HELIX_MIN_DELTA = 0.05;
/** Segments matched at most (the largest first): bounds the time on big maps. */
export const MAX_SEGMENTS = 150;
/** Å: radius of the matched cylinder (backbone at 1.5–2.3 Å, Cβ at 3.3 Å, plus the blur). */
const MATCH_RADIUS = 5;
const ROTATION_STEP_DEG = 10;
const SHIFTS = [0, 0.5, 1.0];
/** Å: std of the extra Gaussian applied before the Hessian. */
const TUBE_SMOOTHING = 1.5;

const TEXTS = {
  title: HAND_TITLE,
  explanation: HAND_EXPLANATION,
  criteria: HAND_CRITERIA,
  algorithm:
    `${HAND_METHOD}: map low-passed at min(5, R + 0.5) Å; tubes from the Hessian of the map smoothed by a further ` +
    `${TUBE_SMOOTHING} Å Gaussian inside V ≥ t, joined into straight segments ≥ 8 Å (axis by PCA); each segment ` +
    'matched against ideal right- and left-handed α-helices (3.6 residues/turn, 1.5 Å rise; N, Cα, C, O, Cβ as ' +
    'Gaussians of σ = 0.225·R, low-passed like the map) over both axis directions, 10° rotations and 0–1.5 Å shifts; ' +
    `segments with best NCC ≥ ${HELIX_MIN_NCC} and |ΔNCC| ≥ ${HELIX_MIN_DELTA} are helices; score = Σ max(ΔNCC, 0) / Σ |ΔNCC|, ΔNCC = NCC(left) − NCC(right).`,
  algorithmVersion: HAND_VERSION,
};

export interface SegmentMatch {
  segment: TubeSegment;
  right: number;
  left: number;
}

export interface HandOptions {
  threads?: number;
  maxSegments?: number;
  progress?: (fraction: number, phase?: string) => void;
}

export function handRecord(score: number | null, helicesFound: number, evidence: string[], forced?: { status: 'NOT_APPLICABLE' | 'FAILED'; reason: string }): HandAnalysis {
  const warnings: string[] = [];
  if (score !== null && score > 0.5) warnings.push(handWarnings.flipped);
  if (score !== null && score > 0.4) warnings.push(handWarnings.uncertain);
  return { ...sectionBase('0.h', TEXTS, warnings, forced), score, helicesFound, evidence };
}

/** The 0.h record for a map (Ts = voxelSize, Å), its threshold and reported resolution (Å). */
export function computeHand(volume: Volume, params: Pick<Level0Params, 'threshold' | 'resolution' | 'voxelSize'>, options: HandOptions = {}): HandAnalysis {
  const { resolution: R, threshold, voxelSize: ts } = params;
  if (R === null) return handRecord(null, 0, [], { status: 'NOT_APPLICABLE', reason: NO_RESOLUTION_REASON });
  if (!(R <= HAND_MAX_RESOLUTION)) return handRecord(null, 0, [], { status: 'NOT_APPLICABLE', reason: HAND_RESOLUTION_REASON });
  const d: Dims = { nx: volume.nx, ny: volume.ny, nz: volume.nz };
  const rf = Math.min(HAND_MAX_RESOLUTION, R + 0.5);
  const progress = options.progress ?? (() => undefined);

  progress(0, 'filtering');
  const { matched, smooth } = filteredMaps(volume.data, d, ts, rf, options.threads);
  const mask = new Uint8Array(volume.data.length);
  for (let i = 0; i < mask.length; i++) mask[i] = volume.data[i]! >= threshold ? 1 : 0;

  progress(0.3, 'tubes');
  const segments = findTubeSegments(smooth, mask, d, {
    voxelSize: ts,
    stride: Math.max(1, Math.round(1 / ts)),
    step: Math.max(1, Math.round(1 / ts)),
  }).slice(0, options.maxSegments ?? MAX_SEGMENTS);

  progress(0.5, 'template matching');
  const matches = matchSegments(matched, d, ts, segments, R, rf);
  const helices = matches.filter((m) => Math.max(m.right, m.left) >= HELIX_MIN_NCC && Math.abs(m.left - m.right) >= HELIX_MIN_DELTA);
  const evidence = [`${segments.length} density tubes of 8 Å or more found; ${helices.length} match an ideal α-helix (NCC ≥ ${HELIX_MIN_NCC}, |ΔNCC| ≥ ${HELIX_MIN_DELTA}).`];
  if (helices.length === 0) return handRecord(null, 0, evidence, { status: 'FAILED', reason: HAND_NOT_MEASURED });
  const score = handScore(helices);
  const nLeft = helices.filter((m) => m.left > m.right).length;
  const mean = (f: (m: SegmentMatch) => number) => helices.reduce((s, m) => s + f(m), 0) / helices.length;
  evidence.push(
    `${helices.length - nLeft} helices prefer the right-handed template, ${nLeft} the left-handed one.`,
    `Mean NCC: right-handed ${mean((m) => m.right).toFixed(3)}, left-handed ${mean((m) => m.left).toFixed(3)} ` +
      `(map and templates low-passed at ${rf.toFixed(1)} Å).`,
  );
  progress(1);
  return handRecord(score, helices.length, evidence);
}

/** Σ max(Δ, 0) / Σ |Δ|, Δ = NCC_left − NCC_right; 0.5 when no segment prefers either. */
export function handScore(matches: readonly { right: number; left: number }[]): number {
  let pos = 0, all = 0;
  for (const m of matches) {
    const delta = m.left - m.right;
    if (delta > 0) pos += delta;
    all += Math.abs(delta);
  }
  return all > 0 ? pos / all : 0.5;
}

/** The map low-passed at rf (matched) and the same smoothed further (for the Hessian), one forward FFT. */
function filteredMaps(data: Float32Array, d: Dims, ts: number, rf: number, threads?: number): { matched: Float32Array; smooth: Float32Array } {
  const spec = rfft3d(data, d, { normalize: 'forward', threads });
  lowPass(spec, d, Math.min(0.5, ts / rf));
  const spec2 = allocateSpectrum(d);
  spec2.set(spec);
  // gaussianFilter's σ is Xmipp's: effective std σ/√2 voxels
  gaussianFilter(spec2, d, (Math.SQRT2 * TUBE_SMOOTHING) / ts);
  const matched = irfft3d(spec, d, { normalize: 'forward', threads, overwriteInput: true });
  const smooth = irfft3d(spec2, d, { normalize: 'forward', threads, overwriteInput: true });
  return { matched, smooth };
}

/** Best NCC of every segment with the right- and the left-handed template. */
export function matchSegments(map: Float32Array, d: Dims, ts: number, segments: TubeSegment[], resolution: number, rf: number): SegmentMatch[] {
  const right = helixTemplate('right', resolution, rf);
  const left = helixTemplate('left', resolution, rf);
  const windows = new Map<number, { points: Int8Array; right: Float64Array; left: Float64Array }>();
  const windowFor = (h: number) => {
    let w = windows.get(h);
    if (!w) {
      const points = cylinderPoints(MATCH_RADIUS, h);
      windows.set(h, (w = { points, right: templateAt(right, points), left: templateAt(left, points) }));
    }
    return w;
  };
  return segments.map((segment) => {
    // the window covers the segment (plus a little: tube ends lose their tubularity), 5–9 Å either side
    const h = Math.max(5, Math.min(9, Math.round(segment.length / 2 + 2)));
    const w = windowFor(h);
    const best = bestNcc(map, d, ts, segment, w.points, w.right, w.left);
    return { segment, right: best.right, left: best.left };
  });
}

function bestNcc(map: Float32Array, d: Dims, ts: number, s: TubeSegment, points: Int8Array, tr: Float64Array, tl: Float64Array): { right: number; left: number } {
  const n = points.length / 3;
  const a = s.axis;
  const u = perpendicular(a);
  const v = cross(a, u); // (u, v, a) right-handed
  let bestR = -1, bestL = -1;
  const cx = s.centre.x / ts, cy = s.centre.y / ts, cz = s.centre.z / ts;
  for (const flip of [1, -1]) {
    // a proper rotation only: flipping the axis flips v too (a mirror would swap the hands)
    const ax = flip * a.x, ay = flip * a.y, az = flip * a.z;
    const vx = flip * v.x, vy = flip * v.y, vz = flip * v.z;
    for (let deg = 0; deg < 360; deg += ROTATION_STEP_DEG) {
      const c = Math.cos((deg * Math.PI) / 180), sn = Math.sin((deg * Math.PI) / 180);
      // template x → uφ, y → vφ, z → a′ (all in voxels of the map)
      const ux = (c * u.x + sn * vx) / ts, uy = (c * u.y + sn * vy) / ts, uz = (c * u.z + sn * vz) / ts;
      const wx = (-sn * u.x + c * vx) / ts, wy = (-sn * u.y + c * vy) / ts, wz = (-sn * u.z + c * vz) / ts;
      const zx = ax / ts, zy = ay / ts, zz = az / ts;
      for (const shift of SHIFTS) {
        let sm = 0, smm = 0, sr = 0, sl = 0;
        for (let k = 0; k < n; k++) {
          const px = points[3 * k]!, py = points[3 * k + 1]!, pz = points[3 * k + 2]! + shift;
          const m = trilinear(map, d, cx + px * ux + py * wx + pz * zx, cy + px * uy + py * wy + pz * zy, cz + px * uz + py * wz + pz * zz);
          sm += m;
          smm += m * m;
          sr += m * tr[k]!;
          sl += m * tl[k]!;
        }
        const norm = Math.sqrt(Math.max(smm - (sm * sm) / n, 0));
        if (norm > 0) {
          if (sr / norm > bestR) bestR = sr / norm;
          if (sl / norm > bestL) bestL = sl / norm;
        }
      }
    }
  }
  return { right: bestR, left: bestL };
}

function perpendicular(a: Vec3): Vec3 {
  const ref = Math.abs(a.x) < 0.9 ? { x: 1, y: 0, z: 0 } : { x: 0, y: 1, z: 0 };
  const p = cross(ref, a);
  const l = Math.hypot(p.x, p.y, p.z);
  return { x: p.x / l, y: p.y / l, z: p.z / l };
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return { x: a.y * b.z - a.z * b.y, y: a.z * b.x - a.x * b.z, z: a.x * b.y - a.y * b.x };
}
