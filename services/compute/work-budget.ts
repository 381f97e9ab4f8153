/**
 * A request's budget of uncomputed work. One GraphQL request can name a section many times
 * under aliases, each with other parameters (25 resolutions of bFactor = 24 computations from
 * one POST). Each section field charges, before it computes, the estimated CPU-seconds of every
 * metric its answer needs that is not stored yet, itself and its dependencies, each memo key
 * once per request: the metric's declared cost (MetricDefinition.cost, CPU-seconds per million
 * voxels) times the map's million voxels, so a cheap section of a big map and an expensive one
 * are charged by what they take. Stored results cost nothing. Beyond the budget a field fails
 * with WORK_BUDGET_EXCEEDED, which says to start the level (startLevel0) and poll instead.
 *
 * The budget is one full validation of the largest map the request has charged work to: the
 * declared costs of every registered metric at one set of parameters, times that map's million
 * voxels, times VRS_REQUEST_WORK_FACTOR (default 1). So a report (every section of every
 * level, one set of parameters) always fits, whatever the map's size; two sets of parameters of
 * everything never do, and a request that asks about several maps may start one full
 * validation of the largest.
 */
import { VrsError } from '../../worker-pool/errors.js';
import { DEFAULT_METRIC_COST } from '../../worker-pool/pool.js';
import type { MetricRegistry } from '../../worker-pool/metrics/registry.js';

/** The memo keys (as text) of the uncomputed metrics an answer needs, with their declared costs (per million voxels). */
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

/** The request's budget as one map's sections charge it (their costs scale with its voxels). */
export interface MapWorkBudget {
  /**
   * Charges the work not charged yet by this request; throws WORK_BUDGET_EXCEEDED (charging
   * nothing) when it would go over the limit. `what` names the field for the message.
   */
  charge(work: UncomputedWork, what: string, startMutation: string): void;
}

export class WorkBudget {
  readonly #charged = new Set<string>();
  #spent = 0;
  #largest = 0;

  /** `perMegavoxel`: declared cost units (CPU-seconds per million voxels), e.g. fullValidationCost × factor. */
  constructor(readonly perMegavoxel: number) {}

  /** Estimated CPU-seconds charged so far. */
  get spent(): number {
    return this.#spent;
  }

  /** Estimated CPU-seconds the request may start: perMegavoxel × the largest map charged so far. */
  get limit(): number {
    return this.perMegavoxel * this.#largest;
  }

  /** The budget for the sections of a map of `megavoxels` million voxels. */
  forMap(megavoxels: number): MapWorkBudget {
    return { charge: (work, what, startMutation) => this.#charge(work, megavoxels, what, startMutation) };
  }

  #charge(work: UncomputedWork, megavoxels: number, what: string, startMutation: string): void {
    let added = 0;
    const fresh: string[] = [];
    for (const [key, cost] of work) {
      if (this.#charged.has(key)) continue;
      fresh.push(key);
      added += cost * megavoxels;
    }
    if (fresh.length === 0) return;
    const largest = Math.max(this.#largest, megavoxels);
    const limit = this.perMegavoxel * largest;
    if (this.#spent + added > limit * (1 + 1e-9)) {
      throw new VrsError('WORK_BUDGET_EXCEEDED',
        `${what} would start ${fresh.length} more uncomputed ${fresh.length === 1 ? 'analysis' : 'analyses'} (declared cost ${fmt(added)} CPU-seconds) ` +
        `after ${fmt(this.#spent)} already started by this request; one request may start at most ${fmt(limit)}, one full validation of the largest map ` +
        `it asks about (cached results cost nothing). Start the level with ${startMutation} for each set of parameters and poll its status, ` +
        'or ask for fewer parameter sets per request.',
        { added, spent: this.#spent, limit });
    }
    for (const key of fresh) this.#charged.add(key);
    this.#spent += added;
    this.#largest = largest;
  }
}
