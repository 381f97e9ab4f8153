#!/usr/bin/env node
// The `vrs` command: runs the compiled CLI (built by `npm ci` / `npm run build`).
process.env.APOLLO_TELEMETRY_DISABLED = '1';
const { main } = await import('../dist/graph/cli.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND') {
    console.error('vrs: the project is not built yet; run `npm ci` (or `npm run build`) first.');
    process.exit(1);
  }
  throw error;
});
await main(process.argv);
