/** Numbers as the report prints them: significant digits, a dash for none. */
export const fmt = (v: number | null | undefined, digits = 3): string => (v == null || !Number.isFinite(v) ? '–' : Number(v.toPrecision(digits)).toString());
export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
