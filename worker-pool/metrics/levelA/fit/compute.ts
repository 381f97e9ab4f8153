/**
 * A.a Map–model agreement (Phenix mtriage / validation_cryoem definitions, higher-levels.md §5, §7.2):
 * map–model FSC unmasked and masked, CC_box, CC_mask, CC_volume, CC_peaks, CC per chain and per
 * residue, d99, and VRS's criteria.
 */
import { sharedFloat32, type Vec3, type Volume } from '../../../volume.js';
import type { ModelInput } from '../../types.js';
import { rfft3d, irfft3d } from '../../../kernels/fft/fft3d.js';
import { applyRadialFilter } from '../../../kernels/fourier/filters.js';
import { fourierShellCorrelation, fscCrossing, fscShellMap } from '../../../kernels/fourier/fsc.js';
import { modelDensity, type GridGeometry } from '../../../kernels/model-map/model-map.js';
import { atomDistances, binaryMask, groupCorrelations, softMask } from '../../../kernels/model-map/model-mask.js';
import { pearson } from '../../../kernels/stats/correlation.js';
import { orderStatistics } from '../../../kernels/stats/percentiles.js';
import { levelSectionBase as sectionBaseOf } from '../../level0/section.js';
import { atomImageRadius, maskRadius } from '../model-grid.js';
import { LEVEL_A_NO_RESOLUTION_REASON, notPlacedReason } from '../texts.js';
import type { Placement } from '../placement/record.js';
import type { ChainFit, FitAnalysis, ResidueFit } from './record.js';
import { FIT_CRITERIA, FIT_EXPLANATION, FIT_TITLE, fitWarnings } from './texts.js';

export const FIT_VERSION = '1';
export const FIT_ALGORITHM = 'mtriage-style map–model FSC and CCs (VRS TypeScript)';
/** Å: the soft edge of the masked FSC's mask, beyond the mask radius. */
export const MASKED_FSC_EDGE = 3;
export const LOW_CC = 0.5;

const TEXTS = { title: FIT_TITLE, explanation: FIT_EXPLANATION, criteria: FIT_CRITERIA, algorithm: FIT_ALGORITHM, algorithmVersion: FIT_VERSION };

const EMPTY_NUMBERS = {
  resolution: null, shift: null, maskRadius: null, atomRadius: null, d99: null, ccMask: null, ccBox: null, ccVolume: null, ccPeaks: null,
  fsc05Unmasked: null, fsc0143Unmasked: null, fsc05Masked: null, fsc0143Masked: null,
  fsc: [], chains: [], residues: [], lowCcResidues: [], lowCcFraction: null,
};

export function emptyFit(status: 'FAILED' | 'NOT_APPLICABLE', reason: string): FitAnalysis {
  return { ...sectionBaseOf('A.a', TEXTS, [], { status, reason }), ...EMPTY_NUMBERS };
}

/**
 * d99 from a map's FSC-with-itself curve (its power per shell): the truncated map's CC with the
 * whole map is √(power up to the shell / all power), the mean (shell 0) left out; d99 = 1/f of the
 * first shell where it reaches 0.99 (the corners beyond Nyquist are not counted).
 */
export function d99FromPower(frequency: Float64Array, power: Float64Array, count: Float64Array): number | null {
  let total = 0;
  for (let s = 1; s < power.length; s++) if (count[s]! > 0) total += power[s]! * count[s]!;
  if (!(total > 0)) return null;
  let sum = 0;
  for (let s = 1; s < power.length; s++) {
    if (count[s]! > 0) sum += power[s]! * count[s]!;
    if (Math.sqrt(sum / total) >= 0.99) return 1 / frequency[s]!;
  }
  return null;
}

/** Indices of the n largest values (ties at the threshold included). */
function highest(data: Float32Array, n: number): Uint8Array {
  const out = new Uint8Array(data.length);
  if (n <= 0) return out;
  const t = orderStatistics(data, [Math.max(0, data.length - n)])[0]!;
  for (let i = 0; i < data.length; i++) if (data[i]! >= t) out[i] = 1;
  return out;
}

/** a·w into `out` (the FFT's input: one shared buffer serves both masked maps). */
function multiplyInto(a: Float32Array, w: Float32Array, out: Float32Array): Float32Array {
  for (let i = 0; i < a.length; i++) out[i] = a[i]! * w[i]!;
  return out;
}

const resolutionOf = (f: number | null) => (f !== null && f > 0 ? 1 / f : null);
const finite = (v: number) => (Number.isFinite(v) ? v : null);

