/**
 * Levels and sections as declared units. A section is one folder under metrics/<level>/ that
 * exports a SectionDeclaration (its compute, its record schema, its texts, its "does not apply"
 * record); a level is one LevelDeclaration listing its sections. Everything else is derived from
 * these lists: the metric registry, the GraphQL types and field resolvers, the CLI table and
 * progress, the JSON, the summary and score, the report's chapters and numbering, the dashboard.
 * Adding a section = its folder, its report file (report-renderer/sections/<level>/<field>.ts)
 * and one entry in its level's list.
 */
import { VrsError } from '../errors.js';
import { enumOf, float, recordSchema, type ObjectSchema } from './record-schema.js';
import { CONTOUR_SOURCE, type ContourSource, type SectionBase } from './section-record.js';
import { CRITERIA_PROFILE } from './profile.js';
import type { CriteriaProfile, MetricDefinition } from './types.js';

/** A resolution estimate for the summary: a local one by its median and 2.5–97.5 % range. */
export interface ResolutionEstimate {
  /** what made it, e.g. "0.e Local resolution by MonoRes (single map)" */
  label: string;
  /** Å */
  median: number;
  /** Å, the 2.5 % and 97.5 % percentiles of a local estimate; null for a single value */
  p2_5: number | null;
  p97_5: number | null;
}

/** The files a level needs, by role. */
export type LevelInput = 'map' | 'half1' | 'half2' | 'mask' | 'model';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyParams = any;

export interface SectionDeclaration<R extends object = object> {
  /** Field of the level's record: the GraphQL field and the JSON key, e.g. 'background'. */
  field: string;
  /** Section id, e.g. '0.c'; null for a part of the level that is not graded (the input figures). */
  id: string | null;
  /** Printed title, id included ('0.c Background analysis'); for id null, e.g. 'Input data'. */
  title: string;
  /** Description of the GraphQL field. */
  description: string;
  /** The memoized computation that makes the record (metric name = `<level field>.<field>`). */
  metric: MetricDefinition<R, AnyParams>;
  /** The record's shape (the GraphQL type is built from it). */
  record: ObjectSchema<R>;
  /**
   * The record of a section without a result (failed, or not in this version): its SectionBase
   * fields with the status and reason, and empty lists where the record has lists; numbers are
   * left out rather than invented.
   */
  empty(status: 'FAILED' | 'NOT_APPLICABLE', reason: string): Partial<R> & SectionBase;
  /**
   * The summary's sentence when the section passes (null: none) and when it warns; `number` is
   * the section's number in the report (e.g. '2.3'), derived from its place in the lists.
   */
  abstract?: { ok: string | null; warn: (number: string) => string };
  /** Graded sections with no automatic criteria (VRS passes None): shown OK, not counted. */
  withoutCriteria?: boolean;
  /**
   * Completes a record with what the worker does not see, from the map's registration (e.g.
   * the EMDB header's molecular mass); applied by the services to every answer (GraphQL, JSON).
   */
  withMap?(record: R, map: MapFacts): R;
  /**
   * Its headline numbers ranked among the stored maps of similar resolution (`rank` on the
   * section in GraphQL, the report's ranking table): a path into the record ('bFactor',
   * 'percentiles.p50'), its words, its unit and which way is better (null: neither).
   */
  ranked?: RankedValue[];
}

export interface RankedValue {
  path: string;
  label: string;
  unit: string;
  better: 'higher' | 'lower' | null;
}

/** What the services know of a map beyond its voxels, for SectionDeclaration.withMap. */
export interface MapFacts {
  /** Da, the EMDB header's molecular mass; null when not given. */
  molecularMass: number | null;
}

/** Parameters every level of the map analyses takes (Level 0's; later levels add their own). */
export type LevelParamsKind = 'mapAnalysis';

/** The parameters a level of the map analyses was computed with (the first fields of its record). */
export interface MapAnalysisParams {
  /** Å per voxel the analyses used */
  voxelSize: number;
  threshold: number;
  thresholdSource: ContourSource;
  resolution: number | null;
  profile: CriteriaProfile;
}

/** The schema of a level's parameter fields; the level's GraphQL type (`Level0`) adds its sections. */
export function mapAnalysisSchema(typeName: string, description: string): ObjectSchema<MapAnalysisParams> {
  return recordSchema<MapAnalysisParams>()(typeName, { description }, {
    voxelSize: float("Å per voxel the analyses used (cubic voxels): the header's, or the voxelSize argument"),
    threshold: float('map units'),
    thresholdSource: enumOf(CONTOUR_SOURCE, 'where the threshold came from'),
    resolution: float('Å').orNull(),
    profile: enumOf(CRITERIA_PROFILE, 'the criteria profile that graded the sections'),
  });
}

