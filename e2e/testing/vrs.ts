/** Runs the command line as a user does (`node bin/vrs.js …`) and collects what it printed. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../../worker-pool/paths.js';

export interface VrsRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `vrs ARGS` in `cwd` with the process's environment plus `env` (e.g. DATABASE_URL, VRS_DATA_DIR, VRS_METRIC_MODULES). */
export function runVrs(args: string[], cwd: string, env: Record<string, string>): Promise<VrsRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/vrs.js'), ...args], { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
