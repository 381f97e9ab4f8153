/** Fourier-space tools on half-complex spectra from ../fft/fft3d.ts. */
export { digitalFrequency, xmippRound, frequencyAxes, frequencyMagnitudes, forEachFrequency, type FrequencyAxes } from './frequency.js';
export { shellStatistics, type ShellOptions, type ShellStats } from './shells.js';
export { applyRadialFilter, lowPass, highPass, gaussianFilter, lowPassGain, highPassGain, gaussianGain, RAISED_COSINE_WIDTH } from './filters.js';
export { resizeSpectrum, fourierResample, resizedBox, centredWindow, resizeMap, type ResizeResult } from './resample.js';
export { monogenicAmplitude, type RieszOptions } from './riesz.js';
export { fourierShellCorrelation, fscShellMap, fscBoxSize, fscThresholdCurves, fscCrossing, FSC_CROSSING_FROM_SHELL, randomizePhasesBeyond, halfMapCurves, type HalfMapCurves, type FscCurve, type FscOptions, type FscShellMap, type FscThresholds } from './fsc.js';
