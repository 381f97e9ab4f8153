/**
 * The whole Level 0 record (the GraphQL `level0` field's shape, written by `vrs validate
 * --json`): inputs, one record per section, and the summary made from those records.
 */
import { SECTION_FIELDS, type SectionField } from '../../worker-pool/metrics/level0/placeholder.js';
import { summarize } from '../../worker-pool/metrics/level0/summary.js';
import type { Level0Result, LocalAnalysis, SectionBase } from '../../worker-pool/metrics/level0/types.js';
import type { ComputeOrchestrator, RunOptions } from './orchestrator.js';
import { computeLevel0Sections, type Level0Inputs, type SectionEvent } from './level0.js';

/** The sections the summary grades (every section field but the input-data figures). */
const GRADED = (Object.keys(SECTION_FIELDS) as SectionField[]).filter((f) => SECTION_FIELDS[f] !== null);

/** Builds the Level0Result from the section records (the summary is derived, never stored apart). */
export function assembleLevel0Result(inputs: Level0Inputs, sections: Record<string, unknown>): Level0Result {
  const records = GRADED.map((f) => sections[f] as SectionBase);
  const local = sections.localResolution as LocalAnalysis | undefined;
  const localCounts = local && (local.status === 'OK' || local.status === 'WARNING') && local.percentiles;
  const summary = summarize({
    sections: records,
    resolutionEstimates: localCounts ? [local.percentiles!.p50] : [],
    reportedResolution: inputs.resolution,
  });
  return {
    voxelSize: inputs.voxelSize,
    threshold: inputs.threshold,
    thresholdSource: inputs.thresholdSource,
    resolution: inputs.resolution,
    profile: inputs.profile,
    ...(sections as Omit<Level0Result, 'voxelSize' | 'threshold' | 'thresholdSource' | 'resolution' | 'profile' | 'summary'>),
    summary,
  };
}

/** Computes every Level 0 section through the memo and assembles the record. */
export async function computeLevel0(
  orch: ComputeOrchestrator,
  mapId: string,
  inputs: Level0Inputs,
  options: RunOptions & { onSection?: (e: SectionEvent) => void } = {},
): Promise<{ level0: Level0Result; events: SectionEvent[] }> {
  const { threshold, resolution, profile, voxelSize } = inputs;
  const run = await computeLevel0Sections(orch, mapId, { threshold, resolution, profile, voxelSize }, options);
  return { level0: assembleLevel0Result(inputs, run.sections), events: run.events };
}
