import type { Command } from 'commander';
import { DEFAULT_SPEC_SOURCE, fetchSpec, PINNED_SPEC_REF } from '../contract/spec-cache.js';

interface FetchFlags {
  ref: string;
  from?: string;
}

export function registerSpec(program: Command): void {
  const spec = program
    .command('spec')
    .description("OpenAI's OpenAPI document: download it once, used offline after");
  spec
    .command('fetch')
    .description(
      'download openapi.json of openai/openai-openapi into your cache, where serve and startMockServer() find it',
    )
    .option(
      '--ref <ref>',
      'commit, tag or branch to download (default: the one this version is tested with)',
      PINNED_SPEC_REF,
    )
    .option(
      '--from <url>',
      `base URL of the raw files (default: $OPENAI_MOCK_SPEC_SOURCE, else ${DEFAULT_SPEC_SOURCE})`,
    )
    .action(async (flags: FetchFlags) => {
      const fetched = await fetchSpec({
        ref: flags.ref,
        ...(flags.from !== undefined && { source: flags.from }),
      });
      process.stdout.write(
        `openai-mock saved the OpenAPI document ${fetched.version} (${fetched.operations} operations, ref ${fetched.ref.slice(0, 12)}) to ${fetched.path}\n`,
      );
    });
}
