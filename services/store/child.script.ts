/**
 * A small program for the store's multi-process tests (run compiled: node dist/…/child.script.js MODE).
 * - compute: getOrCompute on VRS_CHILD_KEY (JSON) against DATABASE_URL; the compute sleeps
 *   VRS_CHILD_SLEEP_MS and counts itself in the table compute_log; prints the outcome as JSON.
 * - attach: opens the store (embedded when DATABASE_URL is unset) and prints whether this
 *   process started the server.
 * - exit-without-close: the same, then exits without closing the store.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { openStore, type MemoKey } from './index.js';

async function main(): Promise<void> {
  const mode = process.argv[2];
  const store = await openStore({ blobDir: process.env.VRS_CHILD_BLOB_DIR });
  try {
    if (mode === 'compute') {
      const key = JSON.parse(process.env.VRS_CHILD_KEY ?? '{}') as MemoKey;
      const sleepMs = Number(process.env.VRS_CHILD_SLEEP_MS ?? 1000);
      // Start together: wait for the go time both children were given.
      const goAt = Number(process.env.VRS_CHILD_GO_AT ?? 0);
      if (goAt > Date.now()) await sleep(goAt - Date.now());
      const callers = Number(process.env.VRS_CHILD_CALLERS ?? 10);
      const outcomes = await Promise.all(Array.from({ length: callers }, () => store.memo.getOrCompute(key, async () => {
        await store.dataSource.query('INSERT INTO compute_log (pid) VALUES ($1)', [process.pid]);
        await sleep(sleepMs);
        return { result: { computedBy: process.pid, answer: 42 } };
      })));
      for (const outcome of outcomes) {
        process.stdout.write(JSON.stringify({ pid: process.pid, fromCache: outcome.fromCache, result: outcome.result }) + '\n');
      }
    } else if (mode === 'attach') {
      const rows: { n: number }[] = await store.dataSource.query('SELECT count(*)::int AS n FROM maps');
      process.stdout.write(JSON.stringify({ pid: process.pid, embedded: store.embedded, startedHere: store.startedEmbeddedServer, maps: rows[0].n, where: store.where }) + '\n');
    } else if (mode === 'exit-without-close') {
      await store.dataSource.query('SELECT 1');
      process.stdout.write(JSON.stringify({ pid: process.pid, startedHere: store.startedEmbeddedServer }) + '\n');
      process.exit(0); // no close(): the exit handler must stop the server it started
    } else {
      throw new Error(`unknown mode ${mode}`);
    }
  } finally {
    await store.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${error?.code ?? ''} ${error?.stack ?? error}\n`);
  process.exit(1);
});
