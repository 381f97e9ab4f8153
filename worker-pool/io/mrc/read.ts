/**
 * readMapFile / readMapBuffer: MRC2014 and CCP4 maps, plain or gzip, in one streamed pass
 * that hashes the stored bytes (SHA-256) while decoding them.
 */
import { constants } from 'node:buffer';
import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import { VrsError, isVrsError } from '../../errors.js';
import { DEFAULT_MAX_VOXELS, MapAssembler } from './assemble.js';
import { HEADER_BYTES } from './header.js';
import type { MapReadOptions, MapReadResult } from './types.js';

export type { FormatIssue, MapGeometry, MapReadOptions, MapReadResult, MapStatistics } from './types.js';

const DEFAULT_CHUNK = 16 * 1024 * 1024;

function isGzipMagic(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

async function openMap(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : `cannot be opened (${code ?? 'error'})`;
    throw new VrsError('MAP_NOT_FOUND', `The map file ${path} ${why}; check the path.`);
  }
}

/** Reads a map file (plain or gzip, detected by its first two bytes). */
export async function readMapFile(path: string, opts: MapReadOptions = {}): Promise<MapReadResult> {
  const fh = await openMap(path);
  try {
    const stat = await fh.stat();
    if (stat.isDirectory()) throw new VrsError('MAP_NOT_FOUND', `The map path ${path} is a directory; give a map file.`);
    const magic = new Uint8Array(2);
    await fh.read(magic, 0, 2, 0);
    const chunk = opts.chunkBytes ?? DEFAULT_CHUNK;
    const maxVoxels = opts.maxVoxels ?? DEFAULT_MAX_VOXELS;
    if (isGzipMagic(magic)) return await readGzip(fh, stat.size, chunk, maxVoxels, opts.maxDecompressedBytes, opts.voxelsOnly ?? false);
    return await readPlain(fh, stat.size, chunk, maxVoxels);
  } finally {
    await fh.close();
  }
}

async function readPlain(fh: FileHandle, size: number, chunkBytes: number, maxVoxels: number): Promise<MapReadResult> {
  const hash = createHash('sha256');
  const asm = new MapAssembler({ storedBytes: size, gzip: false }, maxVoxels);
  let position = 0;
  /** Reads up to `length` bytes at the current position into a fresh scratch buffer. */
  const readSome = async (length: number): Promise<Uint8Array> => {
    const buf = new Uint8Array(length);
    const { bytesRead } = await fh.read(buf, 0, length, position);
    position += bytesRead;
    const got = buf.subarray(0, bytesRead);
    hash.update(got);
    return got;
  };
  // header, then extended header (its size was checked against the file size)
  const header = await readSome(Math.min(HEADER_BYTES, size));
  asm.push(header);
  while (asm.extendedHeaderRemaining > 0 && position < size) {
    asm.push(await readSome(Math.min(asm.extendedHeaderRemaining, chunkBytes)));
  }
  // data block: straight into the destination, the next read in flight while this chunk is
  // hashed (and its statistics taken), so the disk copy overlaps the CPU work
  let target = asm.dataTarget();
  if (target) {
    let done = 0;
    const length = () => Math.min(target!.length - done, chunkBytes);
    let pending = fh.read(target, 0, length(), position);
    for (;;) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) break;
      const got = target.subarray(done, done + bytesRead);
      done += bytesRead;
      position += bytesRead;
      const more = done < target.length;
      if (more) pending = fh.read(target, done, length(), position);
      hash.update(got);
      asm.advanceData(bytesRead);
      if (!more) break;
    }
    target = undefined;
  }
  // anything after the data (counted as extra bytes by the validator)
  while (position < size) {
    const got = await readSome(Math.min(size - position, chunkBytes));
    if (got.length === 0) break;
    asm.push(got);
  }
  return asm.finish(hash.digest('hex'), position);
}

async function readGzip(
  fh: FileHandle, size: number, chunkBytes: number, maxVoxels: number, maxDecompressedBytes: number | undefined, voxelsOnly: boolean,
): Promise<MapReadResult> {
  const hash = createHash('sha256');
  const asm = new MapAssembler({ storedBytes: size, gzip: true }, maxVoxels, maxDecompressedBytes);
  const source = fh.createReadStream({ highWaterMark: chunkBytes, autoClose: false, start: 0 });
  const gunzip = createGunzip({ chunkSize: 1024 * 1024 });
  let stored = 0;
  source.on('data', (c) => {
    stored += c.length;
    hash.update(c as Buffer);
  });
  source.on('error', (e) => gunzip.destroy(e));
  source.pipe(gunzip);
  try {
    for await (const piece of gunzip) {
      asm.push(piece as Buffer);
      if (voxelsOnly && asm.dataComplete) break; // the voxels are in; the rest is only hashed
    }
    if (voxelsOnly && !source.readableEnded) {
      // leaving the loop destroyed gunzip: the file goes on flowing into the hash alone
      source.unpipe(gunzip);
      const ended = new Promise<void>((resolve, reject) => {
        source.once('end', resolve);
        source.once('error', reject);
      });
      source.resume();
      await ended;
    }
  } catch (error) {
    source.destroy();
    if (isVrsError(error)) throw error;
    throw new VrsError('MAP_GZIP_CORRUPT', `The gzip stream is corrupt or ends early (${(error as Error).message}); download or copy the .map.gz again.`);
  }
  return asm.finish(hash.digest('hex'), stored);
}

/** Reads a map held in memory (an upload, a test): plain or gzip. */
export function readMapBuffer(bytes: Uint8Array, opts: MapReadOptions = {}): MapReadResult {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const gzip = isGzipMagic(bytes);
  let plain: Uint8Array = bytes;
  const limit = opts.maxDecompressedBytes;
  if (gzip) {
    try {
      // the whole stream is inflated before the header is seen: cap the output
      plain = gunzipSync(bytes, limit === undefined ? {} : { maxOutputLength: Math.max(HEADER_BYTES, Math.min(limit, constants.MAX_LENGTH)) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new VrsError('MAP_TOO_LARGE', `This ${bytes.length}-byte .gz decompresses to more than ${limit} bytes, the limit; crop or bin the map.`);
      }
      throw new VrsError('MAP_GZIP_CORRUPT', `The gzip stream is corrupt or ends early (${(error as Error).message}); download or copy the .map.gz again.`);
    }
  }
  const asm = new MapAssembler({ storedBytes: gzip ? bytes.length : plain.length, gzip }, opts.maxVoxels ?? DEFAULT_MAX_VOXELS, limit);
  asm.push(plain);
  return asm.finish(sha256, bytes.length);
}
