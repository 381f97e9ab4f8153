/** Every migration, in order. New ones: a timestamped class in this folder, added here. */
import { InitialSchema1764100000000 } from './1764100000000-InitialSchema.js';
import { MapInputs1796280000000 } from './1796280000000-MapInputs.js';
import { MetricRanks1797100000000 } from './1797100000000-MetricRanks.js';
import { JobQueue1800000000000 } from './1800000000000-JobQueue.js';
import { MetricRanksProfile1800000000001 } from './1800000000001-MetricRanksProfile.js';
import { DoneResultsIndex1800000000002 } from './1800000000002-DoneResultsIndex.js';

export const MIGRATIONS = [InitialSchema1764100000000, MapInputs1796280000000, MetricRanks1797100000000, JobQueue1800000000000, MetricRanksProfile1800000000001, DoneResultsIndex1800000000002];
