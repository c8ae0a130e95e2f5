#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { registerRecord } from './cli/record.js';
import { registerReplay } from './cli/replay.js';
import { registerServe } from './cli/serve.js';
import { registerValidate } from './cli/validate.js';

const program = new Command('openai-mock')
  .description('A fake OpenAI API server, contract checks, fault injection and record/replay.')
  .showSuggestionAfterError()
  .exitOverride()
  .configureOutput({
    // Usage errors are one line with the fix; exit 2 below.
    outputError: (message, write) =>
      write(`${message.trim().replace(/^error: /, 'openai-mock: ')} (see --help)\n`),
  });
registerServe(program);
registerRecord(program);
registerReplay(program);
registerValidate(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  process.stderr.write(`openai-mock: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
