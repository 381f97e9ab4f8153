import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder holding package.json), from source or from dist/. */
export const REPO_ROOT: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
})();

/** The shared, read-only project material (`../shared` beside the repository). */
export const SHARED_DIR: string = resolve(REPO_ROOT, '..', 'shared');
/** Real EMDB maps for tests (see ../shared/data/real/README.md). */
export const REAL_MAPS_DIR: string = join(SHARED_DIR, 'data', 'real', 'maps');
export const REAL_MODELS_DIR: string = join(SHARED_DIR, 'data', 'real', 'models');
