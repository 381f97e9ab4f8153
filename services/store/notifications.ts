/**
 * One LISTEN connection per process that wakes memo waiters when a row they wait for is
 * finished. It is an optimisation only: waiters also poll, so a lost connection (or a
 * server that drops notifications) costs latency, never correctness.
 */
import pg from 'pg';

export const MEMO_CHANNEL = 'vrs_metric_results';

type Wake = () => void;

export class MemoNotifications {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private retryAfter = 0;
  private readonly waiters = new Map<string, Set<Wake>>();
  private closed = false;

  constructor(private readonly url: string) {}

  /** Registers interest in a key digest; `wait` resolves on its notification or after `ms`. */
  subscribe(digest: string): { wait(ms: number): Promise<void>; dispose(): void } {
    this.ensureConnected();
    let pendingWake: Wake | null = null;
    let notified = false;
    const wake: Wake = () => {
      notified = true;
      pendingWake?.();
    };
    let set = this.waiters.get(digest);
    if (!set) this.waiters.set(digest, (set = new Set()));
    set.add(wake);
    return {
      wait: (ms: number) => new Promise<void>((resolve) => {
        // A notification that arrived since the last wait counts at once.
        if (notified) { notified = false; resolve(); return; }
        const timer = setTimeout(done, ms);
        function done(): void { clearTimeout(timer); pendingWake = null; notified = false; resolve(); }
        pendingWake = done;
        this.ensureConnected();
      }),
      dispose: () => {
        set!.delete(wake);
        if (set!.size === 0) this.waiters.delete(digest);
      },
    };
  }

  private ensureConnected(): void {
    if (this.closed || this.client || this.connecting || Date.now() < this.retryAfter) return;
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 5000, keepAlive: true });
    const drop = (): void => {
      if (this.client === client) this.client = null;
      this.retryAfter = Date.now() + 2000;
      client.end().catch(() => undefined);
    };
    client.on('error', drop);
    client.on('end', drop);
    client.on('notification', (message) => {
      if (message.channel !== MEMO_CHANNEL || !message.payload) return;
      for (const wake of this.waiters.get(message.payload) ?? []) wake();
    });
    this.connecting = (async () => {
      try {
        await client.connect();
        await client.query(`LISTEN ${MEMO_CHANNEL}`);
        if (this.closed) await client.end();
        else this.client = client;
      } catch {
        drop();
      } finally {
        this.connecting = null;
      }
    })();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.connecting;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
