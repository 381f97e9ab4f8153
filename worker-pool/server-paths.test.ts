import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './paths.js';
import { clientStoredError, detailsWithoutServerPaths, hideServerFolder, withoutServerPaths } from './server-paths.js';

describe('withoutServerPaths', () => {
  const root = join(tmpdir(), 'vrs-paths-test-root');
  const data = join(tmpdir(), 'vrs-paths-test-data');
  hideServerFolder(root, null);
  hideServerFolder(data, '<data folder>');

  it('writes paths under the data root relative to it, the root itself as "the data root"', () => {
    expect(withoutServerPaths(`The map file ${root}/maps/x.map does not exist.`)).toBe('The map file maps/x.map does not exist.');
    expect(withoutServerPaths(`${root} is not writable`)).toBe('the data root is not writable');
  });

  it('labels the other folders; the innermost registered folder wins over the temporary folder around it', () => {
    expect(withoutServerPaths(`'${data}/blobs/ab/cd.map'`)).toBe("'<data folder>/blobs/ab/cd.map'");
    expect(withoutServerPaths(`${tmpdir()}/upload-1`)).toBe('<tmp>/upload-1');
    expect(withoutServerPaths(`at ${REPO_ROOT}/dist/x.js:3`)).toBe('at <server>/dist/x.js:3');
  });

  it('matches whole names only, and leaves routes and other text alone', () => {
    // a sibling whose name starts like the root is no path under it (only the temporary folder around both applies)
    expect(withoutServerPaths(`${root}-other/x and /var${tmpdir()}/y`)).toBe(`<tmp>/vrs-paths-test-root-other/x and /var${tmpdir()}/y`);
    expect(withoutServerPaths('upload it with PUT /maps/{filename}')).toBe('upload it with PUT /maps/{filename}');
  });

  it('reaches into details and stored errors', () => {
    expect(detailsWithoutServerPaths({ path: `${root}/a.map`, n: 3, list: [`${data}/pg`] })).toEqual({ path: 'a.map', n: 3, list: ['<data folder>/pg'] });
    expect(clientStoredError({ code: 'MAP_NOT_FOUND', message: `No file ${root}/b.map` })).toEqual({ code: 'MAP_NOT_FOUND', message: 'No file b.map' });
    expect(clientStoredError({ code: 'WHAT', message: 'x' })?.code).toBe('INTERNAL');
  });
});
