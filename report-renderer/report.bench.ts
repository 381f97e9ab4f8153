/**
 * `npm run bench -- report`: time from "analyses stored" to "PDF ready" for a 400³ map
 * (target ≤ 10 s), plus the isosurface mesh, which is made with the analyses (level0.isosurface).
 * The map is a 400³ phantom (1.512 Å, like EMD-3271) with 3,000 Cα beads so the surface is
 * big and busy; the report's numbers are the EMD-3271 fixture's; its 20 slice images are
 * 400×400 PNGs of the phantom. Each PDF run launches its own Chromium (counted).
 */
import type { BenchRow } from '../e2e/bench/run.js';
import { marchingCubes, stepForSize } from '../worker-pool/kernels/marching-cubes.js';
import { renderPhantom } from '../worker-pool/synthetic/phantom.js';
import { MAX_TRIANGLES } from '../worker-pool/metrics/level0/isosurface.js';
import { emd3271Fixture } from './fixtures/emd-3271.js';
import { renderReportPdf } from './pdf.js';

export const name = 'report';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(): Promise<BenchRow[]> {
  const volume = renderPhantom({ size: 400, voxelSize: 1.512, resolution: 8.9, seed: 1, chainResidues: 3000 });
  // the step level0.isosurface would pick: the grid rule, then coarser until ≤ MAX_TRIANGLES
  let step = stepForSize(volume);
  // a contour enclosing ~2 % of the box (the phantom's peak-normalised 0.25 would miss most beads)
  const sample = Float32Array.from({ length: Math.floor(volume.data.length / 97) }, (_, i) => volume.data[i * 97]!).sort();
  const level = sample[Math.floor(sample.length * 0.98)]!;
  const meshTimes: number[] = [];
  let mesh = marchingCubes(volume.data, volume, level, { step, voxelSize: volume.voxelSize });
  while (mesh.indices.length / 3 > MAX_TRIANGLES) mesh = marchingCubes(volume.data, volume, level, { step: ++step, voxelSize: volume.voxelSize });
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    mesh = marchingCubes(volume.data, volume, level, { step, voxelSize: volume.voxelSize });
    meshTimes.push((performance.now() - t) / 1000);
  }
  const f = emd3271Fixture({ volume, mesh });
  const executor = async () => ({ data: { map: structuredClone(f.map) } });
  const runs: { total: number; t: Record<string, number>; pages: number }[] = [];
  for (let k = 0; k < 3; k++) {
    const r = await renderReportPdf(executor, { mapId: f.map.id }, {
      loadArtifact: async (sha) => f.artifacts.get(sha) ?? null,
      surfaces: {
        mesh: async () => f.mesh,
        vertexValues: async (_k, a) => {
          const p = a.percentiles!;
          const n = f.mesh.positions.length / 3;
          const out = new Float32Array(n);
          for (let i = 0; i < n; i++) out[i] = p.p2_5 + ((p.p97_5 - p.p2_5) * f.mesh.positions[3 * i + 1]!) / (400 * 1.512);
          return out;
        },
      },
    });
    runs.push({ total: r.timings.total! / 1000, t: r.timings, pages: r.pages });
  }
  const tri = mesh.indices.length / 3;
  const part = (k: string) => median(runs.map((r) => (r.t[k] ?? 0) / 1000)).toFixed(2);
  return [
    { operation: 'isosurface mesh (marching cubes)', size: `400³ step ${step}`, medianSeconds: median(meshTimes), threads: 1, note: `${tri} triangles` },
    {
      operation: 'PDF report (launch → PDF bytes)', size: '400³', medianSeconds: median(runs.map((r) => r.total)), threads: 1,
      note: `${runs[0]!.pages} pages; median launch ${part('launch')} s, figures+views ${part('figures')} s, layout ${part('layout')} s, print ${part('print')} s`,
    },
  ];
}
