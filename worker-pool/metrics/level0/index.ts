/** The Level 0 metrics as registry definitions: the sections' and those they depend on (level.ts). */
import { levelMetrics } from '../levels.js';
import type { MetricDefinition } from '../types.js';
import { LEVEL0 } from './level.js';

export { LEVEL0 } from './level.js';
export { FLOAT_MAP_MEDIA_TYPE, MASK_MEDIA_TYPE, type MasksResult, type ResampledResult } from './support.js';

export const level0Metrics: MetricDefinition[] = levelMetrics(LEVEL0) as MetricDefinition[];
