/**
 * 0.h hand (level0.md §4.10, Decision 3, §6.4): helix template matching, the non-neural
 * stand-in for DeepHand. Applies when R ≤ 5 Å.
 *  1. The map low-passed at Rf = min(5, R + 0.5) Å (the map that is matched) and the same plus a
 *     Gaussian of 1.5 Å std (the map whose Hessian finds tubes), by FFT, one after the other in one
 *     buffer (the smoothed map first, dropped once the tubes are found). The map stays on its
 *     own grid: matching samples it by trilinear interpolation on a 1 Å lattice in the helix frame,
 *     which is what "work at 1 Å/px" needs, without resampling a 400³ map to 600³.
 *  2. Tubes in the mask V ≥ t (tubes.ts): straight segments ≥ 8 Å, axis from the tubular voxels'
 *     Hessian directions, packed parallel tubes split apart.
 *  3. Each segment re-centred on its density and matched against ideal right- and left-handed
 *     α-helices (helix-template.ts), blurred to R and low-passed at Rf, on the helical modulation
 *     only (polar-match.ts: ring means removed, so the tube shared by both hands adds nothing):
 *     both axis directions, rotation about the axis every 10° and axial shift 0, 0.5, 1.0 Å (an
 *     ideal helix is a screw: 1.5 Å of shift equals 100° of rotation, already scanned). A tube's
 *     Δ = NCC_right − NCC_left + 0.2 · layer-line contrast. The templates get the map's B: 0.d's
 *     Guinier fit (15 Å → R) on the FFT of step 1, and the template's own over the same shells.
 *  4. Tubes that match either template (best NCC ≥ 0.1) with a helix-like cross-section (profile
 *     NCC ≥ 0.4) vote, weighted by strength² × length: z = weighted mean Δ over its standard
 *     error (sampling, and a systematic per-map term SYSTEMATIC_DELTA); score = 1 − Φ(z) (0 =
 *     correct hand, 1 = mirrored, 0.5 = undecided), confidence = 2Φ(|z|) − 1. Warnings: > 0.5 flipped AND > 0.4 uncertain (two above 0.5), as VRS.
 *  No tube at all, none that votes, or a vote of low confidence (< MEDIUM_CONFIDENCE) is FAILED
 *  ("could not be measured"), saying which.
 */
import type { Dims, Volume } from '../../../volume.js';
import type { Level0Params } from '../../types.js';
import type { HandAnalysis } from './record.js';
import { irfft3dInPlace, rfft3d } from '../../../kernels/fft/fft3d.js';
import { gaussianFilter, lowPass } from '../../../kernels/fourier/filters.js';
import { normalCdf } from '../../../kernels/stats/distributions.js';
import { guinierFit, guinierPoints, guinierShells } from '../../../kernels/fourier/guinier.js';
import { helixTemplate } from '../../../kernels/helix-template.js';
import { trilinear } from '../../../kernels/trilinear.js';
import { centreTube, matchTube, polarSamples, templateSamples, type PolarSamples } from './polar-match.js';
import { SPLIT_RMS, findTubeSegments, type TubeSegment } from './tubes.js';
import { sectionBase } from '../section.js';
import { NO_RESOLUTION_REASON } from '../texts.js';
import {
  HAND_CRITERIA, HAND_EXPLANATION, HAND_METHOD, HAND_NO_HELICES, HAND_NO_TUBES, HAND_NO_TUBES_EVIDENCE, HAND_RESOLUTION_REASON, HAND_TITLE, HAND_UNDECIDED, handWarnings,
} from './texts.js';

// 5: tube axes from the candidates' Hessian directions and groups split across them (1A8O's
// packed helices are found), SYSTEMATIC_DELTA re-measured (0.06 → 0.07), a vote of low
// confidence is FAILED ("could not be measured") with its numbers kept
export const HAND_VERSION = '5';
/** Å: beyond this reported resolution the section does not apply (VRS). */
export const HAND_MAX_RESOLUTION = 5;
/**
 * Best NCC (either hand) of a tube's helical modulation for it to vote, the profile NCC its
 * cross-section needs, the weight of the layer-line contrast in a tube's Δ and the floor of the
 * per-tube spread of Δ in the vote's standard error (one tube alone: z = Δ / 0.12). Chosen by
 * testing/hand-tune.py on the issue-15 test set at 3.0, 4.0 and 5.0 Å only (grid 4 × 4 × 4 × 3: no
 * confident wrong verdict, then most right ones); 3.5 and 4.5 Å are held out (README "0.h test set").
 */
