import { relative } from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
// The mode module alone: the record room loads with the command that uses it, not with every start.
import { MODE_ENV } from '../record/mode.js';
import { startMockServer } from '../server/fastify/start.js';
import { oneOf } from './parse.js';
import {
  type CassetteFlags,
  cassetteCommand,
  cassetteOptions,
  closeOnSignal,
  serverOptions,
} from './record.js';

interface ReplayFlags extends CassetteFlags {
  speed: number | 'instant';
}

export function registerReplay(program: Command): void {
  cassetteCommand(
    program,
    'replay',
    'serve cassettes offline: recorded answers, event-exact streams, no network',
  )
    .option(
      '--mode <mode>',
      `replay (a miss is an error) | replay-or-mock (misses are simulated) (default: $${MODE_ENV}, else replay)`,
      oneOf('--mode', ['replay', 'replay-or-mock'] as const),
    )
    .option(
      '--speed <factor>',
      "stream pace: 'instant', or a factor on the recorded gaps (1 = as recorded)",
      speedFlag,
      'instant',
    )
    .action(async (flags: ReplayFlags) => {
      const cassettes = {
        ...cassetteOptions(flags, 'replay', ['replay', 'replay-or-mock']),
        speed: flags.speed,
      };
      const server = await startMockServer(serverOptions(flags, cassettes));
      const where = relative(process.cwd(), server.engine.cassettes.current ?? flags.cassettes);
      process.stdout.write(
        `openai-mock replaying ${where} (${server.engine.cassettes.mode}), listening on ${server.url}\n`,
      );
      closeOnSignal(server);
    });
}

function speedFlag(value: string): number | 'instant' {
  if (value === 'instant') return value;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError("--speed must be 'instant' or a number above 0 (1 = as recorded).");
  return n;
}
