import { mkdtempSync } from 'node:fs';
const m = await import('/work/wt-i18/dist/worker-pool/io/read.bench.js');
// run only the members rows
const src = await import('node:fs');
