/**
 * A level as a whole, from its declaration: which metric computes which field of the level's
 * record, starting every section without waiting (dashboards poll the per-section state), and
 * computing them all for the CLI. A section that fails is reported FAILED with its code; its
 * siblings go on.
 */
import { isVrsError, VrsError } from '../../worker-pool/errors.js';
import type { LevelDeclaration, MapFacts, SectionDeclaration } from '../../worker-pool/metrics/levels.js';
import type { ContourSource } from '../../worker-pool/metrics/section-record.js';
import type { Level0Params } from '../../worker-pool/metrics/types.js';
import type { ComputeOrchestrator, RunOptions } from './orchestrator.js';
import type { ComputeState, MetricProgress } from './types.js';

/** One section of one level, as the services see it. */
export interface SectionSpec {
  level: string;
  /** Field of the level's record (= GraphQL field, JSON key). */
  field: string;
  /** Section id, e.g. "0.a"; null for the input-data figures. */
  id: string | null;
  title: string;
  metric: string;
}

export function sectionSpec(level: LevelDeclaration, s: SectionDeclaration): SectionSpec {
  return { level: level.field, field: s.field, id: s.id, title: s.title, metric: s.metric.name };
}

export function sectionSpecs(level: LevelDeclaration): SectionSpec[] {
  return level.sections.map((s) => sectionSpec(level, s));
}

/** The level's sections whose metric is registered (a registry may replace or leave out some: tests). */
export function availableSections(orch: ComputeOrchestrator, level: LevelDeclaration): SectionSpec[] {
  return sectionSpecs(level).filter((s) => orch.registry.has(s.metric));
}

export interface SectionState extends SectionSpec {
  /** 'pending' = nothing asked yet. */
  state: ComputeState['state'] | 'pending';
  computeMillis: number | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  error: { code: string; message: string } | null;
}

/**
 * Starts every section of the level and returns at once: each gets a 'queued' row, then runs
 * (its row goes 'running' → 'done' or 'failed'). Failures stay in their rows.
 */
export async function startLevel(
  orch: ComputeOrchestrator, level: LevelDeclaration, mapId: string, params: Level0Params,
  onDone?: (metric: string, result: unknown) => Promise<void>,
): Promise<SectionState[]> {
  const all = availableSections(orch, level);
  // every key first: a level whose inputs the map lacks is refused (MAP_INPUT_MISSING) before anything is queued;
  // a section that needs more than its level (A.b needs the half maps) is left out (its state says why)
  const keys = await Promise.all(all.map((s) => orch.resolveMemoKey(mapId, s.metric, params).catch((error: unknown) => {
    if (isMissingInput(error) && !level.inputs.includes(error.details?.role as LevelDeclaration['inputs'][number])) return null;
    throw error;
  })));
  const sections = all.filter((_, i) => keys[i] !== null);
  for (const key of keys) if (key !== null) await orch.deps.store.enqueue(key);
  for (const s of sections) {
    orch.runMetric(mapId, s.metric, params).then((run) => onDone?.(s.metric, run.result)).catch(() => {
      // a failure is stored in the section's row (state 'failed' with its code); nobody awaits it here
    });
  }
  return levelStates(orch, level, mapId, params);
}

/** True for the error of a section whose level needs an input the map has not got (half maps, model). */
export function isMissingInput(error: unknown): error is VrsError {
  return isVrsError(error) && error.code === 'MAP_INPUT_MISSING';
}

/** The record of a section that cannot run for want of an input: NOT_APPLICABLE, saying how to attach it. */
export function missingInputRecord(decl: SectionDeclaration, error: VrsError): unknown {
  return decl.empty('NOT_APPLICABLE', `[${error.code}] ${error.message}`);
}

/**
 * The state of every section of the level, for polling. A section whose inputs the map lacks
 * stays 'pending' with the MAP_INPUT_MISSING error (it says how to attach them).
 */
export async function levelStates(orch: ComputeOrchestrator, level: LevelDeclaration, mapId: string, params: Level0Params): Promise<SectionState[]> {
  return Promise.all(
    availableSections(orch, level).map(async (s): Promise<SectionState> => {
      const pending = { ...s, state: 'pending' as const, computeMillis: null, startedAt: null, finishedAt: null, error: null };
      const key = await orch.resolveMemoKey(mapId, s.metric, params).catch((error: unknown) => {
        if (isMissingInput(error)) return error;
        throw error;
      });
      if (key instanceof VrsError) return { ...pending, error: { code: key.code, message: key.message } };
      const row = await orch.deps.store.getState(key);
      return row ? { ...s, ...row } : pending;
    }),
  );
}

export interface SectionEvent extends SectionSpec {
  phase: 'started' | 'done' | 'failed';
  fromCache?: boolean;
  /** Wall time seen by the caller, ms. */
  millis?: number;
  computeMillis?: number | null;
  error?: { code: string; message: string };
}

/** The facts SectionDeclaration.withMap reads, from a map's stored EMDB record. */
export function mapFacts(emdb: unknown): MapFacts {
  const m = (emdb as { molecularMass?: unknown } | null)?.molecularMass;
  return { molecularMass: typeof m === 'number' && m > 0 ? m : null };
}

export interface Level0Inputs extends Level0Params {
  thresholdSource: ContourSource;
}

export interface LevelRun {
  /** Section records by field; failed sections get a record saying so. */
  sections: Record<string, unknown>;
  events: SectionEvent[];
}

/** Runs every section of the level (concurrently, each through the memo) and collects the records. */
export async function computeLevelSections(
  orch: ComputeOrchestrator,
  level: LevelDeclaration,
  mapId: string,
  params: Level0Params,
  options: RunOptions & { onSection?: (e: SectionEvent) => void; map?: MapFacts } = {},
): Promise<LevelRun> {
  const sections: Record<string, unknown> = {};
  const events: SectionEvent[] = [];
  const emit = (e: SectionEvent) => {
    events.push(e);
    options.onSection?.(e);
  };
  await Promise.all(
    level.sections.map(async (decl) => {
      const spec = sectionSpec(level, decl);
      if (!orch.registry.has(spec.metric)) {
        sections[spec.field] = decl.empty('NOT_APPLICABLE', 'This analysis is not available in this version yet.');
        return;
      }
      emit({ ...spec, phase: 'started' });
      const t0 = performance.now();
      try {
        const out = await orch.runMetric<Record<string, unknown>>(mapId, spec.metric, params, {
          signal: options.signal,
          onProgress: options.onProgress as ((p: MetricProgress) => void) | undefined,
        });
        // The record's computeMillis is the memo row's (the time the computation took).
        const record =
          out.result && typeof out.result === 'object' && 'computeMillis' in out.result
            ? { ...out.result, computeMillis: out.computeMillis }
            : out.result;
        sections[spec.field] = decl.withMap && options.map ? decl.withMap(record, options.map) : record;
        emit({ ...spec, phase: 'done', fromCache: out.fromCache, millis: performance.now() - t0, computeMillis: out.computeMillis });
      } catch (error) {
        if (isMissingInput(error)) {
          sections[spec.field] = missingInputRecord(decl, error);
          emit({ ...spec, phase: 'done', millis: performance.now() - t0 });
          return;
        }
        const e = isVrsError(error) ? { code: error.code as string, message: error.message } : { code: 'INTERNAL', message: String((error as Error)?.message ?? error) };
        sections[spec.field] = decl.empty('FAILED', `[${e.code}] ${e.message}`);
        emit({ ...spec, phase: 'failed', millis: performance.now() - t0, error: e });
      }
    }),
  );
  return { sections, events };
}
