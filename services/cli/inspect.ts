import type { Command } from 'commander';

// Placeholder: the command is registered so that `vrs --help` lists it; its issue fills it in.
export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description('(not implemented yet)')
    .action(() => {
      throw new Error('vrs inspect is not implemented yet');
    });
}
