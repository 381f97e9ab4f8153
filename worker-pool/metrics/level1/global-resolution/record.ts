/**
 * The record of 1.a Global resolution (issue 12 item 2). Field names are the public contract:
 * the GraphQL type is derived from the schema in index.ts and `vrs validate --json` writes the
 * record as it is. Frequencies in 1/Å, resolutions in Å; a curve value the shell cannot give
 * (empty shell, zero power) and a crossing that never happens up to Nyquist are null.
 */
import type { SectionBase } from '../../section-record.js';

/** One Fourier shell (width 1/(N·Ts), N the largest box side) of the half-map curves. */
export interface FscPoint {
  /** 1/Å, shell centre */
  frequency: number;
  /** Å, 1/frequency (null at shell 0) */
  resolution: number | null;
  /** FSC of the unmasked half maps */
  unmasked: number | null;
  /** FSC of the half maps times the soft mask */
  masked: number | null;
  /** FSC of the masked half maps whose phases were randomised beyond randomizedFromShell */
  phaseRandomized: number | null;
  /** (masked − phaseRandomized)/(1 − phaseRandomized) from randomizedFromShell + 2 on, masked below (relion) */
  corrected: number | null;
  /** half-bit threshold of the shell (EMDB va's formula) */
  halfBit: number | null;
  /** one-bit threshold of the shell */
  oneBit: number | null;
  /** 3σ threshold of the shell */
  threeSigma: number | null;
  /** differential phase residual of the unmasked half maps, degrees */
  dpr: number | null;
  /** VRS's SSNR of the unmasked half maps: mean|F(h1+h2)| / mean|F(h1−h2)| */
  ssnr: number | null;
  /** VRS's logistic model fitted to the unmasked FSC (null when not fitted) */
  logisticFit: number | null;
  /** Fourier coefficients of the whole transform in the shell */
  count: number;
}

/** VRS's logistic model of the unmasked FSC, y = 1 − a/(1 + c + exp(−b·(f − x0))), f in 1/Å. */
export interface LogisticFscFit {
  a: number;
  /** Å */
  b: number;
  /** 1/Å */
  x0: number;
  c: number;
  /** root-mean-square residual of the fit */
  rms: number;
}

export interface GlobalResolution extends SectionBase {
  curve: FscPoint[];
  /** Å, corrected (masked, phase-randomisation corrected) FSC = 0.143 */
  resolution0143: number | null;
  /** Å, unmasked FSC = 0.143 */
  resolution0143Unmasked: number | null;
  /** Å, masked (uncorrected) FSC = 0.143 */
  resolution0143Masked: number | null;
  /** Å, corrected FSC = 0.5 */
  resolution05: number | null;
  /** Å, corrected FSC = half-bit curve */
  resolutionHalfBit: number | null;
  /** Å, corrected FSC = one-bit curve */
  resolutionOneBit: number | null;
  /** Å, corrected FSC = 3σ curve */
  resolutionThreeSigma: number | null;
  /** Å, DPR rises above 102.9° (VRS's code) */
  resolutionDpr: number | null;
  /** Å, log10(SSNR − 1) falls below 0 (SSNR = 2) */
  resolutionSsnr: number | null;
  /** Å, where VRS's logistic fit of the unmasked FSC falls below 0.9: "map information well preserved up to" */
  resolutionPreserved09: number | null;
  /** the fit's parameters (null: the FSC never falls below 0.5, or the fit failed) */
  logisticFit: LogisticFscFit | null;
  /** shell from which phases were randomised: the first (> 0) where the unmasked FSC < 0.8 (relion) */
  randomizedFromShell: number | null;
  /** Å, the resolution of that shell */
  randomizedFrom: number | null;
  /** phase-randomised masked FSC at resolution0143 (relion warns above 0.1) */
  phaseRandomizedAtResolution: number | null;
  /** fraction of the box the soft mask covers (mean of the mask) */
  maskFraction: number;
  /** true when the half maps look masked (their box border is constant) */
  halfMapsLookMasked: boolean;
}
