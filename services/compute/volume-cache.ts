/**
 * What this process has loaded, by SHA-256 (a map's id is the SHA-256 of its file; a half
 * map or model is keyed by its own), least recently used evicted first. A file is read once
 * however many metrics ask for it at the same time; a Volume lives on a SharedArrayBuffer
 * that every pool task shares.
 */
import type { ModelInput } from '../../worker-pool/metrics/types.js';
import type { Volume } from '../../worker-pool/volume.js';

export class LoadCache<T> {
  readonly #entries = new Map<string, Promise<T>>();
  #loads = 0;

  constructor(readonly capacity = 2) {}

  /** How many times a loader actually ran (for tests and logs). */
  get loads(): number {
    return this.#loads;
  }

  get(key: string, load: () => Promise<T>): Promise<T> {
    let entry = this.#entries.get(key);
    if (entry) {
      this.#entries.delete(key); // re-insert: most recently used last
      this.#entries.set(key, entry);
      return entry;
    }
    this.#loads++;
    entry = load();
    this.#entries.set(key, entry);
    entry.catch(() => this.#entries.get(key) === entry && this.#entries.delete(key));
    while (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
    return entry;
  }

  has(key: string): boolean {
    return this.#entries.has(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}

/** Maps, half maps and masks by SHA-256. */
export class VolumeCache extends LoadCache<Volume> {}

/** Atomic models by SHA-256. */
export class ModelCache extends LoadCache<ModelInput> {}
