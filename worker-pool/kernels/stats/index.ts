/** Statistics kernels: summary, percentiles, histograms, distributions, regression. */
export { summaryStats, centreOfMass, type SummaryStats, type Values } from './summary.js';
export { percentiles, gatherValues, orderStatistics, quickselect } from './percentiles.js';
export { histogram, linspace, type Histogram } from './histogram.js';
export { normalCdf, studentTCdf, studentTTwoSidedP, tTestOneSample, type TTestResult } from './distributions.js';
export { linearFit, type LinearFit } from './regression.js';
