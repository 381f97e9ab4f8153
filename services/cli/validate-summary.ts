/** The readable summary `vrs validate` prints on stdout: inputs, the section table, warnings, score. */
import { gradedSections, type LevelDeclaration } from '../../worker-pool/metrics/levels.js';
import type { ContourSource, SectionBase } from '../../worker-pool/metrics/section-record.js';
import { THRESHOLD_ESTIMATE_RULE } from '../../worker-pool/metrics/level0/texts.js';
import type { LevelResult } from '../compute/level-result.js';
import type { SectionEvent } from '../compute/levels.js';

/** One level's record, with its declaration. */
export interface LevelOutcome {
  level: LevelDeclaration;
  result: LevelResult;
}

export interface MapLine {
  id: string;
  name: string;
  dimensions: { nx: number; ny: number; nz: number };
  voxelSize: number;
}

/** Where the threshold came from; an estimate says by which rule and how to give one instead. */
function thresholdOrigin(source: ContourSource): string {
  return source === 'ESTIMATED'
    ? `estimated as ${THRESHOLD_ESTIMATE_RULE}; give one with --threshold T or --emdb-header XML`
    : source.toLowerCase().replace('_', ' ');
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(6).replace(/\.?0+$/, ''));

/**
 * The inputs line (from the first level: Level 0's parameters), one table of every graded
 * section of every level, the warnings, then each level's summary sentences and score.
 */
export function formatSummary(map: MapLine, levels: LevelOutcome[], events: SectionEvent[]): string {
  const out: string[] = [];
  const d = map.dimensions;
  const first = levels[0]!.result;
  out.push(`Map ${map.name}  ${d.nx}×${d.ny}×${d.nz} voxels, ${fmt(map.voxelSize)} Å/voxel`);
  out.push(`  id (SHA-256) ${map.id}`);
  out.push(
    `  threshold ${fmt(first.threshold)} (${thresholdOrigin(first.thresholdSource)}), ` +
      `resolution ${first.resolution === null ? 'not reported' : `${fmt(first.resolution)} Å`}, profile ${first.profile}`,
  );
  out.push('');
  const done = new Map(events.filter((e) => e.phase !== 'started').map((e) => [`${e.level}.${e.field}`, e]));
  const rows = levels.flatMap(({ level, result }) => gradedSections(level).map((s) => {
    const rec = (result as unknown as Record<string, SectionBase>)[s.field]!;
    const e = done.get(`${level.field}.${s.field}`);
    const time = e?.fromCache ? 'cached' : e?.millis != null ? `${(e.millis / 1000).toFixed(2)} s` : '';
    const status = rec.status === 'WARNING' ? `${rec.warnings.length} warning${rec.warnings.length === 1 ? '' : 's'}` : rec.status;
    return [rec.title || s.field, status, time, rec.statusReason ?? ''];
  }));
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length), ['Section', 'Status', 'Time'][i]!.length));
  out.push(`  ${'Section'.padEnd(w[0]!)}  ${'Status'.padEnd(w[1]!)}  ${'Time'.padEnd(w[2]!)}  Note`);
  for (const r of rows) out.push(`  ${r[0]!.padEnd(w[0]!)}  ${r[1]!.padEnd(w[1]!)}  ${r[2]!.padEnd(w[2]!)}  ${r[3]}`.trimEnd());
  const warnings = levels.flatMap(({ result }) => result.summary.warnings);
  if (warnings.length > 0) {
    out.push('', 'Warnings');
    for (const s of warnings) for (const text of s.warnings) out.push(`  ${s.title}: ${text}`);
  }
  for (const { level, result } of levels) {
    out.push('', levels.length > 1 ? `Summary (${level.chapterTitle})` : 'Summary');
    for (const sentence of result.summary.abstract) out.push(`  ${sentence}`);
    out.push(`  ${result.summary.scoreSentence}`);
  }
  return out.join('\n') + '\n';
}