export const HELIX_MIN_NCC = 0.1;
export const HELIX_MIN_PROFILE = 0.4;
export const LAYER_WEIGHT = 0.2;
export const DELTA_NOISE = 0.12;
/**
 * The systematic part of a map's weighted mean Δ that more tubes do not average away: the tubes of
 * one map are not independent (β-sheets of one twist, loops of one fold favour one template), so
 * the vote's standard error is √(spread²/n_eff + SYSTEMATIC_DELTA²) and a map's confidence is
 * bounded by its mean Δ over SYSTEMATIC_DELTA, however many tubes vote. Measured, not tuned:
 * testing/hand-systematic.py takes, on the test set's maps at 3.0, 4.0 and 5.0 Å, the weighted mean Δ
 * of the voting tubes that lie on no helix of the model (truth from the Cα trace) and subtracts
 * its sampling variance: RMS 0.073 over 35 maps (0.068 with 3.5 and 4.5 Å too; version 4's tubes
 * gave 0.062).
 */
export const SYSTEMATIC_DELTA = 0.07;
/** Confidence from which a verdict counts as confident (|z| ≥ 1.96). */
export const HIGH_CONFIDENCE = 0.95;
/**
 * Confidence from which a verdict counts as medium (|z| ≥ 1); below it is low, and the section is
 * FAILED ("could not be measured": the voting tubes do not agree on a hand), its numbers kept.
 */
export const MEDIUM_CONFIDENCE = 0.68;
const NO_TUBES = { tubesFound: 0, tubesUsed: 0 };
/** Segments matched at most (the largest first): bounds the time on big maps. */
export const MAX_SEGMENTS = 150;
/** Å: half-lengths of the matched window (at least two turns of 5.4 Å, at most four) */
const MIN_HALF_WINDOW = 6;
const MAX_HALF_WINDOW = 11;
/** Å: std of the extra Gaussian applied before the Hessian. */
const TUBE_SMOOTHING = 1.5;

const TEXTS = {
  title: HAND_TITLE,
  explanation: HAND_EXPLANATION,
  criteria: HAND_CRITERIA,
  algorithm:
    `${HAND_METHOD}: map low-passed at min(5, R + 0.5) Å; tubes from the Hessian of the map smoothed by a further ` +
    `${TUBE_SMOOTHING} Å Gaussian inside V ≥ t, joined, split across their axis while they spread over ${SPLIT_RMS} Å RMS from it (packed helices), and cut ` +
    'into straight segments ≥ 8 Å (axis from the tubular voxels\' Hessian directions, re-centred on cross-section centroids); map and ideal right- and left-handed α-helices (3.6 residues/turn, 1.5 Å rise; N, Cα, C, ' +
    'O, Cβ as Gaussians of σ = 0.225·R, given the map\'s B: its Guinier slope 15 Å → R as in 0.d, none when that fit fails; ' +
    'low-passed like the map) sampled on rings of 1–5 Å about the axis, ring means ' +
    'removed (the helical modulation); NCC over both axis directions, 10° rotations and 0–1 Å shifts, plus ' +
    `${LAYER_WEIGHT} × the (n = 1, ±1/5.4 Å) layer-line contrast; tubes with best NCC ≥ ${HELIX_MIN_NCC} and profile NCC ≥ ${HELIX_MIN_PROFILE} ` +
    'vote with weight (NCC − 0.05)² × length; z = weighted mean Δ / standard error (the weighted spread over √n_eff and a ' +
    `systematic ${SYSTEMATIC_DELTA} per map, in quadrature); score = 1 − Φ(z), confidence = 2Φ(|z|) − 1; a confidence below ` +
    `${MEDIUM_CONFIDENCE} is "could not be measured".`,
  algorithmVersion: HAND_VERSION,
};

export interface SegmentMatch {
  segment: TubeSegment;
  /** Å: half-length of the matched window */
  halfWindow: number;
  right: number;
  left: number;
  profile: number;
  layerRight: number;
  layerLeft: number;
  helicity: number;
  axial: number;
  localNcc: number[];
}

