/**
 * The Level 0 service over the compute orchestrator: each section is one memoized
 * `runMetric`; the summary is made from the section records (never stored apart); sections
 * whose metric is not in this version answer NOT_APPLICABLE without computing anything.
 */
import { VrsError } from '../../worker-pool/errors.js';
import type { Level0Params } from '../../worker-pool/metrics/types.js';
import { checkFiniteVoxels, checkResolution, resolveVoxelSize, type StoredStatistics } from '../../worker-pool/metrics/level0/inputs.js';
import type { ComputeOrchestrator } from '../compute/orchestrator.js';
import { LEVEL0_SECTIONS as SPECS, computeLevel0Sections, level0States, startLevel0 } from '../compute/level0.js';
import { placeholderSection } from '../../worker-pool/metrics/level0/placeholder.js';
import { assembleLevel0Result } from '../compute/level0-result.js';
import type { Level0Args, Level0Service, MapRecord, ResolvedLevel0, SectionRun, SectionStateRecord } from '../maps/context.js';

const STATE: Record<string, SectionStateRecord['state']> = {
  queued: 'QUEUED', running: 'RUNNING', done: 'DONE', failed: 'FAILED', pending: 'NOT_STARTED', unavailable: 'NOT_STARTED',
};

export class OrchestratorLevel0Service implements Level0Service {
  constructor(readonly orchestrator: ComputeOrchestrator) {}

  async resolveParams(map: MapRecord, args: Level0Args): Promise<ResolvedLevel0> {
    const profile = args.profile ?? 'standard';
    // The same checks as vrs validate (level0/inputs.ts), on the stored record, before any
    // section runs: a refused input is an error with its code, and no failure is stored.
    checkFiniteVoxels(map.statistics as StoredStatistics); // the stored statistics carry the reader's nanCount
    const voxelSize = resolveVoxelSize(map, args.voxelSize);
    const resolution = args.resolution != null
      ? checkResolution(args.resolution, voxelSize, 'The resolution argument')
      : checkResolution(map.reportedResolution, voxelSize, "The map's reported resolution (set at registration or with setMapMetadata)");
    if (args.threshold != null) return { params: { threshold: args.threshold, resolution, profile, voxelSize }, thresholdSource: 'USER' };
    if (map.contourLevel != null) {
      return { params: { threshold: map.contourLevel, resolution, profile, voxelSize }, thresholdSource: map.contourSource ?? 'USER' };
    }
    const estimated = await this.estimateThreshold(map.id);
    return { params: { threshold: estimated, resolution, profile, voxelSize }, thresholdSource: 'ESTIMATED' };
  }

  /** The threshold estimate of the metrics (level0/inputs.ts), run as a memoized metric when registered. */
  private async estimateThreshold(mapId: string): Promise<number> {
    if (this.orchestrator.registry.has('level0.threshold')) {
      const out = await this.orchestrator.runMetric<{ threshold: number }>(mapId, 'level0.threshold', {});
      return out.result.threshold;
    }
    throw new VrsError('BAD_PARAMETER', 'This map has no contour level and this version cannot estimate one: pass threshold (map units), or register the map with its EMDB header or a contourLevel.');
  }

  async runSection(mapId: string, metric: string, params: Level0Params): Promise<SectionRun> {
    if (metric === 'level0.summary' && !this.orchestrator.registry.has(metric)) return this.summary(mapId, params);
    if (metric === 'level0.summary') return this.orchestrator.runMetric(mapId, metric, params);
    const spec = SPECS.find((s) => s.metric === metric);
    if (!spec) throw new VrsError('BAD_PARAMETER', `Unknown Level 0 section metric ${metric}.`);
    if (!this.orchestrator.registry.has(metric)) {
      return { result: placeholderSection(spec.field, 'NOT_APPLICABLE', 'This analysis is not available in this version yet.'), computeMillis: null, fromCache: false };
    }
    return this.orchestrator.runMetric(mapId, metric, params);
  }

  private async summary(mapId: string, params: Level0Params): Promise<SectionRun> {
    const run = await computeLevel0Sections(this.orchestrator, mapId, params);
    const result = assembleLevel0Result({ ...params, thresholdSource: 'USER' }, run.sections).summary;
    const fromCache = run.events.filter((e) => e.phase === 'done').every((e) => e.fromCache);
    return { result, computeMillis: null, fromCache };
  }

  async start(mapId: string, params: Level0Params): Promise<SectionStateRecord[]> {
    await startLevel0(this.orchestrator, mapId, params);
    return this.states(mapId, params);
  }

  async states(mapId: string, params: Level0Params): Promise<SectionStateRecord[]> {
    return (await level0States(this.orchestrator, mapId, params)).map((s) => ({
      section: s.field,
      metric: s.metric,
      state: STATE[s.state] ?? 'NOT_STARTED',
      startedAt: s.startedAt,
      finishedAt: s.finishedAt,
      computeMillis: s.computeMillis,
      error: s.state === 'unavailable' ? { code: 'NOT_AVAILABLE', message: 'This analysis is not available in this version yet.' } : s.error,
    }));
  }
}
