/**
 * The maps service on a real store (scratch database, blob folder and data root of its own):
 * registration by path and by upload, re-registration, the decode limits and input checks.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeMrc } from '../../worker-pool/io/mrc/write.js';
import { sha256Hex } from '../../worker-pool/io/blob-files.js';
import { openStore, type Store } from '../store/index.js';
import { createScratchDatabase, type ScratchDatabase } from '../store/testing.js';
import { Slots, StoreMapsService } from './service.js';

const dir = mkdtempSync(join(tmpdir(), 'vrs-maps-service-'));
const ROOT = join(dir, 'data');
const BLOBS = join(dir, 'blobs');

let scratch: ScratchDatabase;
let store: Store;
let maps: StoreMapsService;

beforeAll(async () => {
  scratch = await createScratchDatabase();
  store = await openStore({ url: scratch.url, blobDir: BLOBS });
  mkdirSync(ROOT);
  maps = new StoreMapsService(store, ROOT, { maxDecompressedBytes: 100_000 });
});
afterAll(async () => {
  await store?.close();
  await scratch?.drop();
  rmSync(dir, { recursive: true, force: true });
});

let seed = 0;
/** A small valid map (16³ float32, 17 kB), different at each call; `sparse`: mostly zeros (compresses well). */
function mapBytes(n = 16, sparse = false): Buffer {
  seed += 1;
  const data = new Float32Array(n * n * n).map((_, i) => (sparse && i % 101 !== 0 ? 0 : Math.sin(i * 0.37 + seed)));
  return Buffer.from(writeMrc({ nx: n, ny: n, nz: n, data, voxelSize: { x: 1, y: 1, z: 1 }, origin: { x: 0, y: 0, z: 0 } }));
}

const upload = (bytes: Buffer, name: string, maxBytes = 1_000_000) => maps.ingestUpload(Readable.from([bytes]), name, maxBytes);

/** Every file under the blob folder (the upload temp folder excluded). */
function blobFiles(): string[] {
  if (!existsSync(BLOBS)) return [];
  return readdirSync(BLOBS, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).filter((p) => !p.includes(`${BLOBS}/tmp`)).sort();
}

describe('decompression limit', () => {
  it('an upload .gz and a registered .gz path over the limit are refused with MAP_TOO_LARGE, leaving nothing', async () => {
    const big = gzipSync(mapBytes(48, true)); // 48³ float32 = 443 kB decompressed, a few kB stored
    expect(big.length).toBeLessThan(100_000);
    const before = blobFiles();
    await expect(upload(big, 'big.map.gz', 100_000)).rejects.toMatchObject({ code: 'MAP_TOO_LARGE' }); // the upload limit
    writeFileSync(join(ROOT, 'big.map.gz'), big);
    await expect(maps.registerPath('big.map.gz', {})).rejects.toMatchObject({ code: 'MAP_TOO_LARGE' });
    expect(await store.maps.get(sha256Hex(big))).toBeNull();
    expect(blobFiles()).toEqual(before);
    // under the limit: accepted
    const small = gzipSync(mapBytes(16));
    expect((await upload(small, 'small.map.gz', 100_000)).id).toBe(sha256Hex(small));
  });

  it('a .gz of several members counts them all: a small map followed by members of zeros is refused, leaving nothing', async () => {
    const map = mapBytes(16); // 16 kB
    const gz = Buffer.concat([gzipSync(map), gzipSync(Buffer.alloc(60_000)), gzipSync(Buffer.alloc(60_000))]); // 136 kB inflated
    expect(gz.length).toBeLessThan(20_000);
    const before = blobFiles();
    await expect(upload(gz, 'members.map.gz', 100_000)).rejects.toMatchObject({ code: 'MAP_TOO_LARGE', message: expect.stringContaining('gzip members together') });
    writeFileSync(join(ROOT, 'members.map.gz'), gz);
    await expect(maps.registerPath('members.map.gz', {})).rejects.toMatchObject({ code: 'MAP_TOO_LARGE' });
    expect(await store.maps.get(sha256Hex(gz))).toBeNull();
    expect(blobFiles()).toEqual(before);
  });

  it('uploads are decoded at most `concurrentDecodes` at a time; the others wait for a slot', async () => {
    const release = [await maps.decodeSlots.acquire(), await maps.decodeSlots.acquire()]; // both slots busy
    let done = false;
    const pending = upload(mapBytes(), 'waits.map').then((r) => ((done = true), r));
    await new Promise((r) => setTimeout(r, 300));
    expect(done).toBe(false); // received, but waiting to be decoded
    release[0]!();
    const record = await pending;
    expect(record.name).toBe('waits.map');
    release[1]!();
  });
});

