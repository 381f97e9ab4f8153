/**
 * Reading a metric's inputs by role: `inputVolume(ctx, 'half1')`, `inputModel(ctx)`. A role the
 * metric did not get fails with MAP_INPUT_MISSING (the orchestrator checks before computing,
 * so this only fires for a metric that reads a role it did not declare).
 */
import { VrsError } from '../errors.js';
import type { Volume } from '../volume.js';
import { INPUT_ROLES, type InputRole, type MetricContext, type MetricInputs, type ModelInput } from './types.js';

/** What each role is, for messages. */
export const ROLE_DESCRIPTIONS: Record<InputRole, string> = {
  map: 'the map',
  half1: 'half map 1',
  half2: 'half map 2',
  mask: 'the mask',
  model: 'the atomic model',
};

/** How to attach each role (GraphQL mutation; CLI flag). */
export const ROLE_HINTS: Record<InputRole, string> = {
  map: 'register the map',
  half1: 'attach the half maps (GraphQL attachHalfMaps; vrs validate --half1 H1 --half2 H2)',
  half2: 'attach the half maps (GraphQL attachHalfMaps; vrs validate --half1 H1 --half2 H2)',
  mask: 'attach a mask',
  model: 'attach the atomic model (GraphQL attachModel; vrs validate --model M)',
};

export function isInputRole(value: unknown): value is InputRole {
  return typeof value === 'string' && (INPUT_ROLES as readonly string[]).includes(value);
}

export function missingInput(metric: string, role: InputRole, mapId?: string): VrsError {
  const of = mapId ? ` of map ${mapId.slice(0, 12)}…` : '';
  return new VrsError('MAP_INPUT_MISSING', `${metric} needs ${ROLE_DESCRIPTIONS[role]}${of}, which is not attached; ${ROLE_HINTS[role]}.`, { role });
}

function inputsOf(ctx: Pick<MetricContext<unknown>, 'inputs' | 'volume'>): MetricInputs {
  return { map: ctx.volume, ...(ctx.inputs ?? {}) };
}

/** The volume of a role (map, half1, half2, mask). */
export function inputVolume(ctx: Pick<MetricContext<unknown>, 'inputs' | 'volume'>, role: 'map' | 'half1' | 'half2' | 'mask', metric = 'This metric'): Volume {
  const v = inputsOf(ctx)[role];
  if (!v) throw missingInput(metric, role);
  return v;
}

/** The atomic model. */
export function inputModel(ctx: Pick<MetricContext<unknown>, 'inputs' | 'volume'>, metric = 'This metric'): ModelInput {
  const m = inputsOf(ctx).model;
  if (!m) throw missingInput(metric, 'model');
  return m;
}
