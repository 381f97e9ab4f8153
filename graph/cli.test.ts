import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { commandOf } from '../services/cli/main.js';
import { REPO_ROOT } from '../worker-pool/paths.js';
import { COMMANDS } from './cli.js';

const run = promisify(execFile);
const VRS = join(REPO_ROOT, 'bin', 'vrs.js');

describe('vrs: each command loads only its own module', () => {
  it('finds the command in argv (options and `help NAME` included)', () => {
    expect(commandOf(['node', 'vrs', 'inspect', 'a.map', '--json'], COMMANDS)).toBe('inspect');
    expect(commandOf(['node', 'vrs', '--help'], COMMANDS)).toBeNull();
    expect(commandOf(['node', 'vrs'], COMMANDS)).toBeNull();
    expect(commandOf(['node', 'vrs', 'help', 'validate'], COMMANDS)).toBe('validate');
    expect(commandOf(['node', 'vrs', 'nope'], COMMANDS)).toBeNull();
    expect(commandOf(['node', 'vrs', 'constructor'], COMMANDS)).toBeNull(); // not an Object.prototype name
    expect(Object.keys(COMMANDS)).toEqual(['inspect', 'validate', 'serve', 'sample', 'worker', 'batch', 'keys']);
  });

  it('`vrs --help` lists every command with its usage', async () => {
    const { stdout } = await run(process.execPath, [VRS, '--help']);
    for (const usage of ['inspect [options] <map>', 'validate [options] <map>', 'serve [options]', 'sample [options] <out>', 'worker [options]', 'batch [options] <source>', 'keys']) {
      expect(stdout).toContain(usage);
    }
  });

  it('`vrs serve` has no --landing-page (a browser GET /graphql is the GraphQL IDE): not listed, refused as unknown', async () => {
    const { stdout } = await run(process.execPath, [VRS, 'serve', '--help']);
    expect(stdout).toContain('--no-introspection');
    expect(stdout).not.toContain('landing');
    const refused = await run(process.execPath, [VRS, 'serve', '--landing-page', '--port', '1']).then(() => null, (e: { code: number; stderr: string }) => e);
    expect(refused?.stderr).toContain("unknown option '--landing-page'");
  });

  it('`vrs worker --metrics-port` on a port in use: BAD_PARAMETER before it takes a job (it used to crash mid-run)', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    try {
      const port = (busy.address() as AddressInfo).port;
      const env = { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', APOLLO_TELEMETRY_DISABLED: '1' };
      const refused = await run(process.execPath, [VRS, 'worker', '--metrics-port', String(port)], { env }).then(() => null, (e: { code: number; stdout: string; stderr: string }) => e);
      expect(refused?.code).toBe(2);
      expect(refused?.stderr).toContain('BAD_PARAMETER');
      expect(refused?.stderr).toContain(`--metrics-port ${port}: the port is in use`);
      expect(refused?.stdout).not.toContain('taking jobs');
    } finally {
      busy.close();
    }
  });

  it('`vrs inspect` loads neither TypeORM, the pool nor the GraphQL stack', async () => {
    // The modules loaded once the program for `vrs inspect` is built (CommonJS ones included).
    const script = `
      import { createRequire } from 'node:module';
      const { buildProgram } = await import(${JSON.stringify(join(REPO_ROOT, 'dist/services/cli/main.js'))});
      const { COMMANDS } = await import(${JSON.stringify(join(REPO_ROOT, 'dist/graph/cli.js'))});
      const program = await buildProgram(['node', 'vrs', 'inspect', 'x.map'], COMMANDS);
      const loaded = Object.keys(createRequire(import.meta.url).cache);
      console.log(JSON.stringify({ commands: program.commands.map((c) => c.name()), loaded }));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO_ROOT });
    const { commands, loaded } = JSON.parse(stdout) as { commands: string[]; loaded: string[] };
    expect(commands).toEqual(['inspect']);
    for (const heavy of ['/node_modules/typeorm/', '/node_modules/piscina/', '/node_modules/@apollo/', '/node_modules/graphql/']) {
      expect(loaded.filter((f) => f.includes(heavy)), heavy).toEqual([]);
    }
  });
});