describe('Slots', () => {
  it('lets `size` tasks run at once, the others in order as slots free up', async () => {
    const slots = new Slots(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (i: number) => slots.run(async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 10));
      order.push(i);
      running -= 1;
    });
    await Promise.all([0, 1, 2, 3, 4].map(task));
    expect(peak).toBe(2);
    expect(order).toHaveLength(5);
    // a task that fails gives its slot back
    await expect(slots.run(async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await expect(Promise.all([slots.run(async () => 1), slots.run(async () => 2)])).resolves.toEqual([1, 2]);
  });
});

describe('registering a map again', () => {
  it('by another path, when the registered file was deleted: the row takes the new path', async () => {
    const bytes = mapBytes();
    writeFileSync(join(ROOT, 'a.map'), bytes);
    const first = await maps.registerPath('a.map', {});
    expect((await store.maps.get(first.id))!.blobPath).toBe(join(ROOT, 'a.map'));
    // registered again while the file is there: the row keeps its file
    writeFileSync(join(ROOT, 'b.map'), bytes);
    await maps.registerPath('b.map', {});
    expect((await store.maps.get(first.id))!.blobPath).toBe(join(ROOT, 'a.map'));
    unlinkSync(join(ROOT, 'a.map'));
    await maps.registerPath('b.map', {});
    expect((await store.maps.get(first.id))!.blobPath).toBe(join(ROOT, 'b.map'));
  });

  it('by upload, when the registered file was deleted: the row takes the uploaded blob', async () => {
    const bytes = mapBytes();
    writeFileSync(join(ROOT, 'c.map'), bytes);
    const { id } = await maps.registerPath('c.map', {});
    unlinkSync(join(ROOT, 'c.map'));
    await upload(bytes, 'c.map');
    const path = (await store.maps.get(id))!.blobPath!;
    expect(path.startsWith(BLOBS)).toBe(true);
    expect(existsSync(path)).toBe(true);
  });

  it('by upload, while the registered file is there: no copy is left in the blob folder', async () => {
    const bytes = mapBytes();
    writeFileSync(join(ROOT, 'd.map'), bytes);
    const { id } = await maps.registerPath('d.map', {});
    const before = blobFiles();
    expect((await upload(bytes, 'd.map')).id).toBe(id);
    expect(blobFiles()).toEqual(before);
    expect((await store.maps.get(id))!.blobPath).toBe(join(ROOT, 'd.map'));
  });

  it('a plain map uploaded under a .map.gz name is stored as .map (by what its bytes are)', async () => {
    const bytes = mapBytes();
    const { id } = await upload(bytes, 'plain.map.gz');
    const path = (await store.maps.get(id))!.blobPath!;
    expect(path.endsWith(`${id}.map`)).toBe(true);
    const gz = gzipSync(mapBytes());
    const zipped = await upload(gz, 'zipped.map');
    expect((await store.maps.get(zipped.id))!.blobPath!.endsWith(`${zipped.id}.map.gz`)).toBe(true);
  });
});

