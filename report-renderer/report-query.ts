/**
 * The report is the answer to ONE GraphQL query: everything the PDF shows is selected there,
 * and the renderer only formats it (no number is computed in report-renderer/). The query is
 * assembled from the layout the graph declares (reportLayout: levels and sections in report
 * order) and from each section's fragment (sections/<level>/<section>.ts).
 * Field names are the contract of graph/supergraph.graphql (types: ./types.ts).
 */
import type { ReportLayout, ReportMap } from './types.js';

export type { ReportMap } from './types.js';

/** The levels and sections the graph declares, in report order. */
export const LAYOUT_QUERY = /* GraphQL */ `
query VrsReportLayout {
  reportLayout { field id typeName chapter chapterTitle vrsLevel inputs sections { field id title number graded typeName scalarFields } }
}`;

/** The inputs attached to the map (the report prints the levels whose inputs it has). */
export const MAP_INPUTS_QUERY = /* GraphQL */ `
query VrsReportInputs($id: ID!) {
  map(id: $id) { model { sha256 } halfMaps { half1 { sha256 } half2 { sha256 } } }
}`;

/**
 * The layout of one map's report: the levels whose inputs the map has. Chapters and sections keep
 * their declared numbers (Level 1 is chapter 3 in every report), so "Sec. 4.1" in a summary
 * sentence, the JSON and the GraphQL layout name the same section whichever levels are printed.
 */
export function layoutForInputs(layout: ReportLayout, roles: ReadonlySet<string>): ReportLayout {
  return layout.filter((level) => level.inputs.every((r) => roles.has(r)));
}

const SUMMARY = `summary {
        score evaluable
        sections { id title status warningCount counted }
        warnings { id title warnings }
        abstract
        resolutionEstimates { min max mean }
        resolutionOverestimated scoreSentence
      }`;

/** Every graded section's ranks (the report's ranking table and sliders, templates/ranking.ts). */
export const RANK_FIELDS = 'rank { metric label unit better value percentile mapsInBin binLow binHigh }';

/**
 * The report query of a layout: the map's facts, then per level its parameters, one selection per
 * section (`fragments`: level field -> section field -> selection) and its summary.
 */
export function reportQuery(layout: ReportLayout, fragments: (level: string, section: string) => string): string {
  const levels = layout.map((level) => `
    ${level.field}(threshold: $threshold, resolution: $resolution, profile: $profile, voxelSize: $voxelSize) {
      voxelSize threshold thresholdSource resolution profile
${level.sections.map((s) => `      ${s.field} { ${fragments(level.field, s.field)}${s.graded ? ` ${RANK_FIELDS}` : ''} }`).join('\n')}
      ${SUMMARY}
    }`).join('');
  return `
query VrsReport($id: ID!, $threshold: Float, $resolution: Float, $profile: CriteriaProfile, $voxelSize: Float) {
  map(id: $id) {
    id name sizeBytes
    voxelSize { x y z }
    dimensions { x y z }
    statistics { min max mean std rms }
    contourLevel contourSource reportedResolution
    emdb { id title authors depositionDate method }
    halfMaps { half1 { sha256 } }
    model { sha256 }${levels}
  }
}`;
}

export interface ReportParams {
  mapId: string;
  threshold?: number | null;
  resolution?: number | null;
  /** 'standard' | 'vrs-2024' (or the GraphQL enum names) */
  profile?: string | null;
  /** Å, instead of the map header's (vrs validate --voxel-size) */
  voxelSize?: number | null;
}

export interface GraphQLResponse {
  data?: { map?: ReportMap | null; reportLayout?: ReportLayout | null } | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[] | null;
}

/** Runs a GraphQL document: in process (the gateway's executor) or over HTTP (urlExecutor). */
export type Executor = (query: string, variables: Record<string, unknown>) => Promise<GraphQLResponse>;

/** The GraphQL enum value of a profile name. */
export function profileEnum(profile: string | null | undefined): string {
  if (!profile) return 'STANDARD';
  const p = profile.toUpperCase().replace('-', '_');
  return p === 'VRS_2024' ? 'VRS_2024' : 'STANDARD';
}

export function reportVariables(params: ReportParams): Record<string, unknown> {
  return {
    id: params.mapId,
    threshold: params.threshold ?? null,
    resolution: params.resolution ?? null,
    profile: profileEnum(params.profile),
    voxelSize: params.voxelSize ?? null,
  };
}

/** An executor that POSTs to a gateway URL, e.g. http://127.0.0.1:4000/graphql (loopback only). */
export function urlExecutor(url: string): Executor {
  return async (query, variables) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse;
  };
}
