import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { loadContract } from '../contract/index.js';

interface ValidateFlags {
  spec?: string;
  failOnStale?: boolean;
  json?: boolean;
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check recorded traffic against the OpenAPI document; exit 1 on violations')
    .argument('<paths...>', 'cassette files, or folders searched for *.json')
    .option(
      '--spec <path>',
      "path or http(s) URL of OpenAI's OpenAPI document (default: $OPENAI_MOCK_SPEC, else the copy `openai-mock spec fetch` keeps)",
    )
    .option(
      '--fail-on-stale',
      'also fail when a cassette was recorded against another version of the document',
    )
    .option('--json', 'print the report as JSON')
    .action(async (paths: string[], flags: ValidateFlags) => {
      // Loaded by this command only, not by every start of the bin.
      const { formatCassetteReport, validateCassettes } = await import('../record/index.js');
      const missing = paths.filter((p) => !existsSync(p));
      if (missing.length)
        throw new Error(
          `${missing.map((p) => `${p} does not exist`).join('; ')}: give cassette files or folders of them.`,
        );
      const contract = await loadContract(flags.spec !== undefined ? { spec: flags.spec } : {});
      const report = await validateCassettes(paths, { contract, failOnStale: flags.failOnStale ?? false });
      process.stdout.write(
        flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatCassetteReport(report),
      );
      process.exitCode = report.ok ? 0 : 1;
    });
}
