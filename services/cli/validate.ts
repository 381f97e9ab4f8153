import type { Command } from 'commander';

// Placeholder: the command is registered so that `vrs --help` lists it; its issue fills it in.
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('(not implemented yet)')
    .action(() => {
      throw new Error('vrs validate is not implemented yet');
    });
}
