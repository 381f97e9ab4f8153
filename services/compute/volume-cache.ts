/**
 * The maps loaded in this process, by map id (the SHA-256 of the file), least recently used
 * evicted first. A map is read once however many metrics ask for it at the same time; its
 * Volume lives on a SharedArrayBuffer that every pool task shares.
 */
import type { Volume } from '../../worker-pool/volume.js';

export class VolumeCache {
  readonly #entries = new Map<string, Promise<Volume>>();
  #loads = 0;

  constructor(readonly capacity = 2) {}

  /** How many times a loader actually ran (for tests and logs). */
  get loads(): number {
    return this.#loads;
  }

  get(mapId: string, load: () => Promise<Volume>): Promise<Volume> {
    let entry = this.#entries.get(mapId);
    if (entry) {
      this.#entries.delete(mapId); // re-insert: most recently used last
      this.#entries.set(mapId, entry);
      return entry;
    }
    this.#loads++;
    entry = load();
    this.#entries.set(mapId, entry);
    entry.catch(() => this.#entries.get(mapId) === entry && this.#entries.delete(mapId));
    while (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
    return entry;
  }

  clear(): void {
    this.#entries.clear();
  }
}
