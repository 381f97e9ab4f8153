import type { Command } from 'commander';

// Placeholder: the command is registered so that `vrs --help` lists it; its issue fills it in.
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('(not implemented yet)')
    .action(() => {
      throw new Error('vrs serve is not implemented yet');
    });
}
