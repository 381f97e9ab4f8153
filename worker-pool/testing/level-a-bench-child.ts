/**
 * One Level A model section timed in a process of its own, so that its peak RSS is its own
 * (`levelA/model-sections.bench.ts` runs it): 7DDO (6,468 atoms) in a 256³ map at 1 Å made from
 * it at 4 Å (synthetic/model-to-map.ts), the section run 3 times. Prints one JSON line:
 * {seconds[], cpuSeconds[] (user + system, all threads of the process), peakRssMiB, inputsRssMiB, note}.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REAL_MODELS_DIR } from '../paths.js';
import { readModel } from '../io/model.js';
import { readModelFile } from '../io/pdb.js';
import { backboneFlags } from '../kernels/model/atoms.js';
import { shutdownFftThreads } from '../kernels/fft/fft3d.js';
import { modelToMap } from '../synthetic/model-to-map.js';
import { computeQScore } from '../metrics/levelA/q-score/compute.js';
import { computeAtomInclusion } from '../metrics/levelA/atom-inclusion/compute.js';
import { computeMapModelGuinier } from '../metrics/levelA/guinier/compute.js';
import { modelDensity } from '../kernels/model-map/model-map.js';

const SIZE = 256;
const section = process.argv[2];
const path = join(REAL_MODELS_DIR, '7DDO.pdb.gz');
const atoms = readModelFile(path);
const extent = Math.max(...(['x', 'y', 'z'] as const).map((k) => Math.max(...atoms.map((a) => a[k])) - Math.min(...atoms.map((a) => a[k]))));
const map = modelToMap(atoms, { voxelSize: 1, resolution: 4, margin: (SIZE - 0.02 - extent) / 2 });
if (map.nx !== SIZE) throw new Error(`the bench map is ${map.nx}³, not ${SIZE}³`);
const model = (await readModel(path)).model;
const grid = { nx: map.nx, ny: map.ny, nz: map.nz, voxelSize: map.voxelSize, origin: map.origin };
const inputsRssMiB = process.memoryUsage().rss / 2 ** 20;
const shift = { x: 0, y: 0, z: 0 };
const seconds: number[] = [], cpuSeconds: number[] = [];
let note = '';
for (let i = 0; i < 3; i++) {
  const t0 = performance.now(), c0 = process.cpuUsage();
  if (section === 'qScore') note = `median residue Q ${computeQScore(map, model, shift, 4).medianResidueQ?.toFixed(3)}`;
  else if (section === 'atomInclusion') note = `${(100 * computeAtomInclusion(map, model, backboneFlags(model.atomName, model.atomNames), shift, 0.1).includedFraction!).toFixed(1)} % included`;
  // A.d as its metric runs it: Level A's model map, then the two profiles
  else if (section === 'mapModelGuinier') note = `R ${computeMapModelGuinier(map.data, modelDensity(model, grid, { shift }), map, 1, 4, shift).correlation?.toFixed(3)}`;
  else throw new Error(`unknown section ${section}`);
  seconds.push((performance.now() - t0) / 1000);
  const c = process.cpuUsage(c0);
  cpuSeconds.push((c.user + c.system) / 1e6);
}
shutdownFftThreads();
// VmHWM (this process image's peak RSS), not getrusage's maxrss: after fork + exec Linux keeps the
// parent's peak in maxrss, so a child started by a large bench runner would report the runner's
const hwmKiB = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN);
console.log(JSON.stringify({ seconds, cpuSeconds, peakRssMiB: hwmKiB / 1024, inputsRssMiB, note, atoms: model.atomCount }));