export function computeFit(map: Volume, model: ModelInput, grid: GridGeometry, resolution: number | null, placement: Placement): FitAnalysis {
  if (resolution === null) return emptyFit('NOT_APPLICABLE', LEVEL_A_NO_RESOLUTION_REASON);
  if (!placement.placed) return emptyFit('NOT_APPLICABLE', placement.statusReason ?? notPlacedReason(placement.ccMask));
  const shift: Vec3 = placement.shift;
  const d = { nx: grid.nx, ny: grid.ny, nz: grid.nz };
  const ts = grid.voxelSize.x;
  const shells = fscShellMap(d);

  const mapSpec = rfft3d(map.data, d, { normalize: 'none' });
  const self = fourierShellCorrelation(mapSpec, mapSpec, d, ts, { shellMap: shells });
  const d99 = d99FromPower(self.frequency, self.power1, self.count);
  const atomRadius = atomImageRadius(model);
  const radius = maskRadius(resolution, d99, atomRadius);

  // the model map to Nyquist for the FSC, limited to the resolution for the CCs
  const sharp = modelDensity(model, grid, { shift });
  const modelSpec = rfft3d(sharp, d, { normalize: 'none' });
  const unmasked = fourierShellCorrelation(mapSpec, modelSpec, d, ts, { shellMap: shells });
  const fc = ts / resolution;
  applyRadialFilter(modelSpec, d, (f) => (f <= fc ? 1 : 0));
  const modelMap = irfft3d(modelSpec, d, { normalize: 'backward', overwriteInput: true });

  const distances = atomDistances(model, grid, radius + MASKED_FSC_EDGE, shift);
  const soft = softMask(distances, radius, MASKED_FSC_EDGE);
  const product = sharedFloat32(soft.length);
  const maskedMapSpec = rfft3d(multiplyInto(map.data, soft, product), d, { normalize: 'none' });
  const maskedModelSpec = rfft3d(multiplyInto(sharp, soft, product), d, { normalize: 'none' });
  const masked = fourierShellCorrelation(maskedMapSpec, maskedModelSpec, d, ts, { shellMap: shells });
  const mask = binaryMask(distances, radius);
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i]!;

  const top = highest(modelMap, n), peaks = highest(map.data, n);
  for (let i = 0; i < peaks.length; i++) peaks[i] = peaks[i]! | top[i]!;

  const residueCc = groupCorrelations(map.data, modelMap, model, model.residue, model.residueNumber.length, grid, radius, shift);
  const chainOfAtom = Uint32Array.from(model.residue, (r) => model.residueChain[r]!);
  const chainCc = groupCorrelations(map.data, modelMap, model, chainOfAtom, model.chains.length, grid, radius, shift);
  const residues: ResidueFit[] = Array.from(residueCc, (cc, r) => ({
    chain: model.chains[model.residueChain[r]!]!, number: model.residueNumber[r]!, name: model.residueNames[model.residueName[r]!]!, cc: finite(cc),
  }));
  const chainResidues = new Uint32Array(model.chains.length);
  for (const c of model.residueChain) chainResidues[c]!++;
  const chains: ChainFit[] = model.chains.map((chain, c) => ({ chain, residues: chainResidues[c]!, cc: finite(chainCc[c]!) }));
  const withCc = residues.filter((r) => r.cc !== null);
  const lowCcResidues = withCc.filter((r) => r.cc! < LOW_CC);
  const lowCcFraction = withCc.length ? lowCcResidues.length / withCc.length : null;

  const crossing = (c: typeof unmasked, t: number) => resolutionOf(fscCrossing(c.frequency, c.fsc, t));
  const fsc05Masked = crossing(masked, 0.5);
  const warnings: string[] = [];
  if (lowCcFraction !== null && lowCcFraction > 0.1) warnings.push(fitWarnings.lowCc(lowCcFraction, lowCcResidues.length));
  if (fsc05Masked !== null && resolution < 0.8 * fsc05Masked) warnings.push(fitWarnings.resolution(resolution, fsc05Masked));

  return {
    ...sectionBaseOf('A.a', TEXTS, warnings),
    resolution, shift, maskRadius: radius, atomRadius, d99,
    ccMask: pearson(map.data, modelMap, mask),
    ccBox: pearson(map.data, modelMap),
    ccVolume: pearson(map.data, modelMap, top),
    ccPeaks: pearson(map.data, modelMap, peaks),
    fsc05Unmasked: crossing(unmasked, 0.5), fsc0143Unmasked: crossing(unmasked, 0.143), fsc05Masked, fsc0143Masked: crossing(masked, 0.143),
    fsc: Array.from(unmasked.frequency, (frequency, s) => ({ frequency, unmasked: finite(unmasked.fsc[s]!), masked: finite(masked.fsc[s]!) })),
    chains, residues, lowCcResidues, lowCcFraction,
  };
}
