/**
 * The criteria profiles (spec/level0.md): declared once here; the GraphQL enum, the CLI option,
 * the PDF route's query parameter and the report all parse a profile with `parseProfile`.
 */
import { VrsError } from '../errors.js';
import { defineEnum } from './record-schema.js';
import type { CriteriaProfile } from './types.js';

export const CRITERIA_PROFILE = defineEnum('CriteriaProfile', 'Which set of automatic criteria grades the sections (see spec/level0.md)', {
  STANDARD: 'standard',
  VRS_2024: 'vrs-2024',
} as const satisfies Record<string, CriteriaProfile>, {
  STANDARD: 'the default: the VRS methods and thresholds, with the defects that change a number or a verdict fixed',
  VRS_2024: 'the VRS code to the letter, quirks included, comparable with a VRS report number by number',
});

export const PROFILES: readonly CriteriaProfile[] = Object.values(CRITERIA_PROFILE.values);

/**
 * A profile from its name ('standard', 'vrs-2024') or its GraphQL name ('STANDARD', 'VRS_2024'),
 * case-insensitive; anything else is BAD_PARAMETER, naming `what` (e.g. '--profile').
 */
export function parseProfile(text: string, what = 'profile'): CriteriaProfile {
  const name = text.trim().toLowerCase().replace('_', '-');
  const profile = PROFILES.find((p) => p === name);
  if (!profile) throw new VrsError('BAD_PARAMETER', `${what} must be "standard" or "vrs-2024", got "${text}".`);
  return profile;
}
