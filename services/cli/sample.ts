import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { VrsError } from '../../worker-pool/errors.js';
import { writeMrc } from '../../worker-pool/io/mrc/write.js';
import { renderPhantom } from '../../worker-pool/synthetic/phantom.js';

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

export function writeSample(out: string, o: SampleOptions): { bytes: number } {
  const volume = renderPhantom({ size: o.size, voxelSize: o.voxelSize, resolution: o.resolution, seed: o.seed });
  const bytes = writeMrc(volume, { mode: 'float32', labels: [`vrs sample: phantom seed=${o.seed} resolution=${o.resolution}A`] });
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
