export { MapRow, CONTOUR_SOURCES } from './map.entity.js';
export type { ContourSource } from './map.entity.js';
export { MetricResultRow, METRIC_STATES } from './metric-result.entity.js';
export type { MetricState, StoredError } from './metric-result.entity.js';
export { ArtifactRow } from './artifact.entity.js';
import { MapRow } from './map.entity.js';
import { MetricResultRow } from './metric-result.entity.js';
import { ArtifactRow } from './artifact.entity.js';
export const ENTITIES = [MapRow, MetricResultRow, ArtifactRow];
