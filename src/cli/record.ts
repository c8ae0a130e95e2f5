import { relative } from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { CassetteOptions } from '../features/cassettes/install.js';
import type { CassetteSummary } from '../record/cassette-book.js';
import type { CassetteMode } from '../record/mode.js';
// The mode module alone: the record room loads with the command that uses it, not with every start.
import { MODE_ENV } from '../record/mode.js';
import { type MockServer, type StartMockServerOptions, startMockServer } from '../server/fastify/start.js';
import { integer, oneOf } from './parse.js';
import { exitOnSignal } from './shutdown.js';

/** Flags `record` and `replay` share. */
export interface CassetteFlags {
  cassettes: string;
  name: string;
  mode?: CassetteMode;
  host: string;
  port: number;
  spec?: string;
  seed?: number;
  ignoreField: string[];
  ignoreQuery: string[];
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** The options both commands take, in the same words. */
export function cassetteCommand(program: Command, name: string, description: string): Command {
  return program
    .command(name)
    .description(description)
    .requiredOption('--cassettes <dir>', 'folder of cassettes (one JSON file per cassette)')
    .option(
      '--name <name>',
      'cassette used when a request names none (header x-mock-cassette picks another)',
      'default',
    )
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free one)', integer('--port', 0, 65535), 4010)
    .option(
      '--spec <path>',
      "path or http(s) URL of OpenAI's OpenAPI document (default: $OPENAI_MOCK_SPEC, else the copy `openai-mock spec fetch` keeps)",
    )
    .option('--seed <n>', 'seed for simulated answers', integer('--seed'))
    .option(
      '--ignore-field <path>',
      'body field left out of matching, e.g. user or metadata.run (repeatable)',
      collect,
      [],
    )
    .option('--ignore-query <name>', 'query parameter left out of matching (repeatable)', collect, []);
}

/** Cassette options from the shared flags; `--mode` wins over OPENAI_MOCK_CASSETTE_MODE, which wins over the default. */
export function cassetteOptions(
  flags: CassetteFlags,
  fallback: CassetteMode,
  modes: readonly CassetteMode[],
): CassetteOptions {
  const fromEnv = process.env[MODE_ENV]?.trim();
  if (fromEnv && !modes.includes(fromEnv as CassetteMode))
    throw new Error(`${MODE_ENV} must be one of: ${modes.join(', ')} for this command; got '${fromEnv}'.`);
  const mode = flags.mode ?? ((fromEnv || fallback) as CassetteMode);
  return {
    dir: flags.cassettes,
    cassette: flags.name,
    mode,
    env: {},
    match: { ignoreBody: flags.ignoreField, ignoreQuery: flags.ignoreQuery },
  };
}

export function serverOptions(
  flags: CassetteFlags,
  cassettes: CassetteOptions,
  extra: StartMockServerOptions = {},
): StartMockServerOptions {
  return {
    host: flags.host,
    port: flags.port,
    ...(flags.spec !== undefined && { spec: flags.spec }),
    ...(flags.seed !== undefined && { seed: flags.seed }),
    ...extra,
    features: { cassettes },
  };
}

/** Closes (which saves cassettes) on Ctrl-C / SIGTERM and says, per cassette, what was written. */
export function closeOnSignal(server: MockServer, showSummary = false): (code?: number) => void {
  return exitOnSignal(async () => {
    // Cassettes first: they are what must survive; the close may be cut short by the grace period.
    const written = await server.engine.cassettes.save().catch((error: unknown) => {
      throw new Error(`could not save cassettes: ${error instanceof Error ? error.message : String(error)}`);
    });
    const summary = showSummary ? await server.engine.cassettes.summary() : [];
    await server.close();
    if (showSummary) process.stdout.write(formatSummary(summary));
    else if (written.length)
      process.stdout.write(
        `openai-mock saved ${written.map((p) => relative(process.cwd(), p) || p).join(', ')}\n`,
      );
  });
}

/** One line per cassette: `openai-mock test/cassettes/default.json: 2 new, 1 updated, 0 unchanged, 0 errors`. */
export function formatSummary(summary: readonly CassetteSummary[]): string {
  if (!summary.length) return 'openai-mock recorded nothing\n';
  return summary
    .map(
      (s) =>
        `openai-mock ${relative(process.cwd(), s.path) || s.path}: ${s.new} new, ${s.updated} updated, ${s.unchanged} unchanged, ${s.errors} error${s.errors === 1 ? '' : 's'}\n`,
    )
    .join('');
}

interface RecordFlags extends CassetteFlags {
  upstream: string;
  upstreamKeyEnv: string;
  forwardClientKey?: boolean;
  redactHeader: string[];
  redactField: string[];
}

export function registerRecord(program: Command): void {
  cassetteCommand(
    program,
    'record',
    'a recording proxy: forward to the real API and write what comes back to cassettes',
  )
    .requiredOption('--upstream <url>', 'the real API, e.g. https://api.openai.com/v1', upstreamUrl)
    .option(
      '--mode <mode>',
      `record | update | passthrough (default: $${MODE_ENV}, else record)`,
      oneOf('--mode', ['record', 'update', 'passthrough'] as const),
    )
    .option(
      '--upstream-key-env <name>',
      'environment variable holding the key the recorder sends upstream',
      'OPENAI_API_KEY',
    )
    .option(
      '--forward-client-key',
      "send the client's own key upstream instead (clients pointed at the mock usually hold a dummy one)",
    )
    .option(
      '--redact-header <name>',
      'also redact this header (credentials and sk- keys always are; repeatable)',
      collect,
      [],
    )
    .option(
      '--redact-field <name>',
      'also redact this JSON field wherever it appears (repeatable)',
      collect,
      [],
    )
    .action(async (flags: RecordFlags) => {
      const forwardClientKey = flags.forwardClientKey === true;
      if (!forwardClientKey && !process.env[flags.upstreamKeyEnv])
        throw new Error(
          `record needs the upstream key in $${flags.upstreamKeyEnv}: set it (or name another variable with --upstream-key-env, or send the client's key with --forward-client-key).`,
        );
      let stop: ((code?: number) => void) | undefined;
      const cassettes: CassetteOptions = {
        ...cassetteOptions(flags, 'record', ['record', 'update', 'passthrough']),
        upstream: flags.upstream,
        autosave: true,
        keyEnv: flags.upstreamKeyEnv,
        env: { [flags.upstreamKeyEnv]: process.env[flags.upstreamKeyEnv] },
        forwardClientKey,
        redact: { headers: flags.redactHeader, bodyFields: flags.redactField },
        // Every later request would be refused too: stop, keeping what was recorded before.
        onRefused: (error) => {
          process.stderr.write(`${error.message} Stopping.\n`);
          setTimeout(() => stop?.(1), 20);
        },
      };
      // The real API judges the traffic: unknown models and schema drift are noted, not refused.
      const server = await startMockServer(
        serverOptions(flags, cassettes, { acceptAnyModel: true, validation: 'warn' }),
      );
      const where = relative(process.cwd(), server.engine.cassettes.current ?? flags.cassettes);
      process.stdout.write(
        `openai-mock recording ${flags.upstream} (${server.engine.cassettes.mode}) into ${where}, listening on ${server.url}\n`,
      );
      stop = closeOnSignal(server, true);
    });
}

function upstreamUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value;
  } catch {
    // fall through to the message
  }
  throw new InvalidArgumentError('--upstream must be an http(s) URL, e.g. https://api.openai.com/v1.');
}
