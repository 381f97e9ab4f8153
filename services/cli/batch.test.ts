/** `vrs batch`'s list file: a map path a line, optionally followed by its reported resolution. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { batchItems } from './batch.js';

const dir = mkdtempSync(join(tmpdir(), 'vrs-batch-list-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('batchItems (list file)', () => {
  it('reads paths relative to the list, with or without a resolution; # comments skipped', () => {
    const list = join(dir, 'maps.txt');
    writeFileSync(list, '# maps\nmaps/emd_5625.map 11\n  maps/with space.mrc.gz\t3.5 \nmaps/plain.map\n');
    expect(batchItems(list).map((i) => [i.path, i.resolution])).toEqual([
      [join(dir, 'maps/emd_5625.map'), 11],
      [join(dir, 'maps/with space.mrc.gz'), 3.5],
      [join(dir, 'maps/plain.map'), null],
    ]);
  });

  it('refuses what is not a resolution after a path (BAD_PARAMETER, with the line)', () => {
    const list = join(dir, 'bad.txt');
    writeFileSync(list, 'a.map 11\nb.map -2\n');
    expect(() => batchItems(list)).toThrow(expect.objectContaining({ code: 'BAD_PARAMETER', message: expect.stringMatching(/line 2: "-2"/) }));
  });
});

describe('batchItems (EMDB header beside the map)', () => {
  it('finds <stem>.xml, <stem>_header.xml (as the shared emd_1997 data names it) and emd-NNNN.xml', () => {
    const d = join(dir, 'headers');
    mkdirSync(d);
    for (const f of ['a.map', 'a.xml', 'emd_1997.map', 'emd_1997_header.xml', 'emd_5625.map', 'emd-5625.xml', 'none.map']) writeFileSync(join(d, f), '');
    expect(batchItems(d).map((i) => [i.path.split('/').pop(), i.header?.split('/').pop() ?? null])).toEqual([
      ['a.map', 'a.xml'], ['emd_1997.map', 'emd_1997_header.xml'], ['emd_5625.map', 'emd-5625.xml'], ['none.map', null],
    ]);
  });
});
