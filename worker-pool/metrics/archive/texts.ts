/**
 * Words shared by the archive checks (EMDB validation analysis, higher-levels.md §7.1): what
 * VRS does not compute but EMDB's va and the wwPDB report show. They have no pass/fail
 * criteria and are never counted in the VRS score.
 */
export const ARCHIVE_CRITERIA = 'An archive check (as the EMDB validation analysis shows it) has no automatic criteria; it is not counted in the VRS score.';

/** The summary line of the archive checks (they have no score). */
export function archiveLine(computed: number, total: number): string {
  return `Archive checks (EMDB validation analysis, not counted in the VRS score): ${computed} of ${total} computed.`;
}

/** Protein density used for the expected volume (g/cm³), as in EMDB's volume estimate. */
export const PROTEIN_DENSITY = 1.35;
/** Avogadro's number (1/mol). */
const AVOGADRO = 6.02214076e23;
/** Å³ per dalton of protein at PROTEIN_DENSITY: 1e24 Å³/cm³ / (ρ · N_A). */
export const CUBIC_A_PER_DALTON = 1e24 / (PROTEIN_DENSITY * AVOGADRO);
