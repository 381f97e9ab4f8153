/** 1.a Global resolution: FSC (unmasked, masked, corrected), DPR and SSNR of the two half maps. */
import { boolean, float, int, list, object, recordSchema } from '../../record-schema.js';
import { sectionSchema } from '../../section-record.js';
import { emptySectionBase, type SectionDeclaration } from '../../levels.js';
import type { MetricDefinition } from '../../types.js';
import type { FscPoint, GlobalResolution, LogisticFscFit } from './record.js';
import { GLOBAL_RESOLUTION_TITLE } from './texts.js';
import { dimsOf, masksOf } from '../../level0/support.js';
import { halvesOf } from '../half-maps.js';
import { GLOBAL_RESOLUTION_VERSION, computeGlobalResolution } from './compute.js';

const FSC_POINT = recordSchema<FscPoint>()('FscPoint', { description: 'One Fourier shell of the half-map curves (width 1/(N·Ts), N the largest box side)' }, {
  frequency: float('1/Å, shell centre'),
  resolution: float('Å, 1/frequency; null at shell 0').orNull(),
  unmasked: float('FSC of the unmasked half maps').orNull(),
  masked: float('FSC of the half maps times the soft mask').orNull(),
  phaseRandomized: float('FSC of the masked half maps with phases randomised beyond randomizedFromShell; null when not randomised').orNull(),
  corrected: float('(masked − phaseRandomized)/(1 − phaseRandomized) from randomizedFromShell + 2 on, masked below (relion)').orNull(),
  halfBit: float('half-bit threshold of the shell (EMDB va formula)').orNull(),
  oneBit: float('one-bit threshold of the shell').orNull(),
  threeSigma: float('3σ threshold of the shell').orNull(),
  dpr: float('differential phase residual of the unmasked half maps, degrees').orNull(),
  ssnr: float("VRS's SSNR of the unmasked half maps: mean|F(h1+h2)| / mean|F(h1−h2)|").orNull(),
  logisticFit: float("VRS's logistic model fitted to the unmasked FSC at this shell; null when not fitted").orNull(),
  count: float('Fourier coefficients of the whole transform in the shell'),
});

const LOGISTIC_FIT = recordSchema<LogisticFscFit>()('LogisticFscFit', { description: "VRS's logistic model of the unmasked FSC, y = 1 − a/(1 + c + exp(−b·(f − x0))), f in 1/Å" }, {
  a: float('amplitude (only a/(1 + c) is determined by the curve)'),
  b: float('Å, steepness'),
  x0: float('1/Å, centre (only x0 − ln(1 + c)/b is determined)'),
  c: float('offset'),
  rms: float('root-mean-square residual of the fit'),
});

const crossing = (what: string) => float(`Å, where ${what}; null when it does not cross up to Nyquist`).orNull();

export const globalResolutionSection: SectionDeclaration<GlobalResolution> = {
  field: 'globalResolution',
  id: '1.a',
  title: GLOBAL_RESOLUTION_TITLE,
  description: '1.a',
  record: sectionSchema<GlobalResolution>()('GlobalResolution', { description: '1.a Global resolution (FSC, DPR, SSNR of the half maps)' }, {
    curve: list(object(FSC_POINT), 'one point per Fourier shell, from 0 to Nyquist'),
    resolution0143: crossing('the corrected masked FSC falls below 0.143'),
    resolution0143Unmasked: crossing('the unmasked FSC falls below 0.143'),
    resolution0143Masked: crossing('the masked (uncorrected) FSC falls below 0.143'),
    resolution05: crossing('the corrected FSC falls below 0.5'),
    resolutionHalfBit: crossing('the corrected FSC falls below the half-bit curve'),
    resolutionOneBit: crossing('the corrected FSC falls below the one-bit curve'),
    resolutionThreeSigma: crossing('the corrected FSC falls below the 3σ curve'),
    resolutionDpr: crossing("the DPR rises above 102.9° (VRS's code)"),
    resolutionSsnr: crossing('the SSNR falls below 2 (log10(SSNR − 1) < 0; on the vrs-2024 profile, read on VRS\'s k·2Ts/N axis)'),
    resolutionPreserved09: crossing('VRS\'s logistic fit of the unmasked FSC falls below 0.9 ("map information well preserved up to")'),
    logisticFit: object(LOGISTIC_FIT, 'the logistic fit; null when the unmasked FSC never falls below 0.5 or the fit fails').orNull(),
    randomizedFromShell: int('shell from which phases were randomised: the first (> 0) where the unmasked FSC < 0.8 (relion); null when it never drops').orNull(),
    randomizedFrom: float('Å, the resolution of that shell').orNull(),
    phaseRandomizedAtResolution: float('phase-randomised masked FSC at resolution0143 (relion warns above 0.1)').orNull(),
    maskFraction: float('fraction of the box the soft mask covers (its mean); dimensionless'),
    halfMapsLookMasked: boolean('half maps appear masked: true when a half map\'s box border is constant'),
  }),
  metric: {
    name: 'level1.globalResolution',
    version: GLOBAL_RESOLUTION_VERSION,
    cost: 0.17, // CPU-s per million voxels (bench level1 at 400³: 10.4 CPU-s)
    dependsOn: ['level0.masks', 'level0.softMask'],
    keyParams: ['threshold', 'voxelSize', 'resolution', 'profile'],
    inputs: ['map', 'half1', 'half2'],
    compute(ctx) {
      const { half1, half2 } = halvesOf(ctx, 'level1.globalResolution');
      ctx.progress(0, 'FSC');
      return computeGlobalResolution({
        half1, half2, dims: dimsOf(ctx), voxelSize: ctx.params.voxelSize, mask: masksOf(ctx).soft(),
        resolution: ctx.params.resolution, profile: ctx.params.profile,
      });
    },
  } satisfies MetricDefinition<GlobalResolution>,
  empty: (status, reason) => ({ curve: [], halfMapsLookMasked: false, maskFraction: 0, ...emptySectionBase('1.a', GLOBAL_RESOLUTION_TITLE, status, reason) }),
  abstract: {
    ok: 'Its global resolution (FSC, DPR and SSNR of the half maps) agrees with the reported one.',
    warn: (n) => `There seems to be a problem with its global resolution or its half maps (see Sec. ${n}).`,
  },
  ranked: [{ path: 'resolution0143', label: '1.a FSC 0.143 resolution', unit: 'Å', better: 'lower' }],
};
