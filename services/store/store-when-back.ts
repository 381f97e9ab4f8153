/**
 * Storing an outcome while the database is away. A computation that ends during an outage
 * cannot write its row, which would then stay 'running' until its claim goes stale (30 s) and
 * the next caller takes it over and computes again. Instead the write is tried again with
 * growing pauses (0.5 s doubling to 10 s, for up to 5 minutes), so the row is settled as soon
 * as the database answers. Timers are unref'd (they never hold the process open) and stop at close.
 */
import { isVrsError } from '../../worker-pool/errors.js';

const FIRST_PAUSE_MS = 500;
const LONGEST_PAUSE_MS = 10_000;
/** How long an outcome is tried again before it is given up (its claim then goes stale). */
export const PENDING_WRITE_GIVE_UP_MS = 5 * 60_000;

export const isOutage = (error: unknown): boolean => isVrsError(error) && error.code === 'DB_UNAVAILABLE';

export class PendingWrites {
  #timers = new Set<NodeJS.Timeout>();
  #closed = false;

  /** Runs `write` again later while it fails with DB_UNAVAILABLE; other failures end it. */
  retry(write: () => Promise<unknown>, pauseMs = FIRST_PAUSE_MS, deadline = Date.now() + PENDING_WRITE_GIVE_UP_MS): void {
    if (this.#closed || Date.now() > deadline) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      write().catch((error) => {
        if (isOutage(error)) this.retry(write, Math.min(pauseMs * 2, LONGEST_PAUSE_MS), deadline);
      });
    }, pauseMs);
    timer.unref();
    this.#timers.add(timer);
  }

  get pending(): number {
    return this.#timers.size;
  }

  close(): void {
    this.#closed = true;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
  }
}
