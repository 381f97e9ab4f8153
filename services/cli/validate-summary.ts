/** The readable summary `vrs validate` prints on stdout: inputs, the section table, warnings, score. */
import type { Level0Result, SectionBase } from '../../worker-pool/metrics/level0/types.js';
import { LEVEL0_SECTIONS, type SectionEvent } from '../compute/level0.js';

export interface MapLine {
  id: string;
  name: string;
  dimensions: { nx: number; ny: number; nz: number };
  voxelSize: number;
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(6).replace(/\.?0+$/, ''));

export function formatSummary(map: MapLine, level0: Level0Result, events: SectionEvent[]): string {
  const out: string[] = [];
  const d = map.dimensions;
  out.push(`Map ${map.name}  ${d.nx}×${d.ny}×${d.nz} voxels, ${fmt(map.voxelSize)} Å/voxel`);
  out.push(`  id (SHA-256) ${map.id}`);
  out.push(
    `  threshold ${fmt(level0.threshold)} (${level0.thresholdSource.toLowerCase().replace('_', ' ')}), ` +
      `resolution ${level0.resolution === null ? 'not reported' : `${fmt(level0.resolution)} Å`}, profile ${level0.profile}`,
  );
  out.push('');
  const done = new Map(events.filter((e) => e.phase !== 'started').map((e) => [e.field, e]));
  const rows = LEVEL0_SECTIONS.filter((s) => s.id !== null).map((s) => {
    const rec = (level0 as unknown as Record<string, SectionBase>)[s.field];
    const e = done.get(s.field);
    const time = e?.fromCache ? 'cached' : e?.millis != null ? `${(e.millis / 1000).toFixed(2)} s` : '';
    const status = rec.status === 'WARNING' ? `${rec.warnings.length} warning${rec.warnings.length === 1 ? '' : 's'}` : rec.status;
    return [rec.title || s.field, status, time, rec.statusReason ?? ''];
  });
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length), ['Section', 'Status', 'Time'][i].length));
  out.push(`  ${'Section'.padEnd(w[0])}  ${'Status'.padEnd(w[1])}  ${'Time'.padEnd(w[2])}  Note`);
  for (const r of rows) out.push(`  ${r[0].padEnd(w[0])}  ${r[1].padEnd(w[1])}  ${r[2].padEnd(w[2])}  ${r[3]}`.trimEnd());
  if (level0.summary.warnings.length > 0) {
    out.push('', 'Warnings');
    for (const s of level0.summary.warnings) for (const text of s.warnings) out.push(`  ${s.title}: ${text}`);
  }
  out.push('', 'Summary');
  for (const sentence of level0.summary.abstract) out.push(`  ${sentence}`);
  out.push(`  ${level0.summary.scoreSentence}`);
  return out.join('\n') + '\n';
}
