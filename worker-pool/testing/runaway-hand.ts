/**
 * A test module (VRS_METRIC_MODULES, after the Level 0 stubs) whose 0.h never ends: a
 * synchronous loop, as a runaway kernel (the ⌈2/Ts⌉ dilations of a hostile header) would be.
 * Only the pool's time limit stops it, by terminating its worker thread. It keys on the
 * resolution, so each resolution asked is one more hostile task.
 */
import type { Level0Params, MetricDefinition } from '../metrics/types.js';

const runawayHand: MetricDefinition<never, Level0Params> = {
  name: 'level0.hand',
  version: 'runaway-1',
  dependsOn: [],
  keyParams: ['resolution'],
  compute() {
    const until = Date.now() + 10 * 60_000; // gives up by itself only after 10 minutes
    while (Date.now() < until);
    throw new Error('the runaway test metric gave up');
  },
};

export const metrics = [runawayHand];
