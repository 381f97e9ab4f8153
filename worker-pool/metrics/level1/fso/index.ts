/** 1.g Fourier shell occupancy (FSO): declared, not available in this version (not counted in the score). */
import { notAvailableSection } from '../not-available.js';

export const fsoSection = notAvailableSection('fso', '1.g', '1.g Fourier shell occupancy (FSO)', 'FsoAnalysis', 'FSO');
