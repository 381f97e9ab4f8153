/**
 * The report is the answer to ONE GraphQL query: everything the PDF shows is selected here,
 * and the renderer only formats it (no number is computed in report-renderer/).
 * Field names are the contract of ../shared/spec/graphql.md (mirrored from
 * worker-pool/metrics/level0/types.ts).
 */
import type { Level0Result } from '../worker-pool/metrics/level0/types.js';

const SECTION = 'id title status warnings explanation criteria algorithm algorithmVersion statusReason';
const IMAGE = 'sha256 url axis index width height caption';
const LOCAL = `${SECTION} method unit voxels mapSha256
  percentiles { p2_5 p25 p50 p75 p97_5 } reportedResolutionPercentile
  histogram { binEdges counts } views { ${IMAGE} }`;

export const REPORT_QUERY = /* GraphQL */ `
query VrsReport($id: ID!, $threshold: Float, $resolution: Float, $profile: CriteriaProfile, $voxelSize: Float) {
  map(id: $id) {
    id name sizeBytes
    voxelSize { x y z }
    dimensions { x y z }
    statistics { min max mean std rms }
    contourLevel contourSource reportedResolution
    emdb { id title authors depositionDate method }
    level0(threshold: $threshold, resolution: $resolution, profile: $profile, voxelSize: $voxelSize) {
      voxelSize threshold thresholdSource resolution profile
      inputData {
        centralSlices { ${IMAGE} } maxVarianceSlices { ${IMAGE} } projections { ${IMAGE} }
        hardMaskSlices { ${IMAGE} } softMaskSlices { ${IMAGE} } isosurfaceViews { ${IMAGE} }
      }
      mass { ${SECTION} leftSpace { x y z } rightSpace { x y z } decenteringRatio { x y z }
        centerOfMass { x y z } centerOfMassDecentering { x y z } }
      mask { ${SECTION} connectedComponents totalVoxels totalVolume
        components { voxels volume percentage cumulativePercentage }
        componentsTo95 remainingComponents remainingAverageVoxels remainingAverageVolume
        remainingMaxVoxels remainingMinVoxels remainingMaxVolume remainingMinVolume percentOutsideLargest
        massTable { threshold voxels molecularMassKDa aminoAcids }
        hardMaskVoxels hardMaskVolume overlap rawMaskSlices { ${IMAGE} } }
      background { ${SECTION} tStatistic pValue mean standardDeviation backgroundVoxels
        percentBeyond5Sigma percentGaussian ratio outlierSlices { ${IMAGE} } }
      bFactor { ${SECTION} bFactor slope intercept fitLowResolution fitHighResolution fitPoints
        guinier { inverseResolutionSquared lnAmplitude lnAmplitudeCorrected inFit }
        sharpenedSlices { ${IMAGE} } }
      localResolution { ${LOCAL} }
      localBFactor { ${LOCAL} }
      localOccupancy { ${LOCAL} }
      hand { ${SECTION} score helicesFound evidence }
      summary {
        score evaluable
        sections { id title status warningCount counted }
        warnings { id title warnings }
        abstract
        resolutionEstimates { min max mean }
        resolutionOverestimated scoreSentence
      }
    }
  }
}`;

export interface Vec3Json {
  x: number;
  y: number;
  z: number;
}

export interface EmdbJson {
  id: string | null;
  title: string | null;
  authors: string[];
  depositionDate: string | null;
  method?: string | null;
}

/** The `map` part of the answer (profile may come back as the enum STANDARD / VRS_2024). */
export interface ReportMap {
  id: string;
  name: string;
  sizeBytes: number;
  voxelSize: Vec3Json;
  dimensions: Vec3Json;
  statistics: { min: number; max: number; mean: number; std: number; rms: number };
  contourLevel: number | null;
  contourSource: string | null;
  reportedResolution: number | null;
  emdb: EmdbJson | null;
  level0: Level0Result;
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
  data?: { map?: ReportMap | null } | null;
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
