/**
 * Content-addressed files: an artifact's name is the SHA-256 of its bytes, so writing the
 * same bytes twice is a no-op and a reader can verify what it got. Files live two levels
 * deep (`ab/cd/abcd….png`) so that no folder grows huge. Writes go to a temporary file in
 * the same folder and are renamed into place, so a reader never sees half a file.
 *
 * Sync variants exist because a metric's `putArtifact` is synchronous (it runs inside a
 * worker thread, where blocking is harmless).
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { VrsError } from '../errors.js';
import { HUGE_PAGE_MIN_BYTES, sharedBuffer } from '../kernels/memory/shared-memory.js';

export interface BlobWritten {
  sha256: string;
  path: string;
  sizeBytes: number;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const EXTENSION = /^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Where the blob with this hash and extension lives (ext without the dot, e.g. 'png', 'map.gz'). */
export function blobPath(root: string, sha256: string, ext: string): string {
  if (!SHA256_HEX.test(sha256)) {
    throw new VrsError('BAD_PARAMETER', `Blob id must be 64 lowercase hex digits (a SHA-256), got "${sha256}".`);
  }
  const cleanExt = ext.startsWith('.') ? ext.slice(1) : ext;
  if (cleanExt !== '' && !EXTENSION.test(cleanExt)) {
    throw new VrsError('BAD_PARAMETER', `Blob extension "${ext}" must be letters and digits (e.g. "png", "map.gz").`);
  }
  const file = cleanExt === '' ? sha256 : `${sha256}.${cleanExt}`;
  return join(root, sha256.slice(0, 2), sha256.slice(2, 4), file);
}

function tempPathBeside(path: string): string {
  return `${path}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
}

/** Writes bytes under their SHA-256 name (atomically); an existing blob is left as it is. */
export async function writeBlob(root: string, bytes: Uint8Array, ext: string): Promise<BlobWritten> {
  const sha256 = sha256Hex(bytes);
  const path = blobPath(root, sha256, ext);
  if (!existsSync(path)) {
    await mkdir(dirname(path), { recursive: true });
    const temp = tempPathBeside(path);
    try {
      await writeFile(temp, bytes);
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
  return { sha256, path, sizeBytes: bytes.byteLength };
}

export function writeBlobSync(root: string, bytes: Uint8Array, ext: string): BlobWritten {
  const sha256 = sha256Hex(bytes);
  const path = blobPath(root, sha256, ext);
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    const temp = tempPathBeside(path);
    try {
      writeFileSync(temp, bytes);
      renameSync(temp, path);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
  }
  return { sha256, path, sizeBytes: bytes.byteLength };
}

function missing(sha256: string, path: string): VrsError {
  return new VrsError('BLOB_MISSING', `Artifact ${sha256} is not in the blob folder (${path}); recompute the section that made it.`);
}

/** Reads a blob back; with `verify`, checks that the bytes still hash to their name. */
export async function readBlob(root: string, sha256: string, ext: string, verify = false): Promise<Uint8Array> {
  const path = blobPath(root, sha256, ext);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw missing(sha256, path);
    throw error;
  }
  if (verify) checkHash(bytes, sha256, path);
  return bytes;
}

function endedEarly(path: string, done: number, size: number): VrsError {
  return new VrsError('BLOB_MISSING', `Artifact file ${path} ended after ${done} of ${size} bytes while it was read; recompute the section that made it.`);
}

/**
 * The bytes of a volume file (an .mrc or .bin artifact: masks, local maps) in a buffer of
 * sharedBuffer's, on huge pages from HUGE_PAGE_MIN_BYTES on: readFileSync's buffer takes a
 * page fault per 4 KiB as the kernel fills it (~0.16 CPU-s per 64 MB mask on the measured VMs,
 * and the sections of one 400³ map read ~0.45 GB of masks back).
 */
function readVolumeFileSync(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size < HUGE_PAGE_MIN_BYTES) return readFileSync(fd);
    const bytes = new Uint8Array(sharedBuffer(size));
    let done = 0;
    while (done < size) {
      const n = readSync(fd, bytes, done, size - done, done);
      if (n === 0) throw endedEarly(path, done, size);
      done += n;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/** readVolumeFileSync for the event loop (the reports service reads a local map to paint the surface), whose twin it is. */
async function readVolumeFile(path: string): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    if (size < HUGE_PAGE_MIN_BYTES) return await fh.readFile();
    const bytes = new Uint8Array(sharedBuffer(size));
    let done = 0;
    while (done < size) {
      const { bytesRead } = await fh.read(bytes, done, size - done, done);
      if (bytesRead === 0) throw endedEarly(path, done, size);
      done += bytesRead;
    }
    return bytes;
  } finally {
    await fh.close();
  }
}

/**
 * A volume artifact (an MRC map) read back whole for computing, not for serving: on huge pages
 * from HUGE_PAGE_MIN_BYTES on (readVolumeFileSync), so the buffer is a SharedArrayBuffer's.
 */
export async function readVolumeBlob(root: string, sha256: string, ext: string): Promise<Uint8Array> {
  const path = blobPath(root, sha256, ext);
  try {
    return await readVolumeFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw missing(sha256, path);
    throw error;
  }
}

export function readBlobSync(root: string, sha256: string, ext: string, verify = false): Uint8Array {
  const path = blobPath(root, sha256, ext);
  let bytes: Uint8Array;
  try {
    bytes = ext === 'mrc' || ext === 'bin' ? readVolumeFileSync(path) : readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw missing(sha256, path);
    throw error;
  }
  if (verify) checkHash(bytes, sha256, path);
  return bytes;
}

function checkHash(bytes: Uint8Array, sha256: string, path: string): void {
  const actual = sha256Hex(bytes);
  if (actual !== sha256) {
    throw new VrsError('BLOB_MISSING', `Artifact file ${path} is corrupt (its SHA-256 is ${actual}); recompute the section that made it.`);
  }
}

/** Moves an already written file (e.g. a streamed upload hashed on the way) into the store. */
export async function adoptBlobFile(root: string, tempFile: string, sha256: string, ext: string): Promise<string> {
  const path = blobPath(root, sha256, ext);
  await mkdir(dirname(path), { recursive: true });
  if (existsSync(path)) await rm(tempFile, { force: true });
  else await rename(tempFile, path);
  return path;
}

/** File extension for a media type, so that served blobs keep a useful name. */
export function extensionForMediaType(mediaType: string): string {
  switch (mediaType) {
    case 'image/png': return 'png';
    case 'image/svg+xml': return 'svg';
    case 'application/json': return 'json';
    case 'application/pdf': return 'pdf';
    case 'application/x-mrc': return 'mrc';
    default: return 'bin';
  }
}
