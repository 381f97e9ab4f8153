/**
 * The context every subgraph resolver receives: the services, each behind a narrow interface
 * declared in its own module (maps/service-types.ts, level0/service-types.ts,
 * reports/service-types.ts), and the per-request loaders. Resolvers only read these: they do
 * no arithmetic and no I/O of their own, so tests can hand them small in-memory services.
 */
import DataLoader from 'dataloader';
import type { LevelsService } from '../level0/service-types.js';
import type { MapWorkBudget, WorkBudget } from '../compute/work-budget.js';
import type { ReportsService } from '../reports/service-types.js';
import type { MapInputsRecord } from './inputs.js';
import type { MapRecord, MapsService } from './service-types.js';

export interface Services {
  maps: MapsService;
  levels: LevelsService;
  reports: ReportsService;
}

/** The context every subgraph resolver receives; one per request. */
export interface SubgraphContext {
  services: Services;
  loaders?: { map?: DataLoader<string, MapRecord | null>; inputs?: DataLoader<string, MapInputsRecord> };
  /** The request's budget of uncomputed work (services/compute/work-budget.ts), made on first use. */
  workBudget?: WorkBudget | null;
}

/** The request's budget of uncomputed work for a map of `megavoxels` (undefined when the levels service sets none). */
export function requestWorkBudget(ctx: SubgraphContext, megavoxels: number): MapWorkBudget | undefined {
  if (ctx.workBudget === undefined) ctx.workBudget = ctx.services.levels.workBudget?.() ?? null;
  return ctx.workBudget?.forMap(megavoxels);
}

/** The request's map loader: batches reference resolution and lookups (one per request). */
export function mapLoader(ctx: SubgraphContext): DataLoader<string, MapRecord | null> {
  ctx.loaders ??= {};
  ctx.loaders.map ??= new DataLoader<string, MapRecord | null>((ids) => ctx.services.maps.getMany(ids));
  return ctx.loaders.map;
}

/** The request's loader of map inputs (half maps, model): one query for every map of the request. */
export function inputsLoader(ctx: SubgraphContext): DataLoader<string, MapInputsRecord> {
  ctx.loaders ??= {};
  ctx.loaders.inputs ??= new DataLoader<string, MapInputsRecord>((ids) => ctx.services.maps.inputsOf(ids));
  return ctx.loaders.inputs;
}
