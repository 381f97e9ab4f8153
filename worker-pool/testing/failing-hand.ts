/**
 * A test module (VRS_METRIC_MODULES) that replaces 0.h's metric by one that always fails with a
 * coded error, to check that a failed section does not take the others down: it is FAILED with
 * its code in the table, the JSON, the summary (not counted) and the PDF ("could not be
 * measured"), and its GraphQL field is null with the error on that field only.
 */
import { VrsError } from '../errors.js';
import type { Level0Params, MetricDefinition } from '../metrics/types.js';

export const FAILING_HAND_MESSAGE = 'The test module failing-hand.ts refuses to measure the hand.';

const failingHand: MetricDefinition<never, Level0Params> = {
  name: 'level0.hand',
  version: 'failing-1',
  dependsOn: [],
  keyParams: [],
  compute() {
    throw new VrsError('THRESHOLD_EMPTY_MASK', FAILING_HAND_MESSAGE);
  },
};

export const metrics = [failingHand];
