/**
 * Per-residue values laid out along the sequence as the report plots them
 * (report-renderer/svg/model-plots.ts): x = the residue's place in the model, chains one after
 * another; a residue is named on hover and on the ticks by its chain and author number. Pure,
 * so the shaping is tested without a browser.
 */

export interface Residue { chain: string; number: number; name: string }

/** A residue as the hover and the ticks name it: "chain A, LYS 12"; "A12". */
export const residueName = (r: Residue) => `chain ${r.chain || '(blank)'}, ${r.name} ${r.number}`;
export const residueTick = (r: Residue) => `${r.chain}${r.number}`;

/** The CC below which A.a marks a residue (the report's red bars, its "Residues with CC < 0.5"). */
export const LOW_CC = 0.5;

/** A.a's bars: one series of the residues at or above 0.5, one of those below (red), null elsewhere. */
export function ccBars(residues: (Residue & { cc: number | null })[]): { x: number[]; good: (number | null)[]; low: (number | null)[] } {
  return {
    x: residues.map((_, k) => k),
    good: residues.map((r) => (r.cc != null && r.cc >= LOW_CC ? r.cc : null)),
    low: residues.map((r) => (r.cc != null && r.cc < LOW_CC ? r.cc : null)),
  };
}

/**
 * A.e's line: the residues' values with a gap (x half-way, no value) between two chains, so the
 * line is broken there as the report breaks it; `at[k]` is the residue at x[k] (undefined in a gap).
 */
export function profileLine<R extends Residue>(residues: R[], value: (r: R) => number | null): { x: number[]; y: (number | null)[]; at: (R | undefined)[] } {
  const x: number[] = [], y: (number | null)[] = [], at: (R | undefined)[] = [];
  residues.forEach((r, k) => {
    if (k > 0 && r.chain !== residues[k - 1]!.chain) { x.push(k - 0.5); y.push(null); at.push(undefined); }
    x.push(k); y.push(value(r)); at.push(r);
  });
  return { x, y, at };
}

/** Where each chain starts (x of its first residue) when the model has more than one, for the chain marks. */
export function chainStarts(residues: Residue[]): { x: number; chain: string }[] {
  const starts = residues.flatMap((r, k) => (k === 0 || r.chain !== residues[k - 1]!.chain ? [{ x: k, chain: r.chain || '(blank)' }] : []));
  return starts.length > 1 ? starts : [];
}
