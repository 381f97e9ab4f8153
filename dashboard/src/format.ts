/** Numbers as the report prints them: significant digits, a dash for none. */
export const fmt = (v: number | null | undefined, digits = 3): string => (v == null || !Number.isFinite(v) ? '–' : Number(v.toPrecision(digits)).toString());
export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/**
 * A number with its unit, the one way the dashboard writes a quantity (cards, ranks, plot
 * annotations): "3.41 Å", "122.2 nm³", "12.5 %", "30°"; the unit as the schema gives it
 * (SectionLayout.scalars), none for a dimensionless number; a dash, without unit, for none.
 */
export function quantity(v: number | null | undefined, unit: string | null | undefined, digits = 4): string {
  const n = fmt(v, digits);
  if (n === '–' || !unit) return n;
  return unit === '°' ? `${n}°` : `${n} ${unit}`;
}

/** A spatial frequency (1/Å) with the resolution it stands for: "0.25 1/Å (4 Å)". */
export const frequency = (f: number | null | undefined, digits = 3): string =>
  f == null || !Number.isFinite(f) ? '–' : f > 0 ? `${quantity(f, '1/Å', digits)} (${quantity(1 / f, 'Å', digits)})` : quantity(f, '1/Å', digits);
