import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { adoptBlobFile, blobPath, readBlob, readBlobSync, readVolumeBlob, writeBlob, writeBlobSync } from './blob-files.js';

const root = mkdtempSync(join(tmpdir(), 'vrs-blobs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// FIPS 180-2 test vector: SHA-256("abc").
const ABC_SHA256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const abc = new TextEncoder().encode('abc');

describe('blob files', () => {
  it('names a blob by its SHA-256, two folder levels deep', () => {
    expect(blobPath('/b', ABC_SHA256, 'png')).toBe(`/b/ba/78/${ABC_SHA256}.png`);
    expect(blobPath('/b', ABC_SHA256, '.map.gz')).toBe(`/b/ba/78/${ABC_SHA256}.map.gz`);
    expect(blobPath('/b', ABC_SHA256, '')).toBe(`/b/ba/78/${ABC_SHA256}`);
  });

  it('refuses names that are not a SHA-256 or extensions that could leave the folder', () => {
    expect(() => blobPath(root, '../etc/passwd', 'png')).toThrow(expect.objectContaining({ code: 'BAD_PARAMETER' }));
    expect(() => blobPath(root, ABC_SHA256.toUpperCase(), 'png')).toThrow(expect.objectContaining({ code: 'BAD_PARAMETER' }));
    expect(() => blobPath(root, ABC_SHA256, 'png/../../x')).toThrow(expect.objectContaining({ code: 'BAD_PARAMETER' }));
  });

  it('writes atomically (no temporary file left), reads back, and is idempotent', async () => {
    // A folder of its own: the listing below must not see the other tests' blobs.
    const root = mkdtempSync(join(tmpdir(), 'vrs-blobs-atomic-'));
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    const written = await writeBlob(root, abc, 'txt');
    expect(written).toEqual({ sha256: ABC_SHA256, path: blobPath(root, ABC_SHA256, 'txt'), sizeBytes: 3 });
    expect(readFileSync(written.path, 'utf8')).toBe('abc');
    expect(readdirSync(dirname(written.path))).toEqual([`${ABC_SHA256}.txt`]);
    await Promise.all(Array.from({ length: 8 }, () => writeBlob(root, abc, 'txt')));
    expect(readdirSync(dirname(written.path))).toEqual([`${ABC_SHA256}.txt`]);
    expect(new TextDecoder().decode(await readBlob(root, ABC_SHA256, 'txt', true))).toBe('abc');
  });

  it('has synchronous variants for worker-side putArtifact/readArtifact', () => {
    const bytes = new Uint8Array([0, 1, 2, 3, 255]);
    const written = writeBlobSync(root, bytes, 'bin');
    expect(written.sizeBytes).toBe(5);
    expect([...readBlobSync(root, written.sha256, 'bin', true)]).toEqual([0, 1, 2, 3, 255]);
  });

  it('reads a big volume artifact (.bin, .mrc) whole into a shared buffer, verified, and a missing one as BLOB_MISSING', async () => {
    // 8 MiB + 3 bytes: above the huge-page size and not a multiple of a page
    const bytes = new Uint8Array((8 << 20) + 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
    for (const ext of ['bin', 'mrc']) {
      const written = writeBlobSync(root, bytes, ext);
      const back = readBlobSync(root, written.sha256, ext, true);
      expect(back.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(back.byteLength).toBe(bytes.byteLength);
      expect(Buffer.compare(Buffer.from(back.buffer, back.byteOffset, back.byteLength), Buffer.from(bytes))).toBe(0);
      const async = await readVolumeBlob(root, written.sha256, ext); // the reports service's read
      expect(async.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(Buffer.compare(Buffer.from(async.buffer, async.byteOffset, async.byteLength), Buffer.from(bytes))).toBe(0);
    }
    expect(() => readBlobSync(root, 'e'.repeat(64), 'mrc')).toThrow(expect.objectContaining({ code: 'BLOB_MISSING' }));
    await expect(readVolumeBlob(root, 'e'.repeat(64), 'mrc')).rejects.toMatchObject({ code: 'BLOB_MISSING' });
    expect([...(await readVolumeBlob(root, writeBlobSync(root, abc, 'mrc').sha256, 'mrc'))]).toEqual([...abc]);
    // small ones and other kinds are read as before
    expect(readBlobSync(root, writeBlobSync(root, abc, 'bin').sha256, 'bin').buffer).toBeInstanceOf(ArrayBuffer);
  });

  it('reports a missing or corrupted blob as BLOB_MISSING', async () => {
    await expect(readBlob(root, 'f'.repeat(64), 'png')).rejects.toMatchObject({ code: 'BLOB_MISSING' });
    expect(() => readBlobSync(root, 'f'.repeat(64), 'png')).toThrow(expect.objectContaining({ code: 'BLOB_MISSING' }));
    const written = await writeBlob(root, new TextEncoder().encode('to be damaged'), 'txt');
    writeFileSync(written.path, 'damaged');
    await expect(readBlob(root, written.sha256, 'txt', true)).rejects.toMatchObject({ code: 'BLOB_MISSING' });
  });

  it('adopts an already hashed temporary file (e.g. a streamed upload)', async () => {
    const temp = join(root, 'upload.part');
    writeFileSync(temp, 'abc');
    const path = await adoptBlobFile(root, temp, ABC_SHA256, 'map');
    expect(path).toBe(blobPath(root, ABC_SHA256, 'map'));
    expect(readFileSync(path, 'utf8')).toBe('abc');
  });
});
