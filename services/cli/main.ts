import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { isVrsError } from '../../worker-pool/errors.js';
import { EXIT_INTERRUPTED } from './interrupt.js';

process.env.APOLLO_TELEMETRY_DISABLED = '1';

/** Exit codes of the contract (spec/graphql.md): 0 done, 2 bad input, 1 internal failure. */
export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;

/** Adds one command to the program. */
export type Register = (program: Command) => void;

/**
 * The commands, each loaded only when it runs (`vrs inspect` then reads a map without first
 * loading TypeORM, the pool and the GraphQL stack that `validate` and `serve` need: 2–4 s of
 * imports), in the order `vrs --help` lists them. The list is graph/cli.ts's: `vrs serve` and
 * `vrs validate --pdf` need the graph, which services/ may not import.
 */
export type Commands = Record<string, () => Promise<Register>>;

/** The command argv names (`vrs NAME …` or `vrs help NAME`), or null for help / no / unknown command. */
export function commandOf(argv: readonly string[], commands: Commands): string | null {
  const words = argv.slice(2).filter((a) => !a.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return name !== undefined && Object.hasOwn(commands, name) ? name : null;
}

/**
 * The program with the command `argv` asks for; with no known command (`vrs`, `vrs --help`,
 * a typo) every command is loaded, so that the help lists them all with their usage.
 */
export async function buildProgram(argv: readonly string[], commands: Commands): Promise<Command> {
  const program = new Command('vrs')
    .description('Validate cryo-EM density maps (I2PC VRS Level 0): inspect, validate, serve')
    .showHelpAfterError()
    .exitOverride();
  const wanted = commandOf(argv, commands);
  const names = wanted ? [wanted] : Object.keys(commands);
  const registers = await Promise.all(names.map((n) => commands[n]!()));
  for (const register of registers) register(program);
  return program;
}

/** Prints a user-facing error line and returns the exit code it deserves. */
export function reportError(error: unknown): number {
  if (isVrsError(error) && error.code === 'CANCELLED') {
    process.stderr.write(`vrs: ${error.message}\n`);
    return EXIT_INTERRUPTED;
  }
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

export async function main(argv: string[], commands: Commands): Promise<void> {
  try {
    await (await buildProgram(argv, commands)).parseAsync(argv);
  } catch (error) {
    process.exitCode = reportError(error);
  }
}