export interface HandOptions {
  threads?: number;
  maxSegments?: number;
  progress?: (fraction: number, phase?: string) => void;
}

export function handRecord(
  score: number | null, tubes: { tubesFound: number; tubesUsed: number }, evidence: string[],
  forced?: { status: 'NOT_APPLICABLE' | 'FAILED'; reason: string }, vote?: HandVote,
): HandAnalysis {
  const warnings: string[] = [];
  if (score !== null && score > 0.5) warnings.push(handWarnings.flipped);
  if (score !== null && score > 0.4) warnings.push(handWarnings.uncertain);
  return {
    ...sectionBase('0.h', TEXTS, warnings, forced), score, helicesFound: tubes.tubesUsed, evidence, ...tubes,
    weightedScore: vote?.weightedScore ?? null, confidence: vote?.confidence ?? null,
  };
}

/** The 0.h record for a map (Ts = voxelSize, Å), its threshold and reported resolution (Å). */
export function computeHand(volume: Volume, params: Pick<Level0Params, 'threshold' | 'resolution' | 'voxelSize'>, options: HandOptions = {}): HandAnalysis {
  const { resolution: R } = params;
  if (R === null) return handRecord(null, NO_TUBES, [], { status: 'NOT_APPLICABLE', reason: NO_RESOLUTION_REASON });
  if (!(R <= HAND_MAX_RESOLUTION)) return handRecord(null, NO_TUBES, [], { status: 'NOT_APPLICABLE', reason: HAND_RESOLUTION_REASON });
  const { matches, rf, guinierSlope } = handMatches(volume, { ...params, resolution: R }, options);
  return handDecision(matches, rf, guinierSlope);
}

/** Steps 1–3: every tube segment of the map matched with both templates (R ≤ 5 Å). */
export function handMatches(volume: Volume, params: { threshold: number; resolution: number; voxelSize: number }, options: HandOptions = {}): { matches: SegmentMatch[]; rf: number; guinierSlope: number | null } {
  const { resolution: R, threshold, voxelSize: ts } = params;
  const d: Dims = { nx: volume.nx, ny: volume.ny, nz: volume.nz };
  const rf = Math.min(HAND_MAX_RESOLUTION, R + 0.5);
  const progress = options.progress ?? (() => undefined);

  progress(0, 'filtering');
  // The smoothed map is only needed to find the tubes, the matched one only afterwards: they are
  // computed one after the other in the same buffer (one spectrum alive, not two: 258 MB less at
  // 400³, for a second forward FFT of the map).
  const { smooth, spectrum, guinierSlope } = smoothedMap(volume.data, d, ts, rf, R, options.threads);

  progress(0.3, 'tubes');
  // the mask V ≥ t, asked at the sampled voxels only (no box-size array)
  const data = volume.data;
  const segments = findTubeSegments(smooth, (i) => data[i]! >= threshold, d, {
    voxelSize: ts,
    stride: Math.max(1, Math.round(1 / ts)),
    step: Math.max(1, Math.round(1 / ts)),
  }).slice(0, options.maxSegments ?? MAX_SEGMENTS);
  const matched = matchedMap(volume.data, d, ts, rf, options.threads, spectrum);

  progress(0.5, 'template matching');
  const matches = matchSegments(matched, d, ts, segments, R, rf, guinierSlope);
  progress(1);
  return { matches, rf, guinierSlope };
}

/** Per-tube hand evidence: ΔNCC of the templates plus LAYER_WEIGHT × the normalised layer-line contrast. */
export function tubeDelta(m: Pick<SegmentMatch, 'right' | 'left' | 'layerRight' | 'layerLeft'>): number {
  const layer = m.layerRight + m.layerLeft > 0 ? (m.layerRight - m.layerLeft) / (m.layerRight + m.layerLeft) : 0;
  return m.right - m.left + LAYER_WEIGHT * layer;
}

/** A tube counts when it matches a template (either hand) and its cross-section is helix-like. */
export function tubeUsed(m: Pick<SegmentMatch, 'right' | 'left' | 'profile'>): boolean {
  return Math.max(m.right, m.left) >= HELIX_MIN_NCC && m.profile >= HELIX_MIN_PROFILE;
}

