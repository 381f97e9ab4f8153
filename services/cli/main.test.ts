import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../worker-pool/paths.js';
import { COMMANDS, commandOf } from './main.js';

const run = promisify(execFile);
const VRS = join(REPO_ROOT, 'bin', 'vrs.js');

describe('vrs: each command loads only its own module', () => {
  it('finds the command in argv (options and `help NAME` included)', () => {
    expect(commandOf(['node', 'vrs', 'inspect', 'a.map', '--json'])).toBe('inspect');
    expect(commandOf(['node', 'vrs', '--help'])).toBeNull();
    expect(commandOf(['node', 'vrs'])).toBeNull();
    expect(commandOf(['node', 'vrs', 'help', 'validate'])).toBe('validate');
    expect(commandOf(['node', 'vrs', 'nope'])).toBeNull();
    expect(commandOf(['node', 'vrs', 'constructor'])).toBeNull(); // not an Object.prototype name
    expect(Object.keys(COMMANDS)).toEqual(['inspect', 'validate', 'serve', 'sample']);
  });

  it('`vrs --help` lists every command with its usage', async () => {
    const { stdout } = await run(process.execPath, [VRS, '--help']);
    for (const usage of ['inspect [options] <map>', 'validate [options] <map>', 'serve [options]', 'sample [options] <out>']) {
      expect(stdout).toContain(usage);
    }
  });

  it('`vrs inspect` loads neither TypeORM, the pool nor the GraphQL stack', async () => {
    // The modules loaded once the program for `vrs inspect` is built (CommonJS ones included).
    const script = `
      import { createRequire } from 'node:module';
      const { buildProgram } = await import(${JSON.stringify(join(REPO_ROOT, 'dist/services/cli/main.js'))});
      const program = await buildProgram(['node', 'vrs', 'inspect', 'x.map']);
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
