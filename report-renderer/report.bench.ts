/**
 * `npm run bench -- report`: time from "analyses stored" to "PDF ready" for a 400³ map
 * (target ≤ 10 s), plus the isosurface mesh, which is made with the analyses (level0.isosurface).
 * The map is a 400³ phantom (1.512 Å, like EMD-3271) with 3,000 Cα beads so the surface is
 * big and busy; the report's numbers are the EMD-3271 fixture's; its 20 slice images are
 * 400×400 PNGs of the phantom. Each PDF run launches its own Chromium (counted).
 * The timed path is the reports service's (services/reports/figures.ts) from stored bytes:
 * the mesh decoded from its artifact (encodeMesh bytes), and each local map of 0.e–0.g read
 * from its MRC artifact (0.e at 400³, 0.f/0.g on the R/2 grid) and sampled at the vertices.
 */
import type { BenchRow } from '../e2e/bench/run.js';
import { marchingCubes, stepForSize } from '../worker-pool/kernels/marching-cubes.js';
import { renderPhantom } from '../worker-pool/synthetic/phantom.js';
import { decodeMesh, encodeMesh, localMapValuesAtVertices, MAX_TRIANGLES } from '../worker-pool/metrics/level0/isosurface.js';
import { writeMrc } from '../worker-pool/io/mrc/write.js';
import type { Volume } from '../worker-pool/volume.js';
import { emd3271Fixture, FIXTURE_LAYOUT } from './fixtures/emd-3271.js';
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
  const executor = async (query: string) => (query.includes('reportLayout') ? { data: { reportLayout: FIXTURE_LAYOUT } } : { data: { map: structuredClone(f.map) } });
  // stored artifacts: the mesh and the three local maps (values spanning each section's p2.5…p97.5)
  const meshBytes = encodeMesh(mesh);
  const localMrc = new Map<string, Uint8Array>();
  for (const key of ['localResolution', 'localBFactor', 'localOccupancy'] as const) {
    const n = key === 'localResolution' ? 400 : Math.round((400 * 1.512) / (8.9 / 2));
    const ts = (400 * 1.512) / n;
    const p = f.map.level0[key].percentiles!;
    const data = new Float32Array(n * n * n);
    for (let i = 0; i < data.length; i++) data[i] = p.p2_5 + ((p.p97_5 - p.p2_5) * (Math.floor(i / n) % n)) / n;
    const local: Volume = { data, nx: n, ny: n, nz: n, voxelSize: { x: ts, y: ts, z: ts } } as Volume;
    localMrc.set(key, writeMrc(local));
  }
  const dims = { nx: 400, ny: 400, nz: 400 };
  const runs: { total: number; t: Record<string, number>; pages: number }[] = [];
  for (let k = 0; k < 3; k++) {
    let surfaceMs = 0;
    const timed = <T>(fn: () => T): T => {
      const t = performance.now();
      try {
        return fn();
      } finally {
        surfaceMs += performance.now() - t;
      }
    };
    let decoded: ReturnType<typeof decodeMesh> | null = null;
    const r = await renderReportPdf(executor, { mapId: f.map.id }, {
      loadArtifact: async (sha) => f.artifacts.get(sha) ?? null,
      surfaces: {
        mesh: async () => (decoded ??= timed(() => decodeMesh(meshBytes))),
        vertexValues: async (key) => {
          const m = decoded ?? (decoded = timed(() => decodeMesh(meshBytes)));
          return timed(() => localMapValuesAtVertices(m, dims, volume.voxelSize, localMrc.get(key)!));
        },
      },
    });
    runs.push({ total: r.timings.total! / 1000, t: { ...r.timings, surfaces: surfaceMs }, pages: r.pages });
  }
  const tri = mesh.indices.length / 3;
  const part = (k: string) => median(runs.map((r) => (r.t[k] ?? 0) / 1000)).toFixed(2);
  return [
    { operation: 'isosurface mesh (marching cubes)', size: `400³ step ${step}`, medianSeconds: median(meshTimes), threads: 1, note: `${tri} triangles` },
    {
      operation: 'PDF report (launch → PDF bytes)', size: '400³', medianSeconds: median(runs.map((r) => r.total)), threads: 1,
      note: `${runs[0]!.pages} pages; median launch ${part('launch')} s, figures+views ${part('figures')} s (of which mesh decode + local maps read and sampled ${part('surfaces')} s), layout ${part('layout')} s, print ${part('print')} s`,
    },
  ];
}
