/**
 * Level 0 (one map), declared: its sections in report order and the metrics they depend on.
 * Adding a section = its folder, its report file and one entry in `sections`.
 */
import { checkLevel, type LevelDeclaration, type SectionDeclaration } from '../levels.js';
import type { LocalAnalysis } from './local-record.js';
import { inputDataSection } from './input-data/index.js';
import { massSection } from './mass/index.js';
import { maskSection } from './mask/index.js';
import { backgroundSection } from './background/index.js';
import { bFactorSection } from './bfactor/index.js';
import { localResolutionSection } from './local-resolution/index.js';
import { localBFactorSection } from './local-bfactor/index.js';
import { localOccupancySection } from './local-occupancy/index.js';
import { handSection } from './hand/index.js';
import { masksMetric, resampledMetric, softMaskMetric, thresholdMetric } from './support.js';
import { isosurfaceMetric } from './isosurface.js';
import { NO_RESOLUTION_NOTICE, estimatedThresholdNotice } from './texts.js';

export const LEVEL0: LevelDeclaration = checkLevel({
  id: '0',
  field: 'level0',
  typeName: 'Level0',
  chapterTitle: 'Level 0 analysis',
  description: 'Level 0 analyses of this map; sections are computed when selected',
  typeDescription: 'Level 0 analyses; each section is computed lazily, when selected',
  inputs: ['map'],
  params: 'mapAnalysis',
  sections: [
    inputDataSection,
    massSection,
    maskSection,
    backgroundSection,
    bFactorSection,
    localResolutionSection,
    localBFactorSection,
    localOccupancySection,
    handSection,
  ] as SectionDeclaration[],
  // the isosurface mesh is drawn by the report; the threshold estimate is asked for by the services
  supportMetrics: [masksMetric, softMaskMetric, resampledMetric, thresholdMetric, isosurfaceMetric],
  noResolutionNotice: NO_RESOLUTION_NOTICE,
  estimatedThresholdNotice,
  // Level 0's only resolution estimate: 0.e's local resolution (median, 2.5–97.5 %), when it was graded
  resolutionEstimates(sections) {
    const local = sections.localResolution as LocalAnalysis | undefined;
    const p = local && (local.status === 'OK' || local.status === 'WARNING') ? local.percentiles : null;
    return p ? [{ label: `${local!.title} by ${local!.method}`, median: p.p50, p2_5: p.p2_5, p97_5: p.p97_5 }] : [];
  },
});
