/**
 * A request's budget of uncomputed work. One GraphQL request can name a section many times
 * under aliases, each with other parameters (25 resolutions of bFactor = 24 computations from
 * one POST). Each section field charges, before it computes, the declared cost (MetricDefinition
 * .cost) of every metric its answer needs that is not stored yet, itself and its dependencies,
 * each memo key once per request; stored results cost nothing. Beyond the budget a field fails
 * with WORK_BUDGET_EXCEEDED, which says to start the level (startLevel0) and poll instead.
 *
 * The budget is one full validation: the declared costs of every registered metric at one set
 * of parameters, times VRS_REQUEST_WORK_FACTOR (default 1). Costs are per voxel of the map, so
 * the budget holds for a map of any size: a report (every section of every level, one set of
 * parameters) always fits, two sets of parameters of everything never do.
 */
import { VrsError } from '../../worker-pool/errors.js';
import { DEFAULT_METRIC_COST } from '../../worker-pool/pool.js';
import type { MetricRegistry } from '../../worker-pool/metrics/registry.js';

/** The memo keys (as text) of the uncomputed metrics an answer needs, with their declared costs. */
export type UncomputedWork = Map<string, number>;

/** VRS_REQUEST_WORK_FACTOR: how many full validations' worth of uncomputed work one request may start (default 1). */
export function requestWorkFactor(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.VRS_REQUEST_WORK_FACTOR);
  return env.VRS_REQUEST_WORK_FACTOR !== undefined && Number.isFinite(n) && n > 0 ? n : 1;
}

/** The declared cost of one full validation: every registered metric once. */
export function fullValidationCost(registry: MetricRegistry): number {
  return registry.names().reduce((sum, name) => sum + (registry.get(name).cost ?? DEFAULT_METRIC_COST), 0);
}

const fmt = (v: number) => String(Number(v.toPrecision(3)));

export class WorkBudget {
  readonly #charged = new Set<string>();
  #spent = 0;

  /** `limit`: in declared-cost units (seconds per million voxels), e.g. fullValidationCost × factor. */
  constructor(readonly limit: number) {}

  get spent(): number {
    return this.#spent;
  }

  /**
   * Charges the work not charged yet by this request; throws WORK_BUDGET_EXCEEDED (charging
   * nothing) when it would go over the limit. `what` names the field for the message.
   */
  charge(work: UncomputedWork, what: string, startMutation: string): void {
    let added = 0;
    const fresh: string[] = [];
    for (const [key, cost] of work) {
      if (this.#charged.has(key)) continue;
      fresh.push(key);
      added += cost;
    }
    if (added === 0) return;
    if (this.#spent + added > this.limit + 1e-9) {
      throw new VrsError('WORK_BUDGET_EXCEEDED',
        `${what} would start ${fresh.length} more uncomputed ${fresh.length === 1 ? 'analysis' : 'analyses'} (declared cost ${fmt(added)}) ` +
        `after ${fmt(this.#spent)} already started by this request; one request may start at most ${fmt(this.limit)}, one full validation of a map ` +
        `(cached results cost nothing). Start the level with ${startMutation} for each set of parameters and poll its status, ` +
        'or ask for fewer parameter sets per request.',
        { added, spent: this.#spent, limit: this.limit });
    }
    for (const key of fresh) this.#charged.add(key);
    this.#spent += added;
  }
}
