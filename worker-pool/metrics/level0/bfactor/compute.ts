/**
 * 0.d B-factor analysis (level0.md §4.6, xmipp_volume_correct_bfactor --auto): the Guinier
 * curve ln(mean |F|) per shell ROUND(|f|·X) of the 1/N-normalised half-complex FFT, a
 * least-squares line over the shells with 15 Å ≥ d ≥ R, B = 4·slope, the map sharpened by
 * exp(−B s²/4) for d ≥ R only, and the Guinier curve of the sharpened spectrum.
 * Spectra are the FFT kernel's layout: [z][y][x/2+1] complex interleaved (re, im).
 */
import type { Dims } from '../../../volume.js';
import type { CriteriaProfile } from '../../types.js';
import type { Image } from '../../section-record.js';
import type { BFactorAnalysis, GuinierPoint } from './record.js';
import { NO_RESOLUTION_REASON } from '../texts.js';
import { BFACTOR_CRITERIA, BFACTOR_EXPLANATION, BFACTOR_NOT_MEASURED, BFACTOR_TITLE, bfactorWarnings } from './texts.js';
import { sectionBase } from '../section.js';
import { irfft3dInPlace, rfft3d } from '../../../kernels/fft/fft3d.js';
import { FIT_LOW_RESOLUTION, countFitPoints, guinierFit, guinierPoints, guinierShells, sharpenSpectrum, type RawGuinierPoint } from '../../../kernels/fourier/guinier.js';
import { maxVarianceSlices, type PutArtifact } from '../figures.js';

export const BFACTOR_VERSION = '1';
const TEXTS = {
  title: BFACTOR_TITLE,
  explanation: BFACTOR_EXPLANATION,
  criteria: BFACTOR_CRITERIA,
  algorithm: 'Guinier plot of the 1/N-normalised FFT (shells ROUND(|f|·X)), least squares 15 Å → reported resolution, B = 4·slope (xmipp_volume_correct_bfactor --auto)',
  algorithmVersion: BFACTOR_VERSION,
};

export function bfactorNotApplicable(): BFactorAnalysis {
  return {
    ...sectionBase('0.d', TEXTS, [], { status: 'NOT_APPLICABLE', reason: NO_RESOLUTION_REASON }),
    bFactor: null,
    slope: null,
    intercept: null,
    fitLowResolution: FIT_LOW_RESOLUTION,
    fitHighResolution: null,
    fitPoints: 0,
    guinier: [],
    sharpenedSlices: [],
  };
}

/**
 * The section from the two curves. Without a line (fewer than two shells in the fit range):
 * standard = FAILED "could not be measured"; vrs-2024 = OK with no number (VRS's NaN B
 * passes its test), as Decision 1 says.
 */
export function bfactorSection(
  points: RawGuinierPoint[],
  corrected: RawGuinierPoint[],
  fit: { slope: number; intercept: number } | null,
  resolution: number,
  profile: CriteriaProfile,
  sharpenedSlices: Image[],
): BFactorAnalysis {
  const guinier: GuinierPoint[] = points.map((p, i) => ({
    inverseResolutionSquared: p.x,
    lnAmplitude: p.y,
    lnAmplitudeCorrected: corrected[i]?.y ?? p.y,
    inFit: p.inFit,
  }));
  const B = fit ? 4 * fit.slope : null;
  const warnings: string[] = [];
  if (B !== null && (B < -300 || B > 0)) warnings.push(bfactorWarnings.outOfRange(B));
  const forced = !fit && profile === 'standard' ? { status: 'FAILED' as const, reason: BFACTOR_NOT_MEASURED } : undefined;
  return {
    ...sectionBase('0.d', TEXTS, warnings, forced),
    bFactor: B,
    slope: fit ? fit.slope : null,
    intercept: fit ? fit.intercept : null,
    fitLowResolution: FIT_LOW_RESOLUTION,
    fitHighResolution: resolution,
    fitPoints: countFitPoints(points),
    guinier,
    sharpenedSlices,
  };
}

/** 0.d from the map: not applicable without a resolution. */
export function computeBFactor(data: Float32Array, d: Dims, Ts: number, resolution: number | null, profile: CriteriaProfile, put: PutArtifact): BFactorAnalysis {
  if (resolution === null) return bfactorNotApplicable();
  const spec = rfft3d(data, d, { normalize: 'forward' });
  const points = guinierPoints(guinierShells(spec, d), d.nx, Ts, resolution);
  const fit = guinierFit(points);
  if (!fit) return bfactorSection(points, points, null, resolution, profile, []);
  sharpenSpectrum(spec, d, Ts, 4 * fit.slope, resolution);
  const corrected = guinierPoints(guinierShells(spec, d), d.nx, Ts, resolution);
  // in the spectrum's buffer: the sharpened map only gives its three slices (256 MB less at 400³)
  const sharpened = irfft3dInPlace(spec, d, { normalize: 'forward' });
  return bfactorSection(points, corrected, fit, resolution, profile, maxVarianceSlices(sharpened, d, put, 'sharpenedMapSlice'));
}
