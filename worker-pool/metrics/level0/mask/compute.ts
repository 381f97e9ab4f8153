/**
 * 0.b Mask analysis (level0.md §4.4): connected components of the raw mask, how many are
 * needed for 95 % of its voxels, the remaining ones, the mass-vs-threshold table and the
 * overlap with the hard mask. The arithmetic is here as small pure functions; the labelling
 * itself is the labels kernel.
 */
import type { CriteriaProfile } from '../../types.js';
import type { Image } from '../../section-record.js';
import type { ComponentRow, MaskAnalysis, MassTableRow } from './record.js';
import { MASK_EXPLANATION, MASK_TITLE, maskCriteria, maskWarnings } from './texts.js';
import { sectionBase } from '../section.js';
import type { Dims } from '../../../volume.js';
import type { ComponentSummary } from '../masks.js';
import { maxVarianceSlices, type PutArtifact } from '../figures.js';

export const MASK_VERSION = '3'; // 3: the texts say "the threshold", not "the suggested threshold" (issue 17.3)
/** Å³ per dalton (1.207) and daltons per residue (110), as VRS. */
const A3_PER_DA = 1.207;
const DA_PER_RESIDUE = 110;

export interface Components95 {
  componentsTo95: number;
  remainingComponents: number;
  remainingAverageVoxels: number;
  remainingAverageVolume: number;
  remainingMaxVoxels: number;
  remainingMinVoxels: number;
  /** Å³, remainingMaxVoxels·Ts³ and remainingMinVoxels·Ts³ (see below) */
  remainingMaxVolume: number;
  remainingMinVolume: number;
  components: ComponentRow[];
}

/**
 * sizes: component sizes (labels ≥ 1) sorted descending; total = raw-mask voxels S;
 * backgroundVoxels = voxels of label 0 (only the vrs-2024 walk uses it).
 * standard: exact count, max remaining = largest component not included, average volume
 * voxRem/nRem·Ts³. vrs-2024: the VRS walk over the list with the background label in it
 * (count = loop counter − 1), max remaining = entry at that position, min = last entry
 * overall, average volume = Ts³ (the VRS bug).
 * Max/min volumes are the max/min voxels · Ts³ in both profiles: VRS computes
 * maxVolumeRemaining = individualMass[idx[ncomponents95]]·Ts3 and minVolumeRemaining =
 * individualMass[idx[-1]]·Ts3 (level0.md §4.4 limits the Ts³ quirk to the average), so
 * vrs-2024 inherits only the quirk of which component is "max" (the last included one).
 */
export function componentsTo95(
  sizes: ArrayLike<number>,
  total: number,
  backgroundVoxels: number,
  Ts: number,
  profile: CriteriaProfile,
): Components95 {
  const Ts3 = Ts ** 3;
  const n = sizes.length;
  const rows: ComponentRow[] = [];
  const row = (m: number, cum: number): ComponentRow => ({
    voxels: m,
    volume: m * Ts3,
    percentage: (100 * m) / total,
    cumulativePercentage: (100 * cum) / total,
  });
  if (profile === 'vrs-2024') {
    // numpy argsort of −counts with label 0 inserted; on equal sizes label 0 comes first.
    const list: number[] = [];
    let bgPlaced = false;
    for (let i = 0; i < n; i++) {
      if (!bgPlaced && backgroundVoxels >= sizes[i]!) {
        list.push(-1);
        bgPlaced = true;
      }
      list.push(i);
    }
    if (!bgPlaced) list.push(-1);
    const sizeAt = (pos: number) => (list[pos]! < 0 ? backgroundVoxels : sizes[list[pos]!]!);
    let cum = 0;
    let i = 0;
    while (cum / total < 0.95) {
      if (list[i]! >= 0) {
        const m = sizes[list[i]!]!;
        cum += m;
        if (i < 100) rows.push(row(m, cum));
      }
      i++;
    }
    const k = i - 1;
    const nRem = n - k;
    const voxRem = total - cum;
    const maxVoxels = sizeAt(k);
    const minVoxels = sizeAt(list.length - 1);
    return {
      componentsTo95: k,
      remainingComponents: nRem,
      remainingAverageVoxels: nRem > 0 ? voxRem / nRem : 0,
      remainingAverageVolume: nRem > 0 && voxRem > 0 ? Ts3 : 0,
      remainingMaxVoxels: maxVoxels,
      remainingMinVoxels: minVoxels,
      remainingMaxVolume: maxVoxels * Ts3,
      remainingMinVolume: minVoxels * Ts3,
      components: rows,
    };
  }
  let cum = 0;
  let k = 0;
  while (cum / total < 0.95 && k < n) {
    cum += sizes[k]!;
    k++;
    if (k <= 100) rows.push(row(sizes[k - 1]!, cum));
  }
  const nRem = n - k;
  const voxRem = total - cum;
  const maxVoxels = nRem > 0 ? sizes[k]! : 0;
  const minVoxels = nRem > 0 ? sizes[n - 1]! : 0;
  return {
    componentsTo95: k,
    remainingComponents: nRem,
    remainingAverageVoxels: nRem > 0 ? voxRem / nRem : 0,
    remainingAverageVolume: nRem > 0 ? (voxRem / nRem) * Ts3 : 0,
    remainingMaxVoxels: maxVoxels,
    remainingMinVoxels: minVoxels,
    remainingMaxVolume: maxVoxels * Ts3,
    remainingMinVolume: minVoxels * Ts3,
    components: rows,
  };
}

