/**
 * The `vrs` command's composition root (bin/vrs.js runs it). The command line lives in
 * services/cli, which may not import graph/ (imports run one way: graph → services →
 * worker-pool); the commands that need the graph get it here: `vrs serve` is the graph's own
 * command, and `vrs validate --pdf` prints the report through the in-process graph, since the
 * PDF is the report renderer's answer to the report's GraphQL query.
 */
import { main as runCli, type Commands } from '../services/cli/main.js';
import type { StartReportPrinter } from '../services/cli/validate.js';
import { phase } from '../worker-pool/timings.js';

process.env.APOLLO_TELEMETRY_DISABLED = '1';

/**
 * Starts the graph in process (no port: the renderer is its only client) over the CLI's store
 * and compute service (the map it read is not read again) and launches Chromium, while the
 * sections compute; `print` then asks the reports service for the PDF (memoized too); `close`
 * stops the graph, the store stays open.
 */
export const startReportPrinter: StartReportPrinter = async (store, computeService) => {
  const { startInProcessApp } = await import('./app.js');
  const app = await startInProcessApp({ store, computeService });
  app.backend.reports.warm();
  return {
    print: (mapId, params, signal) => phase('  pdf: render', () => app.backend.reports.pdf(mapId, params, signal)),
    close: () => app.close(),
  };
};

/** Every command, each module loaded only when its command runs, in `vrs --help`'s order. */
export const COMMANDS: Commands = {
  inspect: async () => (await import('../services/cli/inspect.js')).registerInspect,
  validate: async () => {
    const { registerValidate } = await import('../services/cli/validate-command.js');
    return (program) => registerValidate(program, startReportPrinter);
  },
  serve: async () => (await import('./serve-command.js')).registerServe,
  sample: async () => (await import('../services/cli/sample.js')).registerSample,
  worker: async () => (await import('../services/cli/worker.js')).registerWorker,
  batch: async () => (await import('../services/cli/batch.js')).registerBatch,
  keys: async () => (await import('../services/cli/keys.js')).registerKeys,
};

export function main(argv: string[]): Promise<void> {
  return runCli(argv, COMMANDS);
}
