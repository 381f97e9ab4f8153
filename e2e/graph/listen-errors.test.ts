/**
 * `vrs serve` on a port or address it cannot listen on: a BAD_PARAMETER that names the option and
 * what to do (exit code 2, no stack trace), and the process ends: what it opened (the store,
 * the graph) is closed. It used to be "internal error [INTERNAL]" with Node's stack.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../../services/store/testing.js';
import { runVrs } from '../testing/vrs.js';

let db: ScratchDatabase;
let dir: string;
let busy: Server;
let busyPort: number;

beforeAll(async () => {
  db = await createScratchDatabase('vrs_listen');
  dir = mkdtempSync(join(tmpdir(), 'vrs-listen-'));
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as AddressInfo).port;
});

afterAll(async () => {
  busy?.close();
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const serve = (...args: string[]) => runVrs(['serve', ...args], dir, { DATABASE_URL: db.url, VRS_DATA_DIR: dir, APOLLO_TELEMETRY_DISABLED: '1' });

describe('vrs serve: where it cannot listen', () => {
  it('a port in use: BAD_PARAMETER naming --port, exit 2, no stack trace, and the process ends', async () => {
    const r = await serve('--port', String(busyPort));
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('BAD_PARAMETER');
    expect(r.stderr).toContain(`--port ${busyPort}: the port is in use on 127.0.0.1; choose another, or 0 for any free port.`);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stdout).not.toContain('serving');
  });

  it('one subgraph on a port in use: the same', async () => {
    const r = await serve('--subgraph', 'maps', '--port', String(busyPort));
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`--port ${busyPort}: the port is in use`);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('an address that is not this machine\'s: BAD_PARAMETER naming --host', async () => {
    const r = await serve('--host', '192.0.2.1', '--port', '0'); // TEST-NET-1 (RFC 5737): never a local address
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('--host 192.0.2.1: not an address of this machine');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
