/**
 * What the report renderer needs besides the GraphQL answer, read from the store: the bytes of
 * figure artifacts (PNG slices, projections) and the isosurface (the mesh made by the
 * 'level0.isosurface' metric, computed on first use, and the local maps of 0.e–0.g sampled
 * at its vertices to paint it). No report number comes from here: only pictures.
 */
import { isVrsError } from '../../worker-pool/errors.js';
import type { Level0Params } from '../../worker-pool/metrics/types.js';
import type { LocalAnalysis } from '../../worker-pool/metrics/level0/local-record.js';
import type { Dims } from '../../worker-pool/volume.js';
import { decodeMesh, localMapValuesAtVertices, MESH_MEDIA_TYPE, type IsosurfaceResult } from '../../worker-pool/metrics/level0/isosurface.js';
import type { RenderOptions, SurfaceProvider } from '../../report-renderer/render.js';
import type { SurfaceMesh } from '../../report-renderer/isosurface.js';
import type { BlobStore } from '../store/blob-store.js';

/** Local maps that hold 0 where nothing was measured (outside the mask): 0.e, 1.c, 1.e. */
const UNMEASURED_IS_ZERO: ReadonlySet<string> = new Set(['localResolution', 'localFsc', 'monoRes']);

export interface ReportFigureDeps {
  blobs: BlobStore;
  /** Runs (or reads from the memo) a metric of the map. */
  runMetric(mapId: string, metric: string, params: Level0Params): Promise<{ result: unknown }>;
  /** Voxels along x, y, z of a registered map (null when unknown). */
  mapDimensions(mapId: string): Promise<Dims | null>;
}

export type ReportFigureOptions = Pick<RenderOptions, 'loadArtifact' | 'surfaces'>;

export function reportFigureOptions(deps: ReportFigureDeps, mapId: string, params: Level0Params): ReportFigureOptions {
  // A figure whose file is gone from the blob folder (BLOB_MISSING) is left out of the PDF
  // rather than failing the whole report; the section's numbers are still printed.
  const loadArtifact = async (sha256: string, volume = false): Promise<Uint8Array | null> => {
    const row = await deps.blobs.get(sha256);
    if (!row) return null;
    try {
      return await (volume ? deps.blobs.readVolume(sha256, row.mediaType) : deps.blobs.read(sha256, row.mediaType));
    } catch (error) {
      if (isVrsError(error) && error.code === 'BLOB_MISSING') return null;
      throw error;
    }
  };
  let mesh: Promise<SurfaceMesh | null> | null = null;
  const loadMesh = async (): Promise<SurfaceMesh | null> => {
    const out = await deps.runMetric(mapId, 'level0.isosurface', params);
    const ref = (out.result as IsosurfaceResult).mesh;
    return decodeMesh(await deps.blobs.read(ref.sha256, MESH_MEDIA_TYPE));
  };
  const surfaces: SurfaceProvider = {
    mesh: () => (mesh ??= loadMesh()),
    async vertexValues(key, analysis: LocalAnalysis) {
      const surface = await surfaces.mesh();
      const dims = await deps.mapDimensions(mapId);
      if (!surface || !dims || !analysis.mapSha256) return null;
      const local = await loadArtifact(analysis.mapSha256, true); // 256 MB at 400³: read on huge pages
      if (!local) return null;
      // the mesh is in Å at the analysis voxel size Ts (isotropic), voxel (0,0,0) at 0
      const ts = params.voxelSize;
      const values = localMapValuesAtVertices(surface, dims, { x: ts, y: ts, z: ts }, local);
      // MonoRes leaves 0 outside its refined mask, where the surface often lies: those vertices
      // were not measured, and are painted grey (NaN) rather than with the median as VRS's
      // Chimera copy does, which passes an unmeasured region off as a uniform measurement
      if (UNMEASURED_IS_ZERO.has(key)) for (let i = 0; i < values.length; i++) if (values[i] === 0) values[i] = Number.NaN;
      return values;
    },
  };
  return { loadArtifact, surfaces };
}
