// `npm ci` / `npm install` runs this (package.json "install"): builds the optional huge-page
// allocator (huge-pages.cc → build/Release/vrs_memory.node) with the node-gyp npm carries,
// against the headers of the running Node (<prefix>/include/node, e.g. Debian's /usr/include/node:
// no download). It never fails the install: without a compiler, headers or Linux the project
// uses plain SharedArrayBuffers (worker-pool/kernels/memory/shared-memory.ts) and this says why.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const skip = (why) => {
  console.log(`vrs: the huge-page allocator was not built (${why}); big buffers use plain SharedArrayBuffers.`);
  process.exit(0);
};

if (process.platform !== 'linux') skip(`${process.platform}: transparent huge pages are Linux's`);
if (process.env.VRS_SKIP_NATIVE === '1') skip('VRS_SKIP_NATIVE=1');
// npm sets npm_config_node_gyp to the node-gyp it bundles; else one on PATH
const gyp = process.env.npm_config_node_gyp;
const command = gyp ? [process.execPath, [gyp]] : ['node-gyp', []];
const prefix = resolve(dirname(process.execPath), '..');
const nodedir = existsSync(join(prefix, 'include', 'node', 'node.h')) ? ['--nodedir', prefix] : [];
const r = spawnSync(command[0], [...command[1], 'rebuild', ...nodedir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
if (r.error) skip(`node-gyp did not start: ${r.error.message}`);
if (r.status !== 0) {
  const tail = `${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-8).join('\n');
  console.log(tail);
  skip(`node-gyp rebuild exited with ${r.status}${nodedir.length ? '' : `; no headers in ${prefix}/include/node`}`);
}
console.log('vrs: built the huge-page allocator (build/Release/vrs_memory.node).');
