/**
 * A level's whole record (the GraphQL level field's shape, written by `vrs validate --json`):
 * its parameters, one record per section, and the summary made from those records.
 */
import { gradedSections, type LevelDeclaration, type MapFacts } from '../../worker-pool/metrics/levels.js';
import { levelAbstracts, summarize } from '../../worker-pool/metrics/summary.js';
import type { Level0Result, Level0Summary, SectionBase } from '../../worker-pool/metrics/level0/types.js';
import type { ContourSource } from '../../worker-pool/metrics/section-record.js';
import type { ComputeOrchestrator, RunOptions } from './orchestrator.js';
import { computeLevelSections, type Level0Inputs, type SectionEvent } from './levels.js';

/** The summary of a level from its section records (derived, never stored apart). */
export function levelSummary(
  levels: readonly LevelDeclaration[],
  level: LevelDeclaration,
  sections: Record<string, unknown>,
  reportedResolution: number | null,
  threshold?: { value: number; source: ContourSource },
): Level0Summary {
  return summarize({
    sections: gradedSections(level).map((s) => sections[s.field] as SectionBase),
    resolutionEstimates: level.resolutionEstimates?.(sections) ?? [],
    reportedResolution,
    withoutCriteria: gradedSections(level).filter((s) => s.withoutCriteria).map((s) => s.id!),
    abstracts: levelAbstracts(levels, level),
    noResolutionNotice: level.noResolutionNotice,
    ...(threshold ? { threshold } : {}),
    estimatedThresholdNotice: level.estimatedThresholdNotice ?? null,
    ...(level.unscoredLine ? { unscoredLine: level.unscoredLine } : {}),
  });
}

/** A level's record: its parameters, its sections' records, its summary. */
export type LevelResult = Level0Result;

export function assembleLevelResult(levels: readonly LevelDeclaration[], level: LevelDeclaration, inputs: Level0Inputs, sections: Record<string, unknown>): LevelResult {
  return {
    voxelSize: inputs.voxelSize,
    threshold: inputs.threshold,
    thresholdSource: inputs.thresholdSource,
    resolution: inputs.resolution,
    profile: inputs.profile,
    ...(sections as Omit<Level0Result, 'voxelSize' | 'threshold' | 'thresholdSource' | 'resolution' | 'profile' | 'summary'>),
    summary: levelSummary(levels, level, sections, inputs.resolution, { value: inputs.threshold, source: inputs.thresholdSource }),
  };
}

/** Computes every section of the level through the memo and assembles its record. */
export async function computeLevel(
  orch: ComputeOrchestrator,
  levels: readonly LevelDeclaration[],
  level: LevelDeclaration,
  mapId: string,
  inputs: Level0Inputs,
  options: RunOptions & { onSection?: (e: SectionEvent) => void; map?: MapFacts } = {},
): Promise<{ result: LevelResult; events: SectionEvent[] }> {
  const { threshold, resolution, profile, voxelSize } = inputs;
  const run = await computeLevelSections(orch, level, mapId, { threshold, resolution, profile, voxelSize }, options);
  return { result: assembleLevelResult(levels, level, inputs, run.sections), events: run.events };
}
