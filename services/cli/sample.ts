import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { VrsError } from '../../worker-pool/errors.js';
import { encodeHeader } from '../../worker-pool/io/mrc/header.js';
import { renderPhantom } from '../../worker-pool/synthetic/phantom.js';
import type { Volume } from '../../worker-pool/volume.js';

export interface SampleOptions {
  size: number;
  voxelSize: number;
  resolution: number;
  seed: number;
}

/** Suggested contour for the phantom: its noiseless peak is 1, helices sit well above 0.25. */
export const SAMPLE_CONTOUR = 0.25;

function positiveNumber(name: string, min: number, max: number) {
  return (raw: string): number => {
    const v = Number(raw);
    if (!Number.isFinite(v) || v < min || v > max) {
      throw new VrsError('BAD_PARAMETER', `${name} must be a number in [${min}, ${max}]; got "${raw}".`);
    }
    return v;
  };
}

/**
 * MRC2014 bytes of a float32 volume. Temporary: uses the reader's header codec until
 * worker-pool/io/mrc/write.ts (writeMrc) is available, then this function goes.
 */
function mrcBytes(v: Volume, label: string): Uint8Array {
  let min = Infinity, max = -Infinity, sum = 0, sum2 = 0;
  for (const x of v.data) {
    if (x < min) min = x;
    if (x > max) max = x;
    sum += x;
    sum2 += x * x;
  }
  const n = v.data.length;
  const mean = sum / n;
  const header = encodeHeader({
    nx: v.nx, ny: v.ny, nz: v.nz, mode: 2,
    nxstart: 0, nystart: 0, nzstart: 0,
    mx: v.nx, my: v.ny, mz: v.nz,
    cellA: { x: v.nx * v.voxelSize.x, y: v.ny * v.voxelSize.y, z: v.nz * v.voxelSize.z },
    cellB: { alpha: 90, beta: 90, gamma: 90 },
    mapc: 1, mapr: 2, maps: 3,
    dmin: min, dmax: max, dmean: mean,
    ispg: 1, nsymbt: 0, lskflg: 0, exttyp: '\u0000\u0000\u0000\u0000', nversion: 20140,
    origin: { ...v.origin },
    map: 'MAP ', machst: [0x44, 0x44, 0, 0],
    rms: Math.sqrt(Math.max(0, sum2 / n - mean * mean)),
    nlabl: 1, labels: [label],
  });
  const out = new Uint8Array(1024 + 4 * n);
  out.set(header, 0);
  out.set(new Uint8Array(v.data.buffer, v.data.byteOffset, 4 * n), 1024); // little-endian host
  return out;
}

export function writeSample(out: string, o: SampleOptions): { bytes: number } {
  const volume = renderPhantom({ size: o.size, voxelSize: o.voxelSize, resolution: o.resolution, seed: o.seed });
  const bytes = mrcBytes(volume, `vrs sample: phantom seed=${o.seed} resolution=${o.resolution}A`);
  writeFileSync(out, bytes);
  return { bytes: bytes.length };
}

export function registerSample(program: Command): void {
  program
    .command('sample')
    .description('Write a synthetic test map (ideal α-helices and a Cα chain as Gaussians, plus noise) as MRC2014')
    .argument('<out>', 'output map file (.map or .mrc)')
    .option('--size <N>', 'box size in voxels (cubic)', positiveNumber('--size', 16, 1024), 96)
    .option('--voxel-size <Å>', 'voxel size in Å', positiveNumber('--voxel-size', 0.2, 20), 1.5)
    .option('--resolution <Å>', 'resolution in Å (atoms are Gaussians of σ = 0.225·R)', positiveNumber('--resolution', 1, 60), 6)
    .option('--seed <S>', 'random seed (same seed, same map)', positiveNumber('--seed', 0, 2 ** 32 - 1), 1)
    .action((out: string, opts: SampleOptions) => {
      const size = Math.round(opts.size);
      const { bytes } = writeSample(out, { ...opts, size, seed: Math.floor(opts.seed) });
      process.stdout.write(
        `wrote ${out}: ${size}³ voxels of ${opts.voxelSize} Å, resolution ${opts.resolution} Å, seed ${Math.floor(opts.seed)} ` +
          `(${bytes} bytes); suggested threshold ${SAMPLE_CONTOUR}\n` +
          `next: vrs validate ${out} --threshold ${SAMPLE_CONTOUR} --resolution ${opts.resolution} --pdf report.pdf\n`,
      );
    });
}