/** numpy.arange(step, max, step) with step = max/25, in float64: 24 values, sometimes 25. */
export function massThresholds(max: number): number[] {
  const step = max / 25;
  const count = Math.max(0, Math.ceil((max - step) / step));
  return Array.from({ length: count }, (_, i) => step + i * step);
}

/** kDa and residues from a voxel count: w·Ts³/(1.207·1000) and w·Ts³/(110·1.207). */
export function massRow(threshold: number, voxels: number, Ts: number): MassTableRow {
  const vol = voxels * Ts ** 3;
  return {
    threshold,
    voxels,
    molecularMassKDa: vol / (A3_PER_DA * 1000),
    aminoAcids: vol / (DA_PER_RESIDUE * A3_PER_DA),
  };
}

/** The mass table: for each threshold g, the voxels with value > g (strict). One pass. */
export function massTable(data: Float32Array, Ts: number): MassTableRow[] {
  let max = -Infinity;
  for (let i = 0; i < data.length; i++) if (data[i]! > max) max = data[i]!;
  const g = massThresholds(max);
  const k = g.length;
  // above[j] = voxels whose value exceeds exactly j thresholds (g ascending).
  const above = new Float64Array(k + 1);
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!(v > g[0]!)) {
      above[0]!++;
      continue;
    }
    let lo = 1;
    let hi = k; // answer in [1, k]: number of g below v
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (v > g[mid - 1]!) lo = mid;
      else hi = mid - 1;
    }
    above[lo]!++;
  }
  const rows: MassTableRow[] = [];
  let cum = 0;
  const counts = new Array<number>(k);
  for (let j = k; j >= 1; j--) {
    cum += above[j]!;
    counts[j - 1] = cum;
  }
  for (let j = 0; j < k; j++) rows.push(massRow(g[j]!, counts[j]!, Ts));
  return rows;
}

/** Voxels set in both masks. */
export function overlapCount(a: Uint8Array, b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] && b[i]) n++;
  return n;
}

export interface MaskNumbers {
  connectedComponents: number;
  /** component sizes (labels ≥ 1) sorted descending */
  sortedSizes: ArrayLike<number>;
  totalVoxels: number;
  backgroundVoxels: number;
  massTable: MassTableRow[];
  hardMaskVoxels: number;
  overlapVoxels: number;
  voxelSize: number;
  profile: CriteriaProfile;
  rawMaskSlices: Image[];
}

export function maskSection(m: MaskNumbers): MaskAnalysis {
  const Ts3 = m.voxelSize ** 3;
  const c = componentsTo95(m.sortedSizes, m.totalVoxels, m.backgroundVoxels, m.voxelSize, m.profile);
  const largest = m.sortedSizes.length > 0 ? m.sortedSizes[0]! : 0;
  const percentOutsideLargest = m.totalVoxels > 0 ? (100 * (m.totalVoxels - largest)) / m.totalVoxels : 0;
  const overlap = m.totalVoxels > 0 ? m.overlapVoxels / m.totalVoxels : 0;
  const warnings: string[] = [];
  if (c.componentsTo95 > 5) warnings.push(maskWarnings.connectivity);
  if (m.profile === 'vrs-2024') {
    if (c.remainingAverageVolume > 5) warnings.push(maskWarnings.noiseBlobVolume(c.remainingAverageVolume));
  } else if (percentOutsideLargest > 10) warnings.push(maskWarnings.outsideLargest(percentOutsideLargest));
  if (overlap < 0.75) warnings.push(maskWarnings.overlap);
  return {
    ...sectionBase(
      '0.b',
      {
        title: MASK_TITLE,
        explanation: MASK_EXPLANATION,
        criteria: maskCriteria(m.profile),
        algorithm: 'Raw mask V ≥ t, 26-connected components, cumulative sizes to 95 %, mass table (V > g), overlap with the hard mask',
        algorithmVersion: MASK_VERSION,
      },
      warnings,
    ),
    connectedComponents: m.connectedComponents,
    totalVoxels: m.totalVoxels,
    totalVolume: m.totalVoxels * Ts3,
    components: c.components,
    componentsTo95: c.componentsTo95,
    remainingComponents: c.remainingComponents,
    remainingAverageVoxels: c.remainingAverageVoxels,
    remainingAverageVolume: c.remainingAverageVolume,
    remainingMaxVoxels: c.remainingMaxVoxels,
    remainingMinVoxels: c.remainingMinVoxels,
    remainingMaxVolume: c.remainingMaxVolume,
    remainingMinVolume: c.remainingMinVolume,
    percentOutsideLargest,
    massTable: m.massTable,
    hardMaskVoxels: m.hardMaskVoxels,
    hardMaskVolume: m.hardMaskVoxels * Ts3,
    overlap,
    rawMaskSlices: m.rawMaskSlices,
  };
}

/** 0.b from the map, its raw and hard masks and the raw mask's components. */
export function computeMask(
  data: Float32Array,
  d: Dims,
  masks: { raw: Uint8Array; hard: Uint8Array; rawVoxels: number; hardVoxels: number; components: ComponentSummary },
  Ts: number,
  profile: CriteriaProfile,
  put: PutArtifact,
): MaskAnalysis {
  return maskSection({
    connectedComponents: masks.components.count,
    sortedSizes: masks.components.sortedSizes,
    totalVoxels: masks.rawVoxels,
    backgroundVoxels: masks.components.backgroundVoxels,
    massTable: massTable(data, Ts),
    hardMaskVoxels: masks.hardVoxels,
    overlapVoxels: overlapCount(masks.raw, masks.hard),
    voxelSize: Ts,
    profile,
    rawMaskSlices: maxVarianceSlices(masks.raw, d, put, 'rawMaskSlice'),
  });
}
