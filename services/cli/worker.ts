/**
 * `vrs worker`: runs compute jobs from the queue in this host's pool (services/jobs/worker.ts),
 * on any host that reaches the gateway's PostgreSQL (DATABASE_URL). Stops on SIGINT/SIGTERM
 * after the jobs in hand (their memo claims are handed back if they do not finish).
 */
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { VrsError } from '../../worker-pool/errors.js';
import { createLogger } from '../observability/log.js';
import { listenOn } from '../net/listen.js';
import { metricsText, registry } from '../observability/metrics.js';

interface WorkerCliOptions {
  gateway?: string;
  apiKey?: string;
  sharedDir?: string;
  dataDir?: string;
  cacheBytes: string;
  concurrency?: string;
  metricsPort?: string;
}

const whole = (name: string, raw: string, min: number): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new VrsError('BAD_PARAMETER', `${name} must be a whole number ≥ ${min} (got ${raw}).`);
  return n;
};

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('Compute queued jobs on this host (needs DATABASE_URL: the gateway\'s PostgreSQL)')
    .option('--gateway <url>', 'gateway to fetch map files from by SHA-256 (default VRS_GATEWAY_URL)')
    .option('--api-key <key>', 'API key for the gateway (default VRS_API_KEY)')
    .option('--shared-dir <dir>', 'folder every host sees, with files named by their SHA-256 (looked at before the gateway)')
    .option('--data-dir <dir>', "this worker's folder: map cache and artifacts (default VRS_DATA_DIR, else ./vrs-worker)")
    .option('--cache-bytes <n>', 'size limit of the map cache, bytes (least recently used files go first)', String(20 * 2 ** 30))
    .option('--concurrency <n>', 'jobs at a time (default: the pool\'s threads, one per core)')
    .option('--metrics-port <n>', 'serve Prometheus metrics on http://127.0.0.1:PORT/metrics (0: any free port, printed at the start)')
    .action(async (o: WorkerCliOptions) => {
      const log = createLogger('vrs-worker');
      // a long-running worker logs a stray rejection (a connection dropped by a restarting
      // database) and goes on; its jobs' outcomes are in the memo and the queue
      process.on('unhandledRejection', (reason) => log.error({ err: reason instanceof Error ? reason.stack : String(reason) }, 'unhandled rejection'));
      // the metrics port first: a port in use is refused before the worker takes a job
      const metrics = o.metricsPort === undefined ? null : await serveMetrics(whole('--metrics-port', o.metricsPort, 0));
      if (metrics) console.log(`vrs: worker metrics on ${metrics.url}`);
      const { startWorker } = await import('../jobs/worker.js');
      const dataDir = resolve(o.dataDir ?? process.env.VRS_DATA_DIR ?? 'vrs-worker');
      const worker = await startWorker({
        dataDir,
        gatewayUrl: o.gateway ?? process.env.VRS_GATEWAY_URL,
        apiKey: o.apiKey ?? process.env.VRS_API_KEY,
        sharedDir: o.sharedDir,
        cacheBytes: whole('--cache-bytes', o.cacheBytes, 0),
        concurrency: o.concurrency === undefined ? undefined : whole('--concurrency', o.concurrency, 1),
        log: (event, message) => log.info(event, message),
      }).catch(async (e: unknown) => { await metrics?.close(); throw e; });
      console.log(`vrs: worker ${worker.compute.memo.workerId} taking jobs (data ${dataDir})`);
      let stopping = false;
      const stop = () => {
        if (stopping) return;
        stopping = true;
        void metrics?.close();
        worker.close().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

/**
 * Prometheus metrics on http://127.0.0.1:port/metrics (port 0: one the system picks). Listening
 * is awaited: a port in use is a BAD_PARAMETER, not an 'error' event that kills a running worker.
 */
async function serveMetrics(port: number): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    if (request.url !== '/metrics') return void response.writeHead(404).end();
    metricsText().then((text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text), () => response.writeHead(500).end());
  });
  const bound = await listenOn(server, '--metrics-port', '127.0.0.1', port);
  return {
    url: `http://127.0.0.1:${bound}/metrics`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
