/** 1.e MonoRes from half maps: Level 0's LocalAnalysis plus the sweep's parameters. */
import { float, type FieldsOf } from '../../record-schema.js';
import { sectionSchema, type SectionBase } from '../../section-record.js';
import { LOCAL_ANALYSIS, type LocalAnalysis } from '../../level0/local-record.js';

export interface HalfMonoResAnalysis extends LocalAnalysis {
  /** Å, where the sweep starts: max(10, 5·R) */
  maxResolution: number | null;
  /** Å, the finest the sweep may go: 2·Ts */
  minResolution: number | null;
  /** Å between the sweep's resolutions (before snapping to Fourier indices) */
  step: number | null;
  /** Å/voxel the sweep ran at (the map's, or coarser when Fourier-cropped to the band limit) */
  sweepVoxelSize: number | null;
}

export const HALF_MONORES_ANALYSIS = sectionSchema<HalfMonoResAnalysis>()('HalfMonoResAnalysis', { description: '1.e local resolution by MonoRes with the noise of the half maps' }, {
  ...(LOCAL_ANALYSIS.fields as FieldsOf<Omit<LocalAnalysis, keyof SectionBase>>),
  maxResolution: float('Å: where the sweep starts, max(10, 5·R)').orNull(),
  minResolution: float('Å: the finest resolution the sweep may reach, 2·Ts').orNull(),
  step: float('Å, spacing of the resolutions of the sweep (before snapping to Fourier indices)').orNull(),
  sweepVoxelSize: float("Å/voxel, voxel size the sweep ran at: the map's, or coarser when the halves were Fourier-cropped to 1.25 × the frequency of their FSC 0.143 crossing").orNull(),
});