export interface LevelDeclaration {
  /** '0', '1', 'A' … */
  id: string;
  /** Field on Map and key in the JSON: 'level0'. */
  field: string;
  /** GraphQL type name of the level's record: 'Level0'. */
  typeName: string;
  /** Report chapter title, e.g. 'Level 0 analysis'. */
  chapterTitle: string;
  /** Description of the GraphQL field on Map. */
  description: string;
  /** Description of the level's GraphQL type. */
  typeDescription: string;
  /** The inputs the level needs, by role. */
  inputs: LevelInput[];
  /** How its parameters are given and resolved. */
  params: LevelParamsKind;
  /**
   * What the shared arguments (threshold, resolution) mean for this level's sections, for the
   * GraphQL field and operations (default: Level 0's meaning). Every level takes the same
   * arguments so that one set of parameters keys the sections one level takes from another
   * (Level 1's masks are Level 0's).
   */
  argDescriptions?: { threshold?: string; resolution?: string };
  /** Its sections, in report order; those with an id are graded. */
  sections: SectionDeclaration[];
  /** Metrics the sections depend on that are not sections themselves (masks, resampled map …). */
  supportMetrics: MetricDefinition<unknown, AnyParams>[];
  /** The summary's notice when the user gave no resolution (null: the level does not need one). */
  noResolutionNotice: string | null;
  /**
   * A level outside the VRS score (the archive checks: sections without criteria): its
   * summary's line in place of the score sentence, from the sections computed and declared.
   */
  unscoredLine?: (computed: number, total: number) => string;
  /**
   * false for a chapter that is not a VRS level (the archive checks): its section headings read
   * "5.1 Map-value distribution", not "Level E.a …" (default true: "2.1 Level 0.a Mass analysis").
   */
  vrsLevel?: boolean;
  /** The summary's notice when the threshold was estimated (none when absent). */
  estimatedThresholdNotice?: (threshold: number) => string;
  /**
   * The resolution estimates the level's sections made (for the summary's sentence): a local
   * estimate with its median and 2.5–97.5 % range, or a single value in Å.
   */
  resolutionEstimates?(sections: Record<string, unknown>): (ResolutionEstimate | number)[];
}

/** A graded section: its record carries SectionBase. */
export function isGraded(s: SectionDeclaration): boolean {
  return s.id !== null;
}

export function gradedSections(level: LevelDeclaration): SectionDeclaration[] {
  return level.sections.filter(isGraded);
}

/**
 * Report numbering: chapter 1 is the input data, then one chapter per level in the order of
 * the list (Level 0 → 2); a graded section is numbered by its place among the graded ones.
 */
export function chapterNumber(levels: readonly LevelDeclaration[], level: LevelDeclaration): number {
  const k = levels.findIndex((l) => l.field === level.field);
  if (k < 0) throw new VrsError('INTERNAL', `Level ${level.field} is not in the list of levels.`);
  return 2 + k;
}

export function sectionNumber(levels: readonly LevelDeclaration[], level: LevelDeclaration, s: SectionDeclaration): string | null {
  const k = gradedSections(level).indexOf(s);
  return k < 0 ? null : `${chapterNumber(levels, level)}.${k + 1}`;
}

/** Checks a level's declaration once: unique fields and ids, metric names `<level>.<field>`. */
export function checkLevel(level: LevelDeclaration): LevelDeclaration {
  const fields = new Set<string>();
  for (const s of level.sections) {
    if (fields.has(s.field)) throw new VrsError('INTERNAL', `Level ${level.field} declares the section ${s.field} twice.`);
    fields.add(s.field);
    if (s.metric.name !== `${level.field}.${s.field}`) {
      throw new VrsError('INTERNAL', `Section ${level.field}.${s.field} is computed by a metric named ${s.metric.name}; name it ${level.field}.${s.field}.`);
    }
    if (s.id !== null && !s.record.section) throw new VrsError('INTERNAL', `Graded section ${s.id} must have a section record (sectionSchema).`);
  }
  return level;
}

/** Every metric a level runs: its sections' and their support metrics. */
export function levelMetrics(level: LevelDeclaration): MetricDefinition<unknown, AnyParams>[] {
  return [...level.supportMetrics, ...level.sections.map((s) => s.metric as MetricDefinition<unknown, AnyParams>)];
}

/** The record of a section with no result, with its SectionBase fields filled in. */
export function emptySectionBase(id: string, title: string, status: 'FAILED' | 'NOT_APPLICABLE', reason: string): SectionBase {
  return {
    id,
    title,
    status,
    warnings: [],
    explanation: '',
    criteria: '',
    algorithm: '',
    algorithmVersion: '',
    computeMillis: null,
    statusReason: reason,
  };
}
