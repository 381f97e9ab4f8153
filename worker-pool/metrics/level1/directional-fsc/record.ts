/** 1.h Directional FSC (3DFSC-like): the record, its schema. Units in the comments. */
import { float, int, list, object, recordSchema } from '../../record-schema.js';
import { sectionSchema, type SectionBase } from '../../section-record.js';
import { HISTOGRAM, type Histogram } from '../../level0/local-record.js';

export interface DirectionalResolution {
  /** unit axis (±axis are one) */
  x: number;
  y: number;
  z: number;
  /** Å where the cone's FSC first falls below the threshold */
  resolution: number;
}

export interface DirectionalFscPoint {
  /** 1/Å, shell centre */
  frequency: number;
  /** Å */
  resolution: number;
  /** FSC of the whole shell */
  global: number;
  /** mean, standard deviation, minimum and maximum of the axes' cone FSCs in the shell */
  mean: number;
  sd: number;
  min: number;
  max: number;
}

export interface DirectionalFscAnalysis extends SectionBase {
  /** degrees: half-angle of the cones */
  coneAngle: number | null;
  /** FSC threshold of the resolutions (0.143) */
  fscThreshold: number | null;
  /** FSC threshold of the sphericity's surface (0.5, 3DFSC's) */
  sphericityThreshold: number | null;
  /** Å: 0.143 crossing of the (unmasked) global FSC, null when it does not cross */
  globalResolution: number | null;
  /** Å: statistics of the per-axis resolutions */
  meanResolution: number | null;
  sdResolution: number | null;
  minResolution: number | null;
  maxResolution: number | null;
  /** axes whose FSC never fell below the threshold (their resolution is Nyquist) */
  uncrossedAxes: number | null;
  /** π^⅓(6V)^⅔/A of the surface of the per-axis 0.5 crossings (1 = sphere) */
  sphericity: number | null;
  directions: DirectionalResolution[];
  curve: DirectionalFscPoint[];
  /** of the per-axis resolutions, Å */
  histogram: Histogram | null;
}

const DIRECTIONAL_RESOLUTION = recordSchema<DirectionalResolution>()('DirectionalResolution', { description: 'The resolution along one axis' }, {
  x: float('unit axis, x component (±axis are one)'),
  y: float('unit axis, y component'),
  z: float('unit axis, z component'),
  resolution: float('Å: where the FSC in the cone about the axis first falls below the threshold'),
});

const DIRECTIONAL_FSC_POINT = recordSchema<DirectionalFscPoint>()('DirectionalFscPoint', { description: 'One shell of the directional FSC curves' }, {
  frequency: float('1/Å, shell centre'),
  resolution: float('Å (1/frequency)'),
  global: float('FSC of the whole shell'),
  mean: float("mean of the axes' cone FSCs in the shell"),
  sd: float("standard deviation of the axes' cone FSCs in the shell"),
  min: float("minimum of the axes' cone FSCs in the shell"),
  max: float("maximum of the axes' cone FSCs in the shell"),
});

export const DIRECTIONAL_FSC_ANALYSIS = sectionSchema<DirectionalFscAnalysis>()('DirectionalFscAnalysis', { description: '1.h directional resolution by FSC in cones (3DFSC-like)' }, {
  coneAngle: float('degrees: half-angle of the cones').orNull(),
  fscThreshold: float('FSC threshold of the per-axis resolutions (0.143)').orNull(),
  sphericityThreshold: float("FSC threshold of the surface whose sphericity is measured (0.5, 3DFSC's)").orNull(),
  globalResolution: float('Å: global resolution, where the unmasked global FSC falls below 0.143; null when it does not cross').orNull(),
  meanResolution: float('Å: mean of the per-axis resolutions').orNull(),
  sdResolution: float('Å: standard deviation of the per-axis resolutions (their spread)').orNull(),
  minResolution: float('Å: best per-axis resolution').orNull(),
  maxResolution: float('Å: worst per-axis resolution').orNull(),
  uncrossedAxes: int('axes whose FSC never fell below the threshold up to Nyquist (their resolution is Nyquist)').orNull(),
  sphericity: float('sphericity of the surface of the per-axis 0.5 crossings in Fourier space: π^⅓(6V)^⅔/A; 1 for a sphere (Tan et al. 2017)').orNull(),
  directions: list(object(DIRECTIONAL_RESOLUTION), 'the resolution along each axis (321 axes of a geodesic icosphere)'),
  curve: list(object(DIRECTIONAL_FSC_POINT), 'per shell: the global FSC and the spread of the cone FSCs'),
  histogram: object(HISTOGRAM, '25-bin histogram of the per-axis resolutions, Å').orNull(),
});
