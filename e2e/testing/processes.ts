/** Long-running `vrs` processes for stack tests: started, watched line by line, stopped or killed. */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../worker-pool/paths.js';

export interface VrsProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the first line (stdout or stderr) matching `re`, from the start. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<string>;
  /** SIGTERM and wait for the exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

/** `logFile`: also append everything it prints there (kept for a failing run's post-mortem). */
export function startVrs(args: string[], cwd: string, env: Record<string, string>, logFile?: string): VrsProcess {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/vrs.js'), ...args], { cwd, env: { ...process.env, ...env } });
  let text = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    text += d.toString();
    if (logFile) appendFileSync(logFile, d);
    for (const l of [...listeners]) l();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => text,
    waitFor: (re, timeoutMs = 60_000) => new Promise((resolve, reject) => {
      const check = () => {
        const line = text.split('\n').find((l) => re.test(l));
        if (line === undefined) return false;
        listeners.delete(check);
        clearTimeout(timer);
        resolve(line);
        return true;
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`no line matching ${re} within ${timeoutMs} ms; output:\n${text.slice(-3000)}`));
      }, timeoutMs);
      if (!check()) {
        listeners.add(check);
        child.once('exit', () => check() || reject(new Error(`exited (${child.exitCode}) before ${re}; output:\n${text.slice(-3000)}`)));
      }
    }),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const hard = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(hard);
    },
  };
}
