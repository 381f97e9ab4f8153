/**
 * E.c Rotationally averaged power spectrum (EMDB va's RAPS, shown as the wwPDB report's
 * ln amplitude): the mean |F| of the unnormalised FFT in shells of width 1/(nx·voxel) up to
 * Nyquist (shell = round(|f|·nx), as 0.d's Guinier shells), ln of it against 1/Å.
 */
import { float, list, object, recordSchema } from '../../record-schema.js';
import { sectionSchema, type SectionBase } from '../../section-record.js';
import { emptySectionBase, type SectionDeclaration } from '../../levels.js';
import type { MetricDefinition } from '../../types.js';
import { levelSectionBase } from '../../level0/section.js';
import { rfft3d } from '../../../kernels/fft/fft3d.js';
import { shellStatistics } from '../../../kernels/fourier/shells.js';
import type { Dims } from '../../../volume.js';
import { dimsOf } from '../../level0/support.js';
import { ARCHIVE_CRITERIA } from '../texts.js';

export const SPECTRUM_TITLE = 'E.c Rotationally averaged power spectrum';
export const SPECTRUM_VERSION = '1';

export interface SpectrumPoint {
  /** 1/Å */
  frequency: number;
  /** ln of the shell's mean |F| (unnormalised FFT) */
  lnAmplitude: number;
  /** Fourier coefficients in the shell (half-complex: each Friedel pair once) */
  count: number;
}

export interface PowerSpectrum extends SectionBase {
  points: SpectrumPoint[];
  /** 1/Å, 1/(2·voxel) */
  nyquist: number;
}

const POINT = recordSchema<SpectrumPoint>()('SpectrumPoint', { description: 'One shell of the rotationally averaged spectrum' }, {
  frequency: float('1/Å, shell index / (nx · voxel size)'),
  lnAmplitude: float("ln of the shell's mean Fourier amplitude (unnormalised FFT)"),
  count: float('Fourier coefficients in the shell'),
});

export function computePowerSpectrum(data: Float32Array, d: Dims, voxelSize: number): PowerSpectrum {
  const spectrum = rfft3d(data, d, { normalize: 'none', threads: 1 });
  const s = shellStatistics(spectrum, d);
  const points: SpectrumPoint[] = [];
  s.meanAmplitude.forEach((a, k) => {
    if (s.count[k]! > 0 && a > 0) points.push({ frequency: k / (d.nx * voxelSize), lnAmplitude: Math.log(a), count: s.count[k]! });
  });
  return {
    ...levelSectionBase('E.c', {
      title: SPECTRUM_TITLE,
      explanation: 'The spherically averaged Fourier amplitude against spatial frequency: it falls with frequency for a real map; ' +
        'a rise or plateau at high frequency shows noise or over-sharpening, a sharp drop a low-pass filter, spikes a periodic artefact.',
      criteria: ARCHIVE_CRITERIA,
      algorithm: 'Mean |F| in shells of width 1/(box·voxel) of the real-to-complex FFT, up to Nyquist',
      algorithmVersion: SPECTRUM_VERSION,
    }, []),
    points,
    nyquist: 1 / (2 * voxelSize),
  };
}

export const powerSpectrumSection: SectionDeclaration<PowerSpectrum> = {
  field: 'powerSpectrum',
  id: 'E.c',
  title: SPECTRUM_TITLE,
  description: 'E.c rotationally averaged power spectrum (ln mean amplitude vs 1/Å)',
  record: sectionSchema<PowerSpectrum>()('PowerSpectrum', { description: SPECTRUM_TITLE }, {
    points: list(object(POINT), 'one point per shell, from 0 to Nyquist'),
    nyquist: float('1/Å, Nyquist frequency of the map: 1/(2 × voxel size)'),
  }),
  metric: {
    name: 'archive.powerSpectrum',
    version: SPECTRUM_VERSION,
    dependsOn: [],
    keyParams: ['voxelSize'],
    cost: 0.5,
    memory: 5, // the spectrum (4.03 B/voxel); 2.4 B/voxel measured at 400³
    compute: (ctx) => computePowerSpectrum(ctx.volume.data, dimsOf(ctx), ctx.params.voxelSize),
  } satisfies MetricDefinition<PowerSpectrum>,
  empty: (status, reason) => ({ points: [], ...emptySectionBase('E.c', SPECTRUM_TITLE, status, reason) }),
  withoutCriteria: true,
};