/** Weight of a used tube: its strength (best NCC) squared, times its length in units of 10 Å (at most 2). */
export function tubeWeight(m: SegmentMatch): number {
  return (Math.max(m.right, m.left) - HELIX_MIN_NCC / 2) ** 2 * (Math.min(m.segment.length, 20) / 10);
}

export interface HandVote {
  /** weighted mean of the tubes' hand evidence (> 0: right-handed) */
  weightedScore: number;
  /** standard error of weightedScore: the sampling part and SYSTEMATIC_DELTA in quadrature */
  standardError: number;
  /** weightedScore over its standard error */
  z: number;
  /** 0 = correct hand … 1 = mirrored: 1 − Φ(z) */
  score: number;
  /** 2Φ(|z|) − 1: how sure the vote is of the side it takes */
  confidence: number;
}

/**
 * The weighted vote: weighted mean Δ of the used tubes; standard error from their weighted spread
 * (at least DELTA_NOISE, the spread of Δ over tubes measured on the test set) over √n_eff, with
 * the map's systematic SYSTEMATIC_DELTA added in quadrature.
 */
export function handVote(tubes: readonly { delta: number; weight: number }[]): HandVote {
  const W = tubes.reduce((s, t) => s + t.weight, 0);
  const mean = tubes.reduce((s, t) => s + t.weight * t.delta, 0) / W;
  const variance = tubes.reduce((s, t) => s + t.weight * (t.delta - mean) ** 2, 0) / W;
  const nEff = (W * W) / tubes.reduce((s, t) => s + t.weight * t.weight, 0);
  const sampling = Math.max(Math.sqrt(variance), DELTA_NOISE) / Math.sqrt(nEff);
  const standardError = Math.hypot(sampling, SYSTEMATIC_DELTA);
  const z = mean / standardError;
  return { weightedScore: mean, standardError, z, score: 1 - normalCdf(z), confidence: 2 * normalCdf(Math.abs(z)) - 1 };
}

/**
 * Helicity (polar-match.ts) from which a tube shows a clear α-helical wave: ideal templates have
 * 0.87–0.93, tubes on the test set's helices a median of 0.05 and a 90th percentile of 0.20, other
 * tubes 0.07 (reported in the evidence, not used by the vote: β-only 1hpv has such tubes too).
 */
export const CLEAR_HELICITY = 0.15;

function handDecision(matches: SegmentMatch[], rf: number, guinierSlope: number | null): HandAnalysis {
  const bText = guinierSlope === null ? '; no Guinier fit: templates without the map\'s B' : `, templates given the map's Guinier B of ${(4 * guinierSlope).toFixed(0)} Å²`;
  const used = matches.filter(tubeUsed);
  const found = matches.length;
  const base = { tubesFound: found, tubesUsed: used.length };
  if (found === 0) return handRecord(null, base, [HAND_NO_TUBES_EVIDENCE], { status: 'FAILED', reason: HAND_NO_TUBES });
  if (used.length === 0)
    return handRecord(null, base, [`${found} density tubes of 8 Å or more found; none matches an α-helix (best NCC ≥ ${HELIX_MIN_NCC}, profile NCC ≥ ${HELIX_MIN_PROFILE}).`], { status: 'FAILED', reason: HAND_NO_HELICES });
  const tubes = used.map((m) => ({ delta: tubeDelta(m), weight: tubeWeight(m) }));
  const vote = handVote(tubes);
  const nLeft = tubes.filter((t) => t.delta < 0).length;
  const evidence = [
    `${found} density tubes of 8 Å or more found; ${used.length} match an α-helix (best NCC ≥ ${HELIX_MIN_NCC}, profile NCC ≥ ${HELIX_MIN_PROFILE}) and vote.`,
    `${used.length - nLeft} prefer the right-handed template, ${nLeft} the left-handed one (map and templates low-passed at ${rf.toFixed(1)} Å${bText}).`,
    `${used.filter((m) => m.helicity >= CLEAR_HELICITY).length} of the voting tubes show a clear 5.4 Å helical wave (helicity ≥ ${CLEAR_HELICITY}; ` +
      'none: the vote rests on tubes that are not clearly α-helices, e.g. β-strands or loops, and may be wrong).',
    `Weighted score ${vote.weightedScore.toFixed(3)} (> 0: right-handed), standard error ${vote.standardError.toFixed(3)} ` +
      `(the tubes' spread and a systematic ${SYSTEMATIC_DELTA} per map), z = ${vote.z.toFixed(2)}; confidence ${vote.confidence.toFixed(3)} (${confidenceWord(vote.confidence)}).`,
  ];
  // A low-confidence vote is not a measurement: on the test set only the model without helices
  // (β-only 1hpv) gets one, and on either side; the weighted score and confidence stay in the record.
  if (vote.confidence < MEDIUM_CONFIDENCE) return handRecord(null, base, evidence, { status: 'FAILED', reason: HAND_UNDECIDED }, vote);
  return handRecord(vote.score, base, evidence, undefined, vote);
}

