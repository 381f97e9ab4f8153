/** 1.c Local FSC: Level 0's LocalAnalysis (local map, percentiles, histogram) plus the sliding box's parameters. */
import { float, int } from '../../record-schema.js';
import { sectionSchema, type SectionBase } from '../../section-record.js';
import { LOCAL_ANALYSIS, type LocalAnalysis } from '../../level0/local-record.js';
import type { FieldsOf } from '../../record-schema.js';

export interface LocalFscAnalysis extends LocalAnalysis {
  /** Å: edge of the box whose effective volume the soft (Gaussian) box has */
  boxSize: number | null;
  /** Å between the positions where the FSC is measured */
  step: number | null;
  /** the FSC threshold of the local resolution */
  fscThreshold: number | null;
  /** positions of the grid in the mask */
  positions: number | null;
}

export const LOCAL_FSC_ANALYSIS = sectionSchema<LocalFscAnalysis>()('LocalFscAnalysis', { description: '1.c local resolution by FSC in a sliding soft box (BlocRes-like)' }, {
  ...(LOCAL_ANALYSIS.fields as FieldsOf<Omit<LocalAnalysis, keyof SectionBase>>),
  boxSize: float('Å: edge of the local-FSC box (that of the box whose effective volume the soft Gaussian box, σ = box/(2√π), has)').orNull(),
  step: float('Å, spacing of the positions where the local FSC is measured').orNull(),
  fscThreshold: float('FSC threshold of the local resolution (BlocRes: 0.5)').orNull(),
  positions: int('positions of the grid whose nearest voxel is in the mask').orNull(),
});
