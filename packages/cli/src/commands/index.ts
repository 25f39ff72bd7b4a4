import type { Command } from 'commander';
import * as approvals from './approvals.ts';
import * as backup from './backup.ts';
import * as cultivation from './cultivation.ts';
import * as enterprises from './enterprises.ts';
import * as evaluation from './evaluation.ts';
import * as investment from './investment.ts';
import * as ip from './ip.ts';
import * as platform from './platform.ts';
import * as scale from './scale.ts';
import * as scenarios from './scenarios.ts';

export interface CommandModule {
  register(program: Command): void;
}

// One file per module; each adds its own sub-commands.
export const commandModules: CommandModule[] = [
  platform,
  evaluation,
  enterprises,
  cultivation,
  investment,
  scenarios,
  ip,
  approvals,
  scale,
  backup,
];