/** high ≥ 0.95 (|z| ≥ 1.96), medium ≥ 0.68 (|z| ≥ 1), low below. */
export function confidenceWord(c: number): 'high' | 'medium' | 'low' {
  return c >= HIGH_CONFIDENCE ? 'high' : c >= MEDIUM_CONFIDENCE ? 'medium' : 'low';
}

/**
 * The map low-passed at rf and smoothed further (for the Hessian), written into its spectrum's
 * buffer (`spectrum`, the whole buffer: matchedMap can reuse it once `smooth` is done with), and
 * 0.d's Guinier fit (15 Å → R) on the same FFT: the B the templates are given.
 */
export function smoothedMap(data: Float32Array, d: Dims, ts: number, rf: number, resolution: number, threads?: number): { smooth: Float32Array; spectrum: Float32Array; guinierSlope: number | null } {
  const spec = rfft3d(data, d, { normalize: 'forward', threads });
  const fit = guinierFit(guinierPoints(guinierShells(spec, d), d.nx, ts, resolution));
  lowPass(spec, d, Math.min(0.5, ts / rf));
  // gaussianFilter's σ is Xmipp's: effective std σ/√2 voxels
  gaussianFilter(spec, d, (Math.SQRT2 * TUBE_SMOOTHING) / ts);
  return { smooth: irfft3dInPlace(spec, d, { normalize: 'forward', threads }), spectrum: spec, guinierSlope: fit ? fit.slope : null };
}

/**
 * The map low-passed at rf (the map that is matched), written into its spectrum's buffer: `into`
 * when given (a spectrum-size array whose contents the caller is done with, e.g. smoothedMap's).
 */
export function matchedMap(data: Float32Array, d: Dims, ts: number, rf: number, threads?: number, into?: Float32Array): Float32Array {
  const spec = rfft3d(data, d, { normalize: 'forward', threads }, into);
  lowPass(spec, d, Math.min(0.5, ts / rf));
  return irfft3dInPlace(spec, d, { normalize: 'forward', threads });
}

/** Best NCC of every segment with the right- and the left-handed template (polar-match.ts). */
export function matchSegments(map: Float32Array, d: Dims, ts: number, segments: TubeSegment[], resolution: number, rf: number, guinierSlope: number | null = null): SegmentMatch[] {
  const right = helixTemplate('right', resolution, rf, guinierSlope);
  const left = helixTemplate('left', resolution, rf, guinierSlope);
  const templates = new Map<number, { right: PolarSamples[]; left: PolarSamples[] }>();
  const templatesFor = (h: number) => {
    let t = templates.get(h);
    if (!t) templates.set(h, (t = { right: templateSamples(right, h), left: templateSamples(left, h) }));
    return t;
  };
  const at = (x: number, y: number, z: number) => trilinear(map, d, x, y, z);
  return segments.map((segment) => {
    // the window covers the segment plus a little (tube ends lose their tubularity)
    const h = Math.max(MIN_HALF_WINDOW, Math.min(MAX_HALF_WINDOW, Math.round(segment.length / 2 + 2)));
    const start = { centre: { x: segment.centre.x / ts, y: segment.centre.y / ts, z: segment.centre.z / ts }, axis: segment.axis };
    const frame = centreTube(map, d, start, h, ts);
    const t = templatesFor(h);
    return { segment, halfWindow: h, ...matchTube(polarSamples(at, frame, h, 1 / ts), t.right, t.left) };
  });
}
