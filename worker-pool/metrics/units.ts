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
