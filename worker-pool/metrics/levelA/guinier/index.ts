/** A.d Map–model Guinier: the Guinier profiles of the map and of the model map, means equalised, Pearson R. */
import { float, list, object, recordSchema } from '../../record-schema.js';
import { sectionSchema, VEC3 } from '../../section-record.js';
import type { SectionDeclaration } from '../../levels.js';
import type { MetricDefinition } from '../../types.js';
import { inputModel } from '../../inputs.js';
import { mapGrid, PLACEMENT_METRIC } from '../model-grid.js';
import { modelDensity } from '../../../kernels/model-map/model-map.js';
import { notApplicableReason, placementOf } from '../placed.js';
import type { MapModelGuinierAnalysis, MapModelGuinierPoint } from './record.js';
import { GUINIER_TITLE } from './texts.js';
import { GUINIER_VERSION, computeMapModelGuinier, emptyGuinier } from './compute.js';

const POINT = recordSchema<MapModelGuinierPoint>()('MapModelGuinierPoint', { description: 'One resolution shell of the map and model Guinier profiles' }, {
  inverseResolutionSquared: float('1/Å²'),
  lnAmplitudeMap: float('ln of the map\'s mean |F| in the shell'),
  lnAmplitudeModel: float('ln of the model map\'s mean |F|, shifted to the map\'s mean'),
});

export const mapModelGuinierSection: SectionDeclaration<MapModelGuinierAnalysis> = {
  field: 'mapModelGuinier',
  id: 'A.d',
  title: GUINIER_TITLE,
  description: 'A.d map–model Guinier: ln|F| per shell of the map and of the model map, means equalised, Pearson R',
  record: sectionSchema<MapModelGuinierAnalysis>()('MapModelGuinierAnalysis', { description: 'A.d Map–model Guinier' }, {
    resolution: float('Å: shells from the first to this resolution are compared').orNull(),
    shift: object(VEC3, 'Å added to the model\'s coordinates (the placement pre-check\'s choice)').orNull(),
    correlation: float('Pearson R of the two ln|F| profiles (warning below 0.5)').orNull(),
    offset: float('constant added to the model map\'s ln|F| to equalise the means').orNull(),
    points: list(object(POINT), 'the compared shells'),
  }),
  metric: {
    name: 'levelA.mapModelGuinier',
    version: GUINIER_VERSION,
    cost: 0.05, // CPU-s per million voxels (bench levelA, 7DDO in 256³: 0.70 CPU-s)
    dependsOn: [PLACEMENT_METRIC],
    keyParams: ['resolution', 'voxelSize'],
    inputs: ['map', 'model'],
    compute(ctx) {
      const placement = placementOf(ctx);
      const resolution = ctx.params.resolution;
      const reason = notApplicableReason(resolution, placement);
      if (reason !== null || resolution === null) return emptyGuinier('NOT_APPLICABLE', reason ?? '');
      ctx.progress(0, 'map–model Guinier');
      const grid = mapGrid(ctx);
      // the model map at full resolution: only its shells up to the resolution are read, and a
      // low-pass there would only cut into the last shell (its coefficients round up to 1/d + ½ shell)
      const modelMap = modelDensity(inputModel(ctx, 'levelA.mapModelGuinier'), grid, { shift: placement.shift });
      return computeMapModelGuinier(ctx.volume.data, modelMap, grid, grid.voxelSize.x, resolution, placement.shift);
    },
  } satisfies MetricDefinition<MapModelGuinierAnalysis>,
  empty: (status, reason) => emptyGuinier(status, reason),
  abstract: { ok: null, warn: (n) => `The map and model Guinier profiles differ (see Sec. ${n}).` },
};
