/** The record of A.d Map–model Guinier. */
import type { Vec3 } from '../../../volume.js';
import type { SectionBase } from '../../section-record.js';

export interface MapModelGuinierPoint {
  /** 1/Å² */
  inverseResolutionSquared: number;
  /** ln of the map's mean amplitude |F| in the shell */
  lnAmplitudeMap: number;
  /** ln of the model map's mean |F|, shifted so that its mean over the compared shells equals the map's */
  lnAmplitudeModel: number;
}

export interface MapModelGuinierAnalysis extends SectionBase {
  /** Å: the reported resolution: shells from the first to this one are compared */
  resolution: number | null;
  /** Å added to the model's coordinates (the placement pre-check's choice) */
  shift: Vec3 | null;
  /** Pearson correlation of the two ln|F| profiles over the compared shells */
  correlation: number | null;
  /** the constant added to the model's ln|F| to equalise the means */
  offset: number | null;
  /** the compared shells (the DC term left out) */
  points: MapModelGuinierPoint[];
}
