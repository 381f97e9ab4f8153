/** The record of Level 1's input figures (not graded; printed in chapter 1 beside the map's). */
import type { Image } from '../../section-record.js';

export interface HalfMapData {
  half1CentralSlices: Image[];
  half1MaxVarianceSlices: Image[];
  half2CentralSlices: Image[];
  half2MaxVarianceSlices: Image[];
  /** slices of half1 − half2: noise only, where the halves agree */
  differenceCentralSlices: Image[];
  differenceMaxVarianceSlices: Image[];
}
