/** Report file of 0.e (local resolution): the local-map sections share their selection and template (templates/sections.ts). */
import { localModule } from '../../templates/sections.js';

export default localModule('localResolution');
