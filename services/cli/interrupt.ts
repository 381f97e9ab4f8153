/**
 * Ctrl-C (SIGINT) or SIGTERM during a long command. Node's default is to die on the spot,
 * which skips every cleanup: the memo rows being computed stay claimed (a re-run then waits
 * for their claims to go stale, 30 s) and the embedded PostgreSQL is left running. Instead the
 * first signal aborts the work, so the command unwinds normally: the running sections are
 * stored as CANCELLED (a re-run computes them again at once, and keeps every finished one),
 * the pool is closed and the embedded database stopped. A second signal quits at once.
 */
import { VrsError } from '../../worker-pool/errors.js';

/** Exit code of a command stopped by the user (128 + SIGINT, the shell convention). */
export const EXIT_INTERRUPTED = 130;

export interface Interrupt {
  signal: AbortSignal;
  /** Throws CANCELLED if a signal came. */
  check(): void;
  dispose(): void;
}

export function catchInterrupts(stderr: NodeJS.WritableStream = process.stderr): Interrupt {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      stderr.write(`vrs: ${name} again, quitting now\n`);
      process.exit(EXIT_INTERRUPTED);
    }
    stderr.write(`\nvrs: ${name}: stopping; finished sections stay stored (${name} again to quit at once)\n`);
    controller.abort(new VrsError('CANCELLED', `Interrupted by ${name}.`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    check() {
      if (controller.signal.aborted) {
        throw new VrsError('CANCELLED', 'Interrupted: the sections that had finished are stored; run the same command again to compute the rest.');
      }
    },
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
