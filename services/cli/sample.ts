import type { Command } from 'commander';

// Placeholder: the command is registered so that `vrs --help` lists it; its issue fills it in.
export function registerSample(program: Command): void {
  program
    .command('sample')
    .description('(not implemented yet)')
    .action(() => {
      throw new Error('vrs sample is not implemented yet');
    });
}
