/**
 * Level 0 as a whole: which metric computes which field of the `level0` record, starting every
 * section without waiting (dashboards poll the per-section state), and computing them all for
 * the CLI. A section that fails is reported FAILED with its code; its siblings go on.
 */
import { isVrsError } from '../../worker-pool/errors.js';
import { SECTION_FIELDS, placeholderSection, type SectionField } from '../../worker-pool/metrics/level0/placeholder.js';
import type { SectionId } from '../../worker-pool/metrics/level0/texts.js';
import type { ContourSource } from '../../worker-pool/metrics/level0/types.js';
import type { Level0Params } from '../../worker-pool/metrics/types.js';
import type { ComputeOrchestrator, RunOptions } from './orchestrator.js';
import type { ComputeState, MetricProgress } from './types.js';

export interface Level0SectionSpec {
  /** Field of the Level0 record (= GraphQL field). */
  field: SectionField;
  /** Section id "0.a"…"0.h"; null for the input-data figures. */
  id: SectionId | null;
  metric: string;
}

export const LEVEL0_SECTIONS: readonly Level0SectionSpec[] = (Object.keys(SECTION_FIELDS) as SectionField[])
  .map((field) => ({ field, id: SECTION_FIELDS[field], metric: `level0.${field}` }));

/** The sections whose metric is registered (0.e–0.h arrive with their issue). */
export function availableSections(orch: ComputeOrchestrator): Level0SectionSpec[] {
  return LEVEL0_SECTIONS.filter((s) => orch.registry.has(s.metric));
}

export interface SectionState extends Level0SectionSpec {
  /** 'pending' = nothing asked yet; 'unavailable' = not implemented in this version. */
  state: ComputeState['state'] | 'pending' | 'unavailable';
  computeMillis: number | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  error: { code: string; message: string } | null;
}

/**
 * Starts every Level 0 section of the map and returns at once: each gets a 'queued' row,
 * then runs (its row goes 'running' → 'done' or 'failed'). Failures stay in their rows.
 */
export async function startLevel0(orch: ComputeOrchestrator, mapId: string, params: Level0Params): Promise<SectionState[]> {
  const sections = availableSections(orch);
  for (const s of sections) await orch.deps.store.enqueue(orch.memoKey(mapId, s.metric, params));
  for (const s of sections) {
    orch.runMetric(mapId, s.metric, params).catch(() => {
      // stored in the section's row (state 'failed' with its code); nobody awaits it here
    });
  }
  return level0States(orch, mapId, params);
}

/** The state of every Level 0 section, for polling. */
export async function level0States(orch: ComputeOrchestrator, mapId: string, params: Level0Params): Promise<SectionState[]> {
  return Promise.all(
    LEVEL0_SECTIONS.map(async (s): Promise<SectionState> => {
      if (!orch.registry.has(s.metric)) {
        return { ...s, state: 'unavailable', computeMillis: null, startedAt: null, finishedAt: null, error: null };
      }
      const row = await orch.deps.store.getState(orch.memoKey(mapId, s.metric, params));
      return row ? { ...s, ...row } : { ...s, state: 'pending', computeMillis: null, startedAt: null, finishedAt: null, error: null };
    }),
  );
}

export interface SectionEvent {
  field: string;
  id: SectionId | null;
  metric: string;
  phase: 'started' | 'done' | 'failed';
  fromCache?: boolean;
  /** Wall time seen by the caller, ms. */
  millis?: number;
  computeMillis?: number | null;
  error?: { code: string; message: string };
}

export interface Level0Inputs extends Level0Params {
  thresholdSource: ContourSource;
}

export interface Level0Run {
  /** Section records by field; failed and unavailable sections get a record saying so. */
  sections: Record<string, unknown>;
  events: SectionEvent[];
}

/** Runs every Level 0 section (concurrently, each through the memo) and collects the records. */
export async function computeLevel0Sections(
  orch: ComputeOrchestrator,
  mapId: string,
  params: Level0Params,
  options: RunOptions & { onSection?: (e: SectionEvent) => void } = {},
): Promise<Level0Run> {
  const sections: Record<string, unknown> = {};
  const events: SectionEvent[] = [];
  const emit = (e: SectionEvent) => {
    events.push(e);
    options.onSection?.(e);
  };
  await Promise.all(
    LEVEL0_SECTIONS.map(async (spec) => {
      if (!orch.registry.has(spec.metric)) {
        sections[spec.field] = placeholderSection(spec.field, 'NOT_APPLICABLE', 'This analysis is not available in this version yet.');
        return;
      }
      emit({ field: spec.field, id: spec.id, metric: spec.metric, phase: 'started' });
      const t0 = performance.now();
      try {
        const out = await orch.runMetric<Record<string, unknown>>(mapId, spec.metric, params, {
          signal: options.signal,
          onProgress: options.onProgress as ((p: MetricProgress) => void) | undefined,
        });
        // The record's computeMillis is the memo row's (the time the computation took).
        sections[spec.field] =
          out.result && typeof out.result === 'object' && 'computeMillis' in out.result
            ? { ...out.result, computeMillis: out.computeMillis }
            : out.result;
        emit({ field: spec.field, id: spec.id, metric: spec.metric, phase: 'done', fromCache: out.fromCache, millis: performance.now() - t0, computeMillis: out.computeMillis });
      } catch (error) {
        const e = isVrsError(error) ? { code: error.code as string, message: error.message } : { code: 'INTERNAL', message: String((error as Error)?.message ?? error) };
        sections[spec.field] = placeholderSection(spec.field, 'FAILED', `[${e.code}] ${e.message}`);
        emit({ field: spec.field, id: spec.id, metric: spec.metric, phase: 'failed', millis: performance.now() - t0, error: e });
      }
    }),
  );
  return { sections, events };
}
