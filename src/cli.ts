#!/usr/bin/env node
import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { registerRecord } from './cli/record.js';
import { registerReplay } from './cli/replay.js';
import { registerServe } from './cli/serve.js';
import { registerSpec } from './cli/spec.js';
import { registerValidate } from './cli/validate.js';
import { didYouMean } from './config/did-you-mean.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
/** Library errors name the package themselves; the bin names it once. */
const line = (message: string) => `openai-mock: ${message.trim().replace(/^(openai-mock:\s*)+/, '')}\n`;

const program = new Command('openai-mock')
  .description('A fake OpenAI API server, contract checks, fault injection and record/replay.')
  .version(version, '-V, --version', 'print the version')
  .showSuggestionAfterError()
  .exitOverride()
  .configureOutput({
    // Usage errors are one line with the fix; exit 2 below.
    outputError: (message, write) => write(line(`${message.trim().replace(/^error: /, '')} (see --help)`)),
  });
registerServe(program);
registerRecord(program);
registerReplay(program);
registerValidate(program);
registerSpec(program);

// `serve` is the default command, so a mistyped command would reach it as an argument: catch it first.
const first = process.argv[2];
const commands = program.commands.flatMap((c) => [c.name(), ...c.aliases()]);
if (first !== undefined && !first.startsWith('-') && !commands.includes(first) && first !== 'help') {
  process.stderr.write(
    line(
      `unknown command '${first}'${didYouMean(first, commands)}; commands: ${commands.join(', ')} (see --help)`,
    ),
  );
  process.exit(2);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  process.stderr.write(line(explain(error)));
  process.exit(1);
}

function explain(error: unknown): string {
  const e = error as NodeJS.ErrnoException & { address?: string; port?: number };
  if (e?.code === 'EADDRINUSE')
    return `port ${e.port ?? ''} on ${e.address ?? 'this host'} is in use: stop what holds it, or pass --port 0 to pick a free port.`;
  return error instanceof Error ? error.message : String(error);
}
