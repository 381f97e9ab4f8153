/** 1.f Directional local resolution (MonoDir): declared, not available in this version (not counted in the score). */
import { notAvailableSection } from '../not-available.js';

export const monoDirSection = notAvailableSection('monoDir', '1.f', '1.f Directional local resolution (MonoDir)', 'MonoDirAnalysis', 'MonoDir');
