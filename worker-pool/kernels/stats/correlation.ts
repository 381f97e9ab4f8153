/**
 * Pearson correlation of two maps over all voxels, a mask, or a list of voxel indices (the CCs of
 * map–model fit: CC_box, CC_mask, CC_volume, CC_peaks, per residue). Sums in float64.
 */
export interface CorrelationSums {
  n: number;
  sa: number;
  sb: number;
  saa: number;
  sbb: number;
  sab: number;
}

export function emptySums(): CorrelationSums {
  return { n: 0, sa: 0, sb: 0, saa: 0, sbb: 0, sab: 0 };
}

export function addPair(s: CorrelationSums, a: number, b: number): void {
  s.n++; s.sa += a; s.sb += b; s.saa += a * a; s.sbb += b * b; s.sab += a * b;
}

/** CC from the sums; null with fewer than 2 values or a constant map among them. */
export function correlationOf(s: CorrelationSums): number | null {
  if (s.n < 2) return null;
  const va = s.saa - (s.sa * s.sa) / s.n, vb = s.sbb - (s.sb * s.sb) / s.n;
  if (!(va > 0) || !(vb > 0)) return null;
  return (s.sab - (s.sa * s.sb) / s.n) / Math.sqrt(va * vb);
}

/** CC of a and b over every voxel, or where mask ≠ 0. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>, mask?: Uint8Array | null): number | null {
  const s = emptySums();
  for (let i = 0; i < a.length; i++) if (!mask || mask[i]) addPair(s, a[i]!, b[i]!);
  return correlationOf(s);
}

/** CC of a and b over the listed voxels. */
export function pearsonAt(a: ArrayLike<number>, b: ArrayLike<number>, indices: ArrayLike<number>): number | null {
  const s = emptySums();
  for (let k = 0; k < indices.length; k++) { const i = indices[k]!; addPair(s, a[i]!, b[i]!); }
  return correlationOf(s);
}
