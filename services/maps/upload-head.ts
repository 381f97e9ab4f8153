/**
 * An upload's first 1024 bytes (inflated, for a .gz) say whether it can be a map at all: the
 * MRC header checks (worker-pool/io/mrc/assemble.ts checkHeaderBytes: stamp or plausible
 * header, mode, dimensions, axis order; the data block against the declared length; a .gz's
 * declared size against the limit) run on them as they arrive, so a 4 GiB body of zeros is
 * refused after its first kilobyte, not after all of it has been written to disk.
 */
import { createGunzip, type Gunzip } from 'node:zlib';
import { isVrsError, type VrsError } from '../../worker-pool/errors.js';
import { checkHeaderBytes } from '../../worker-pool/io/mrc/assemble.js';
import { HEADER_BYTES } from '../../worker-pool/io/mrc/header.js';

/** A .gz whose first this-many stored bytes do not inflate to a header is left to the full read. */
const MAX_COMPRESSED_HEAD = 1 << 20;

export interface UploadHeadOptions {
  /** The body's Content-Length, when the client sent one (the file's stored size). */
  declaredBytes?: number;
  /** The decompression limit of a .gz. */
  maxDecompressedBytes?: number;
  /** Called once, with the header's refusal. */
  onRefused(error: VrsError): void;
}

export class UploadHeadCheck {
  #stored = 0;
  #head = new Uint8Array(HEADER_BYTES);
  #fill = 0;
  #decided = false;
  #gunzip?: Gunzip;

  constructor(private readonly options: UploadHeadOptions) {}

  /** The next chunk of the body as stored. */
  push(chunk: Uint8Array): void {
    if (this.#decided) return;
    if (this.#stored === 0 && chunk.length >= 2 && chunk[0] === 0x1f && chunk[1] === 0x8b) this.#startGunzip();
    this.#stored += chunk.length;
    if (this.#gunzip) {
      if (this.#stored > MAX_COMPRESSED_HEAD) return this.#stop();
      this.#gunzip.write(chunk);
    } else {
      this.#take(chunk);
    }
  }

  #startGunzip(): void {
    const gunzip = createGunzip();
    gunzip.on('data', (piece: Buffer) => this.#take(piece));
    gunzip.on('error', () => this.#stop()); // a corrupt stream is the full read's to report
    this.#gunzip = gunzip;
  }

  #take(bytes: Uint8Array): void {
    if (this.#decided) return;
    const n = Math.min(HEADER_BYTES - this.#fill, bytes.length);
    this.#head.set(bytes.subarray(0, n), this.#fill);
    this.#fill += n;
    if (this.#fill < HEADER_BYTES) return;
    const gzip = this.#gunzip !== undefined;
    this.#stop();
    try {
      checkHeaderBytes(this.#head, { storedBytes: this.options.declaredBytes ?? Infinity, gzip }, undefined, this.options.maxDecompressedBytes);
    } catch (error) {
      if (isVrsError(error)) this.options.onRefused(error);
      else throw error;
    }
  }

  #stop(): void {
    this.#decided = true;
    this.#gunzip?.destroy();
    this.#gunzip = undefined;
  }
}
