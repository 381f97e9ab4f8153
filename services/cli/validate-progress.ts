/**
 * The progress display of `vrs validate` on stderr: on a terminal, one live bar per section
 * (cli-progress); otherwise (logs, CI, tests) one plain line per section when it starts and
 * when it ends, with its status and time, "(cached)" when the memo answered.
 */
import cliProgress from 'cli-progress';
import type { MetricProgress } from '../compute/types.js';
import type { SectionEvent, SectionSpec } from '../compute/levels.js';

export function sectionLabel(s: Pick<SectionSpec, 'title'>): string {
  return s.title;
}

function seconds(ms: number | undefined | null): string {
  return ms == null ? '' : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function describeEvent(e: SectionEvent): string {
  if (e.phase === 'started') return 'running';
  if (e.phase === 'failed') return `FAILED ${seconds(e.millis)} [${e.error?.code}] ${e.error?.message}`;
  return `done ${seconds(e.millis)}${e.fromCache ? ' (cached)' : ''}`;
}

export interface ProgressDisplay {
  onSection(e: SectionEvent): void;
  onProgress(p: MetricProgress): void;
  stop(): void;
}

export function createProgressDisplay(stream: NodeJS.WriteStream, sections: SectionSpec[]): ProgressDisplay {
  const width = Math.max(...sections.map((s) => sectionLabel(s).length));
  if (!stream.isTTY) {
    return {
      onSection: (e) => stream.write(`  ${sectionLabel(e).padEnd(width)}  ${describeEvent(e)}\n`),
      onProgress: () => undefined,
      stop: () => undefined,
    };
  }
  const multi = new cliProgress.MultiBar(
    { stream, format: '  {label} {bar} {status}', barsize: 20, hideCursor: true, clearOnComplete: false, etaBuffer: 1 },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map(sections.map((s) => [s.metric, multi.create(100, 0, { label: sectionLabel(s).padEnd(width), status: 'queued' })]));
  return {
    onSection: (e) => bars.get(e.metric)?.update(e.phase === 'started' ? 0 : 100, { status: describeEvent(e) }),
    onProgress: (p) => bars.get(p.metric)?.update(Math.round(p.fraction * 100), { status: p.phase ? `running: ${p.phase}` : 'running' }),
    stop: () => multi.stop(),
  };
}
