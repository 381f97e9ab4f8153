import type { Command } from 'commander';
import { VrsError } from '../worker-pool/errors.js';
import { createLogger } from '../services/observability/log.js';

process.env.APOLLO_TELEMETRY_DISABLED = '1';

interface ServeOptions {
  port: string;
  host: string;
  dataRoot?: string;
  subgraph?: string;
  subgraphUrl: string[];
  introspection?: boolean;
  maxUploadBytes?: string;
  compute: boolean;
}

const collect = (v: string, acc: string[]) => [...acc, v];

/** `vrs serve`: the gateway, subgraphs and pool (embedded PostgreSQL unless DATABASE_URL). */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Serve the federated GraphQL graph, map uploads, PDFs and artifacts over HTTP')
    .option('--port <n>', 'port to listen on', '4000')
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--data-root <dir>', 'folder registerMap may read map files from (default: the working directory)')
    .option('--subgraph <name>', 'serve only this subgraph (maps, level0 or reports) on --port')
    .option('--subgraph-url <name=url>', 'use a subgraph served by another process (repeatable)', collect, [])
    .option('--introspection', 'answer schema introspection (default: VRS_INTROSPECTION=on|off, else on for a loopback --host, off otherwise)')
    .option('--no-introspection', 'refuse schema introspection')
    .option('--max-upload-bytes <n>', 'size limit of PUT /maps uploads')
    .option('--no-compute', 'compute nothing here: queue jobs for `vrs worker` processes and wait for their results')
    .action(async (o: ServeOptions) => {
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new VrsError('BAD_PARAMETER', `--port must be 0…65535 (got ${o.port}).`);
      const { openBackend, startApp } = await import('./app.js');
      if (o.subgraph) {
        if (!['maps', 'level0', 'reports'].includes(o.subgraph)) throw new VrsError('BAD_PARAMETER', `--subgraph must be maps, level0 or reports (got ${o.subgraph}).`);
        const { startSubgraphServer } = await import('./subgraph-server.js');
        const backend = await openBackend({ dataRoot: o.dataRoot });
        const sub = await startSubgraphServer(o.subgraph as 'maps', backend.services, { host: o.host, port })
          .catch(async (error: unknown) => { await backend.close(); throw error; });
        console.log(`vrs: subgraph ${o.subgraph} on ${sub.url}`);
        onStop(async () => { await sub.close(); await backend.close(); });
        return;
      }
      const subgraphUrls: Record<string, string> = {};
      for (const pair of o.subgraphUrl) {
        const [name, url] = pair.split('=', 2);
        if (!name || !url) throw new VrsError('BAD_PARAMETER', `--subgraph-url takes name=url (got ${pair}).`);
        subgraphUrls[name] = url;
      }
      const app = await startApp({
        host: o.host, port, dataRoot: o.dataRoot, subgraphUrls,
        introspection: o.introspection,
        limits: o.maxUploadBytes ? { uploadBytes: Number(o.maxUploadBytes) } : undefined,
        compute: o.compute ? 'local' : 'queue',
        logger: createLogger('vrs-serve'),
      });
      console.log(`vrs: serving ${app.url}/graphql (database ${app.backend.store.where}${app.backend.store.embedded ? ', embedded' : ''}${o.compute ? '' : '; no compute: jobs go to vrs worker'})`);
      onStop(() => app.close());
    });
}

function onStop(close: () => Promise<void>): void {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    close().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
