import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { isVrsError } from '../../worker-pool/errors.js';
import { registerInspect } from './inspect.js';
import { registerValidate } from './validate.js';
import { registerServe } from './serve.js';
import { registerSample } from './sample.js';

process.env.APOLLO_TELEMETRY_DISABLED = '1';

/** Exit codes of the contract (spec/graphql.md): 0 done, 2 bad input, 1 internal failure. */
export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;

export function buildProgram(): Command {
  const program = new Command('vrs')
    .description('Validate cryo-EM density maps (I2PC VRS Level 0): inspect, validate, serve')
    .showHelpAfterError()
    .exitOverride();
  registerInspect(program);
  registerValidate(program);
  registerServe(program);
  registerSample(program);
  return program;
}

/** Prints a user-facing error line and returns the exit code it deserves. */
export function reportError(error: unknown): number {
  if (isVrsError(error)) {
    process.stderr.write(`vrs: error [${error.code}]: ${error.message}\n`);
    return error.isInputError ? EXIT_BAD_INPUT : EXIT_INTERNAL;
  }
  if (error instanceof CommanderError) {
    return error.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
  }
  const message = error instanceof Error ? error.stack ?? error.message : String(error);
  process.stderr.write(`vrs: internal error [INTERNAL]: ${message}\n`);
  return EXIT_INTERNAL;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    process.exitCode = reportError(error);
  }
}
