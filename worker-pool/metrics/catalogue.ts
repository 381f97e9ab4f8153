/**
 * The product's levels, in report order (chapter 2 = the first): Level 0 (the map), Level 1 (its
 * half maps); Level A (model), then the archive checks (EMDB's, not scored). Extra levels (tests, plug-ins) come from modules that export
 * `levels` (loadLevels), appended after these.
 */
import type { LevelDeclaration } from './levels.js';
import { LEVEL0 } from './level0/level.js';
import { LEVEL1 } from './level1/level.js';
import { LEVELA } from './levelA/level.js';
import { ARCHIVE } from './archive/level.js';

export const PRODUCT_LEVELS: readonly LevelDeclaration[] = [LEVEL0, LEVEL1, LEVELA, ARCHIVE];
