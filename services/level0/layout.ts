/**
 * `reportLayout`: the declared levels and their sections as the report needs them (chapter and
 * section numbers, titles, which sections are graded), derived from the LevelDeclaration list
 * the levels subgraph is built from. The report renderer builds its query, table of contents,
 * chapter headings and numbering from this answer (it does not import worker-pool).
 */
import { Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { IMAGE } from '../../worker-pool/metrics/section-record.js';
import { labelOfDescription, unitOfDescription } from '../../worker-pool/metrics/units.js';
import { chapterNumber, isGraded, sectionNumber, type LevelDeclaration } from '../../worker-pool/metrics/levels.js';

/** The fields every graded section record carries (the `Section` interface). */
const SECTION_BASE_FIELDS = new Set(['id', 'title', 'status', 'warnings', 'explanation', 'criteria', 'algorithm', 'algorithmVersion', 'computeMillis', 'statusReason', 'fromCache']);

@ObjectType({ description: "One scalar field of a section's record, for a generic rendering: its name, unit and description" })
export class ScalarFieldLayout {
  @Field({ description: 'field of the section\'s record, e.g. "resolution0143"' }) field!: string;
  @Field(() => String, { nullable: true, description: 'unit to print after its value, e.g. "Å", "Å²", "nm³", "%", "°", "map units" (the one its description starts with); null for a dimensionless number, a count, a flag or a text' }) unit!: string | null;
  @Field(() => String, { nullable: true, description: "the field's description in the schema" }) description!: string | null;
  @Field({ description: 'label to print before its value, read from its description (e.g. "Resolution where the corrected masked FSC falls below 0.143"), else the field in words' }) label!: string;
}

@ObjectType({ description: "A section of a level, in report order, as the report lays it out" })
export class SectionLayout {
  @Field({ description: 'field of the level\'s record, e.g. "bFactor"' }) field!: string;
  @Field(() => String, { nullable: true, description: 'section id, e.g. "0.d"; null for a part that is not graded (the input figures)' }) id!: string | null;
  @Field({ description: 'printed title, id included, e.g. "0.d B-factor analysis"' }) title!: string;
  @Field(() => String, { nullable: true, description: 'number in the report, e.g. "2.4"; null for the ungraded input figures (chapter 1)' }) number!: string | null;
  @Field({ description: 'true when the section is graded (its record implements Section)' }) graded!: boolean;
  @Field({ description: "GraphQL type name of the section's record" }) typeName!: string;
  @Field(() => [String], { description: "the record's own scalar and enum fields (besides Section's), for a generic rendering" }) scalarFields!: string[];
  @Field(() => [ScalarFieldLayout], { description: 'the same fields as scalarFields, in the same order, with their units and descriptions' }) scalars!: ScalarFieldLayout[];
  @Field(() => [String], { description: "the record's figure lists (fields of type [Image!]!), for a generic rendering" }) imageFields!: string[];
}

@ObjectType({ description: 'A declared level, in report order, with its sections' })
export class LevelLayout {
  @Field({ description: 'field on Map, e.g. "level0"' }) field!: string;
  @Field({ description: 'level id, e.g. "0"' }) id!: string;
  @Field({ description: 'GraphQL type name of the level\'s record, e.g. "Level0"' }) typeName!: string;
  @Field(() => Int, { description: 'report chapter number (chapter 1 is the input data)' }) chapter!: number;
  @Field({ description: 'report chapter title, e.g. "Level 0 analysis"' }) chapterTitle!: string;
  @Field({ description: 'true for a VRS level (0–5, A, W, O): its section headings read "2.1 Level 0.a Mass analysis"; false for a chapter beyond VRS (the archive checks), headed "5.1 Map-value distribution"' }) vrsLevel!: boolean;
  @Field(() => [String], { description: 'the inputs the level needs, by role (map, half1, half2, mask, model): the report prints the level when the map has them all' }) inputs!: string[];
  @Field({ description: 'false for a level outside the VRS score (the archive checks): its summary has a line of its own, no "score / evaluable"' }) scored!: boolean;
  @Field(() => [SectionLayout], { description: "the level's sections, in report order" }) sections!: SectionLayout[];
}

/** A record's own scalar and enum fields (besides Section's), in declaration order. */
function scalarsOf(fields: LevelDeclaration['sections'][number]['record']['fields']) {
  return Object.entries(fields).filter(([name, spec]) => !SECTION_BASE_FIELDS.has(name) && (spec.shape.kind === 'scalar' || spec.shape.kind === 'enum'));
}

/** The layout of the given levels (plain data; the same list the subgraph's types are made from). */
export function reportLayout(levels: readonly LevelDeclaration[]): LevelLayout[] {
  return levels.map((level) => ({
    field: level.field,
    id: level.id,
    typeName: level.typeName,
    chapter: chapterNumber(levels, level),
    chapterTitle: level.chapterTitle,
    vrsLevel: level.vrsLevel ?? true,
    inputs: [...level.inputs],
    scored: level.unscoredLine === undefined,
    sections: level.sections.map((s) => ({
      field: s.field,
      id: s.id,
      title: s.title,
      number: sectionNumber(levels, level, s),
      graded: isGraded(s),
      typeName: s.record.name,
      scalarFields: scalarsOf(s.record.fields).map(([name]) => name),
      scalars: scalarsOf(s.record.fields).map(([name, spec]) => ({
        field: name,
        // a number's unit; a text, flag or enum has none even if its description starts like one
        unit: spec.shape.kind === 'scalar' && (spec.shape.scalar === 'Float' || spec.shape.scalar === 'Int') ? unitOfDescription(spec.description) : null,
        description: spec.description ?? null,
        label: labelOfDescription(name, spec.description),
      })),
      imageFields: Object.entries(s.record.fields)
        .filter(([, spec]) => spec.shape.kind === 'list' && spec.shape.of.kind === 'object' && spec.shape.of.schema.name === IMAGE.name)
        .map(([name]) => name),
    })),
  }));
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Class = Function;
const byList = new Map<string, Class>();

/** The `reportLayout` query's resolver for a list of levels (one class per list and process). */
export function layoutResolver(levels: readonly LevelDeclaration[]): Class {
  const key = levels.map((l) => l.field).join(',');
  let cls = byList.get(key);
  if (!cls) {
    const layout = reportLayout(levels);
    @Resolver()
    class LayoutResolver {
      @Query(() => [LevelLayout], { description: 'The declared levels and their sections in report order: chapter and section numbers, titles (the report is laid out from it)' })
      reportLayout(): LevelLayout[] {
        return layout;
      }
    }
    byList.set(key, (cls = LayoutResolver));
  }
  return cls;
}
