/** 1.d Local resolution (ResMap): declared, not available in this version (not counted in the score). */
import { notAvailableSection } from '../not-available.js';

export const resMapSection = notAvailableSection('resMap', '1.d', '1.d Local resolution (ResMap)', 'ResMapAnalysis', 'ResMap');
