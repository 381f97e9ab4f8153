/**
 * `npm run bench`: runs every `*.bench.js` module under dist/ (compiled from `*.bench.ts`
 * files that sit beside the code they measure) and prints their tables.
 * A bench module exports `name` and `run(): Promise<BenchRow[]>`.
 * Pass names to run a subset: `npm run bench -- fft labels`.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../../worker-pool/paths.js';

process.env.APOLLO_TELEMETRY_DISABLED = '1';

export interface BenchRow {
  operation: string;
  size: string;
  medianSeconds: number;
  threads: number;
  note?: string;
}

function findBenchModules(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...findBenchModules(full));
    else if (entry.endsWith('.bench.js')) out.push(full);
  }
  return out.sort();
}

export function printTable(rows: BenchRow[]): void {
  const header = ['operation', 'size', 'median s', 'threads', 'note'];
  const lines = rows.map((r) => [r.operation, r.size, r.medianSeconds.toFixed(4), String(r.threads), r.note ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(fmt(l));
}

async function main(): Promise<void> {
  const filters = process.argv.slice(2);
  const modules = findBenchModules(join(REPO_ROOT, 'dist'));
  const os = await import('node:os');
  console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
  for (const file of modules) {
    const mod = (await import(pathToFileURL(file).href)) as { name: string; run: () => Promise<BenchRow[]> };
    if (filters.length && !filters.some((f) => mod.name.includes(f) || file.includes(f))) continue;
    console.log(`\n## ${mod.name}  (${relative(REPO_ROOT, file)})`);
    printTable(await mod.run());
  }
}

await main();
