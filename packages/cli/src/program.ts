import { Command } from 'commander';
import { commandModules } from './commands/index.ts';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('kaifaqu')
    .description('开发区 Kaifaqu — command line for zone data, evaluation and reports')
    .version('0.1.0')
    .showHelpAfterError();
  for (const mod of commandModules) mod.register(program);
  return program;
}
