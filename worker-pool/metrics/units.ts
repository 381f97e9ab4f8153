/**
 * The unit of a record field, read from its description: every numeric field's description
 * starts with its unit when it has one ("Å, where the corrected masked FSC falls below 0.143",
 * "nm³ at or above the contour", "% of the raw mask outside…", "degrees: half-angle…"). A
 * dashboard prints it after the number (SectionLayout.scalars). Descriptions that start with
 * words ("fraction of…", "number of…", "CC inside…") have none: the number is dimensionless or a
 * count.
 */

/** Units a description may start with, longest first (so "Å/voxel" wins over "Å"), and how they print. */
const UNITS: readonly (readonly [string, string])[] = [
  ['Å/voxel', 'Å/voxel'], ['Å³', 'Å³'], ['Å²', 'Å²'], ['1/Å²', '1/Å²'], ['1/Å', '1/Å'], ['Å', 'Å'],
  ['nm³', 'nm³'], ['nm²', 'nm²'], ['kDa', 'kDa'], ['Da', 'Da'],
  ['%', '%'], ['degrees', '°'], ['°', '°'], ['map units', 'map units'], ['voxels', 'voxels'], ['pixels', 'px'], ['ms', 'ms'],
].sort((a, b) => b[0].length - a[0].length) as [string, string][];

/** What may follow the unit at the start of a description: its end, punctuation or a space. */
const AFTER = /^($|[\s,:;(])/;

/** The unit a field's description starts with, as printed after a number; null when it has none. */
export function unitOfDescription(description: string | null | undefined): string | null {
  const d = (description ?? '').trimStart();
  for (const [start, printed] of UNITS) if (d.startsWith(start) && AFTER.test(d.slice(start.length))) return printed;
  return null;
}

/** A field name in words: "resolution0143Unmasked" → "Resolution 0143 unmasked", "molecularMass" → "Molecular mass". */
export function fieldInWords(field: string): string {
  const w = field.replace(/([a-z])([A-Z0-9])/g, '$1 $2').replace(/([0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return w[0]!.toUpperCase() + w.slice(1);
}

/**
 * A key number's human label, read from its description (the one source the unit comes from
 * too): the words after the unit, up to the first clause ("; null when…", " (the VRS…)", ": the
 * formula", ", max(…)"): "Å, where the corrected masked FSC falls below 0.143" → "Resolution
 * where the corrected masked FSC falls below 0.143"; "Å: map–model FSC = 0.5, masked (…)" →
 * "Map–model FSC = 0.5, masked". A description that is only a unit ("voxels"), a formula
 * ("includedAtoms / atoms", "4 × slope") or a flag's "true when…" gives the field in words.
 */
export function labelOfDescription(field: string, description: string | null | undefined): string {
  let d = (description ?? '').trim();
  const unit = UNITS.find(([start]) => d.startsWith(start) && AFTER.test(d.slice(start.length)));
  // "% of the atoms…", "voxels the statistics are taken over" read as they are; another unit is dropped with its separator
  if (unit && !['%', 'voxels'].includes(unit[0])) d = d.slice(unit[0].length).replace(/^[\s,:]+/, '');
  // a parenthesis inside the sentence ("the masked (uncorrected) FSC falls…") is kept: set aside while the clauses are cut
  const kept: string[] = [];
  d = d.replace(/ \((?:[^()]|\([^()]*\))*\)(?= [A-Za-z])/g, (m) => `\u0000${kept.push(m) - 1}\u0000`);
  d = d.split(/;|: | \(|, (?=\S*[(=·]|\d)/)[0]!.trim().replace(/^the /, '');
  const formula = !/^[A-Za-z%]/.test(d) || /[a-z][A-Z]|[·/(]/.test(d) || /^(true when|between|at|of|in|above|below)\b/.test(d) || d.split(' ').length < 2;
  d = d.replace(/\u0000(\d+)\u0000/g, (_, i: string) => kept[Number(i)]!);
  if (formula || /[·/]/.test(d)) return fieldInWords(field);
  if (/^where /.test(d) && unit?.[1] === 'Å') d = `resolution ${d}`;
  return d[0]!.toUpperCase() + d.slice(1);
}