describe('registration inputs', () => {
  let id: string;
  beforeAll(async () => {
    id = (await upload(mapBytes(), 'inputs.map')).id;
    writeFileSync(join(ROOT, 'inputs.map'), mapBytes());
  });

  it('emdbHeaderPath naming a folder or no file is BAD_PARAMETER with what to give', async () => {
    for (const register of [(o: object) => maps.registerUpload(id, o), (o: object) => maps.registerPath('inputs.map', o)]) {
      await expect(register({ emdbHeaderPath: '.' })).rejects.toMatchObject({ code: 'BAD_PARAMETER', message: expect.stringMatching(/"\." is a directory; give the path of the EMDB header XML/) });
      await expect(register({ emdbHeaderPath: 'nope.xml' })).rejects.toMatchObject({ code: 'BAD_PARAMETER', message: expect.stringMatching(/no file "nope.xml" under the data root/) });
    }
    await expect(maps.registerUpload(id, { emdbHeaderPath: '/etc/hostname' })).rejects.toMatchObject({ code: 'PATH_OUTSIDE_DATA_ROOT' });
  });

  it('a name with a control character or over 255 characters is BAD_PARAMETER; 255 is fine', async () => {
    for (const name of ['a\u0000b', 'tab\there', 'line\nbreak', 'x'.repeat(256), 'é'.repeat(900_000)]) {
      await expect(maps.registerUpload(id, { name })).rejects.toMatchObject({ code: 'BAD_PARAMETER' });
      await expect(maps.registerPath('inputs.map', { name })).rejects.toMatchObject({ code: 'BAD_PARAMETER' });
    }
    expect((await maps.registerUpload(id, { name: 'é'.repeat(255) })).name).toBe('é'.repeat(255));
  });

  it('registering a path with a resolution beyond Nyquist is refused before the row is made', async () => {
    const bytes = mapBytes();
    writeFileSync(join(ROOT, 'nyquist.map'), bytes); // 1 Å voxels: the limit is 2 Å
    await expect(maps.registerPath('nyquist.map', { reportedResolution: 1.5 })).rejects.toMatchObject({ code: 'RESOLUTION_BEYOND_NYQUIST' });
    expect(await store.maps.get(sha256Hex(bytes))).toBeNull();
    expect((await maps.registerPath('nyquist.map', { reportedResolution: 2 })).reportedResolution).toBe(2);
  });

  it('an upload file name with a control character is UPLOAD_BAD_NAME', async () => {
    await expect(upload(mapBytes(), 'a\nb.map')).rejects.toMatchObject({ code: 'UPLOAD_BAD_NAME' });
  });
});

describe('an upload that is no map is refused from its first 1024 bytes', () => {
  /** A body of `total` zero bytes made on demand, counting what the reader pulled. */
  function zeros(total: number) {
    const chunk = Buffer.alloc(64 * 1024);
    const stream = { pulled: 0, body: undefined as unknown as Readable };
    stream.body = new Readable({
      read() {
        if (stream.pulled >= total) return void this.push(null);
        stream.pulled += chunk.length;
        this.push(chunk);
      },
    });
    return stream;
  }

  it('4 GiB of zeros (plain, declared): MAP_NOT_A_MAP after a few chunks, nothing written', async () => {
    const before = blobFiles();
    const body = zeros(4 * 2 ** 30);
    await expect(maps.ingestUpload(body.body, 'zeros.map', 5 * 2 ** 30, 4 * 2 ** 30)).rejects.toMatchObject({ code: 'MAP_NOT_A_MAP' });
    expect(body.pulled).toBeLessThan(2 * 2 ** 20); // the stream's buffers, not the 4 GiB
    expect(blobFiles()).toEqual(before);
    expect(readdirSync(join(BLOBS, 'tmp'))).toEqual([]);
  });

  it('a .gz whose first member inflates to no header, and a plain header whose data block outruns the declared length', async () => {
    const gz = gzipSync(Buffer.alloc(4096));
    await expect(maps.ingestUpload(Readable.from([gz]), 'zeros.map.gz', 1_000_000, gz.length)).rejects.toMatchObject({ code: 'MAP_NOT_A_MAP' });
    const map = mapBytes(16); // 17 kB: its header says 16 kB of data
    const head = Readable.from([map.subarray(0, 2048)]);
    await expect(maps.ingestUpload(head, 'short.map', 1_000_000, 2048)).rejects.toMatchObject({ code: 'MAP_TRUNCATED' });
    // a good map is unaffected, declared or not
    expect((await maps.ingestUpload(Readable.from([mapBytes(16)]), 'fine.map', 1_000_000, 16 * 16 * 16 * 4 + 1024)).name).toBe('fine.map');
    expect((await maps.ingestUpload(Readable.from([gzipSync(mapBytes(16))]), 'fine.map.gz', 1_000_000)).name).toBe('fine.map.gz');
  });
});

describe('refusals name files relative to the data root', () => {
  it("registerMap of a folder says which one without the server's absolute data root", async () => {
    mkdirSync(join(ROOT, 'maps', 'a-folder.map'), { recursive: true });
    const error = await maps.registerPath('maps/a-folder.map', {}).then(() => null, (e: unknown) => e as Error);
    expect(error).toMatchObject({ code: 'MAP_NOT_FOUND' });
    expect(error!.message).toContain('maps/a-folder.map is a directory');
    expect(error!.message).not.toContain(ROOT);
    expect(error!.message).not.toContain(dir);
  });
});
