/**
 * `npm run bench -- report-stored`: the issue's target measured on the product path, "the PDF
 * of a 400³ map is ready ≤ 10 s after its analyses are stored". A 400³ phantom (1.512 Å, like
 * EMD-3271, 3,000 Cα beads) is written as an MRC file and validated with `vrs validate`'s own
 * code (every Level 0 analysis computed and stored, about a minute and a half on 2 cores, not
 * timed); then the reports service renders the PDF from the store, as
 * `GET /maps/{id}/report.pdf` or `vrs validate --pdf` do: the report's GraphQL query through
 * the in-process gateway, figures and the mesh from the blob store, the local maps of 0.e–0.g
 * read from their MRC artifacts, Chromium launched, the PDF printed and stored. Three runs, each
 * on a freshly started app (no warm caches) after deleting the stored PDF row; then three more
 * in the last app, whose Chromium stays up between reports as a server's does.
 * Uses DATABASE_URL, else an embedded PostgreSQL in a temporary VRS_DATA_DIR.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchRow } from '../bench/run.js';
import { writeMrcFile } from '../../worker-pool/io/mrc/write.js';
import { renderPhantom } from '../../worker-pool/synthetic/phantom.js';
import { runValidate } from '../../services/cli/validate.js';
import { openStore } from '../../services/store/index.js';
import { REPORT_METRIC } from '../../services/reports/service.js';

export const name = 'report-stored';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(): Promise<BenchRow[]> {
  const tmp = mkdtempSync(join(tmpdir(), 'vrs-report-bench-'));
  chmodSync(tmp, 0o755); // as root, the embedded PostgreSQL runs as "postgres" and must enter it
  const ownDataDir = !process.env.DATABASE_URL && !process.env.VRS_DATA_DIR;
  if (ownDataDir) process.env.VRS_DATA_DIR = tmp;
  try {
    const volume = renderPhantom({ size: 400, voxelSize: 1.512, resolution: 8.9, seed: 1, chainResidues: 3000 });
    const sample = Float32Array.from({ length: Math.floor(volume.data.length / 97) }, (_, i) => volume.data[i * 97]!).sort();
    const threshold = sample[Math.floor(sample.length * 0.98)]!; // a contour enclosing ~2 % of the box
    const path = join(tmp, 'phantom-400.map');
    await writeMrcFile(path, volume);
    const analyses = performance.now();
    const { mapId } = await runValidate(path, { threshold, resolution: 8.9, profile: 'standard' });
    const analysesSeconds = (performance.now() - analyses) / 1000;
    const params = { threshold, resolution: 8.9, profile: 'standard' as const, voxelSize: 1.512 };
    const { startApp } = await import('../../graph/app.js');
    // no in-process memo cache: a deleted report row must be rendered again in the same app
    // (the sections are then read from the database on each query, a little slower than a server)
    process.env.VRS_MEMO_CACHE_ENTRIES = '0';
    const cold: number[] = [];
    const warm: number[] = [];
    let pages = 0;
    for (let k = 0; k < 3; k++) {
      const store = await openStore();
      try {
        const app = await startApp({ host: '127.0.0.1', port: 0, store });
        try {
          // the first report of a fresh app (Chromium launched); the last app then renders
          // three more, as a running server does (its Chromium kept between reports)
          for (const times of k < 2 ? [cold] : [cold, warm, warm, warm]) {
            await store.dataSource.query('DELETE FROM metric_results WHERE map_id = $1 AND metric = $2', [mapId, REPORT_METRIC]);
            const t = performance.now();
            pages = (await app.backend.reports.pdf(mapId, params)).pages;
            times.push((performance.now() - t) / 1000);
          }
        } finally {
          await app.close();
        }
      } finally {
        await store.close();
      }
    }
    const runs = (xs: number[]) => xs.map((s) => s.toFixed(2)).join(', ');
    return [
      {
        operation: 'PDF report from the store, fresh app (query, figures, mesh, local maps, Chromium launch, print, store)',
        size: '400³', medianSeconds: median(cold), threads: 1,
        note: `${pages} pages; runs ${runs(cold)} s; the analyses before it took ${analysesSeconds.toFixed(0)} s (not timed)`,
      },
      { operation: 'PDF report from the store, running server (Chromium already up)', size: '400³', medianSeconds: median(warm), threads: 1, note: `runs ${runs(warm)} s` },
    ];
  } finally {
    if (ownDataDir) delete process.env.VRS_DATA_DIR; // each store stopped the embedded server it started
    delete process.env.VRS_MEMO_CACHE_ENTRIES;
    rmSync(tmp, { recursive: true, force: true });
  }
}
