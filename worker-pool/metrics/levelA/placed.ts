/**
 * What the Level A model sections (A.e, A.h, A.d) share with the placement pre-check: whether
 * they apply (a resolution given, the model placed) and the map as they read it (the analyses'
 * cubic voxel size, the map's origin).
 */
import type { Volume } from '../../volume.js';
import type { MetricContext } from '../types.js';
import type { Placement } from './placement/record.js';
import { mapGrid, placementOf } from './model-grid.js';
import { LEVEL_A_NO_RESOLUTION_REASON, notPlacedReason } from './texts.js';

/** Why a model section does not apply, or null when it does. */
export function notApplicableReason(resolution: number | null, placement: Placement): string | null {
  if (resolution === null) return LEVEL_A_NO_RESOLUTION_REASON;
  if (!placement.placed) return placement.statusReason ?? notPlacedReason(placement.ccMask);
  return null;
}

/** The map with the voxel size the analyses use (the header's, or the voxelSize argument). */
export function analysisVolume(ctx: Pick<MetricContext, 'volume' | 'params'>): Volume {
  const g = mapGrid(ctx);
  return { ...ctx.volume, voxelSize: g.voxelSize };
}

export { placementOf };
