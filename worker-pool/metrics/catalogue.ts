/**
 * The product's levels, in report order (chapter 2 = the first). Level 1 (half maps) and
 * Level A (model) join this list. Extra levels (tests, plug-ins) come from modules that export
 * `levels` (loadLevels), appended after these.
 */
import type { LevelDeclaration } from './levels.js';
import { LEVEL0 } from './level0/level.js';
import { LEVELA } from './levelA/level.js';

export const PRODUCT_LEVELS: readonly LevelDeclaration[] = [LEVEL0, LEVELA];
