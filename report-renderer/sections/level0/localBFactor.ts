/** Report file of 0.f (local B-factor): the local-map sections share their selection and template (templates/sections.ts). */
import { localModule } from '../../templates/sections.js';

export default localModule('localBFactor');
