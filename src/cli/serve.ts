import { type Command, InvalidArgumentError } from 'commander';
import type { FeatureOptions } from '../compose.js';
import { createVirtualClock } from '../engine/clock.js';
import type { ModelInfo } from '../engine/models.js';
import { parseModelEntry } from '../engine/models.js';
import type { ValidationMode } from '../engine/options.js';
import type { FaultsOptions } from '../features/faults/index.js';
import { parseFaultRule } from '../features/faults/parse-rule.js';
import { parseRateLimitSpec, type RateLimitOptions } from '../features/rate-limits/index.js';
import { type StartMockServerOptions, startMockServer } from '../server/fastify/start.js';
import { fraction, integer, oneOf, readDataFile, readDataFileWithLines } from './parse.js';
import { exitOnSignal } from './shutdown.js';

interface ServeFlags {
  host: string;
  port: number;
  spec?: string;
  seed?: number;
  config?: string;
  validate?: ValidationMode;
  checkResponses?: boolean;
  requireApiKey?: string | boolean;
  acceptAnyModel?: boolean;
  generateMissing?: boolean;
  conformance?: boolean;
  models?: string;
  freezeTime?: number;
  bodyLimit?: number;
  chaos?: number;
  faults?: string;
  rateLimit?: RateLimitOptions;
  fixtures?: string[];
  clock?: 'real' | 'virtual';
  batchSpeed?: number | 'instant';
  maxFileBytes?: number;
  maxFileStorage?: number;
  maxJsonDepth?: number;
  maxStoredObjects?: number;
  maxTableEntries?: number;
  maxIds?: number;
}

export function registerServe(program: Command): void {
  program
    .command('serve', { isDefault: true })
    .description('serve the fake OpenAI API')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free one)', integer('--port', 0, 65535), 4010)
    .option(
      '--spec <path>',
      "path or http(s) URL of OpenAI's OpenAPI document (default: $OPENAI_MOCK_SPEC, else the copy `openai-mock spec fetch` keeps)",
    )
    .option('--seed <n>', 'seed for generated content', integer('--seed'))
    .option('--config <file>', 'JSON or YAML file with these options (flags win)')
    .option(
      '--validate <mode>',
      'request validation: strict | warn | off',
      oneOf('--validate', ['strict', 'warn', 'off'] as const),
    )
    .option(
      '--check-responses',
      'validate every response and event against the document (violations go to the journal)',
    )
    .option('--require-api-key [key]', 'answer 401 without an API key (or without this key)')
    .option('--accept-any-model', 'accept model names that are not in the catalog')
    .option(
      '--generate-missing',
      'answer unknown resource ids from the schema instead of 404 (for SDK test suites)',
    )
    .option(
      '--conformance',
      'conformance profile for SDK authors: only the document rejects requests, any model, invented ids answered',
    )
    .option('--models <file>', 'JSON or YAML list of extra models ({ id, kind, context_window, dimensions })')
    .option('--freeze-time <unix>', 'stamp every `created` with this unix time', integer('--freeze-time', 0))
    .option('--body-limit <bytes>', 'largest request body accepted', integer('--body-limit', 1))
    .option(
      '--chaos <rate>',
      'fail this share of requests (0..1) with seeded 429/500/502/503/resets',
      fraction('--chaos'),
    )
    .option('--faults <file>', 'JSON or YAML list of fault rules (or { rules, chaos, maxHangMs })')
    .option(
      '--rate-limit <rpm[:tpm]>',
      'per-key requests (and tokens) per minute, e.g. 60 or 60:10000',
      rateLimitFlag,
    )
    .option(
      '--fixtures <path>',
      'scripted replies: a JSON/YAML rule file or a folder of them (repeatable)',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option(
      '--clock <kind>',
      'real, or virtual: time moves only by POST /__mock/clock/advance',
      oneOf('--clock', ['real', 'virtual'] as const),
    )
    .option(
      '--batch-speed <speed>',
      "batch pace: 'instant', or a multiple of the default (1: a few lines in ~1 s)",
      batchSpeed,
    )
    .option(
      '--max-file-bytes <bytes>',
      'largest file accepted (default 512 MiB)',
      integer('--max-file-bytes', 1),
    )
    .option(
      '--max-file-storage <bytes>',
      'total bytes files may hold before uploads get 413 (default 1 GiB)',
      integer('--max-file-storage', 1),
    )
    .option(
      '--max-json-depth <n>',
      'deepest JSON nesting accepted (default 128)',
      integer('--max-json-depth', 1),
    )
    .option(
      '--max-stored-objects <n>',
      'objects each store keeps; the oldest is dropped, then 404s (default 10000)',
      integer('--max-stored-objects', 1),
    )
    .option(
      '--max-table-entries <n>',
      'rate-limit buckets, fault and fixture counters kept per table (default 10000)',
      integer('--max-table-entries', 1),
    )
    .option('--max-ids <n>', 'issued ids remembered for uniqueness (default 100000)', integer('--max-ids', 1))
    .action(async (flags: ServeFlags) => {
      const options = await serveOptions(flags);
      const server = await startMockServer(options);
      const spec = server.engine.contract?.path ?? 'none';
      process.stdout.write(
        `openai-mock listening on ${server.url} (spec: ${spec}, seed: ${server.engine.options.seed})\n`,
      );
      exitOnSignal(async () => {
        await server.engine.cassettes.save(); // what was recorded must survive a cut-short close
        await server.close();
      });
    });
}

/** Config file first, then flags over it. */
async function serveOptions(flags: ServeFlags): Promise<StartMockServerOptions> {
  const config = flags.config ? await readConfig(flags.config) : {};
  const options: StartMockServerOptions = { ...config, host: flags.host, port: flags.port };
  if (flags.spec !== undefined) options.spec = flags.spec;
  if (flags.seed !== undefined) options.seed = flags.seed;
  if (flags.validate !== undefined) options.validation = flags.validate;
  if (flags.checkResponses) options.checkResponses = true;
  if (flags.requireApiKey !== undefined) options.requireApiKey = flags.requireApiKey;
  if (flags.acceptAnyModel) options.acceptAnyModel = true;
  if (flags.generateMissing) options.missingResources = 'generate';
  if (flags.conformance) options.conformance = true;
  if (flags.freezeTime !== undefined) options.freezeTime = flags.freezeTime;
  if (flags.bodyLimit !== undefined) options.bodyLimit = flags.bodyLimit;
  if (flags.models !== undefined) options.models = await readModels(flags.models);
  const features: FeatureOptions = { ...options.features };
  if (flags.faults !== undefined) features.faults = await readFaults(flags.faults);
  if (flags.chaos !== undefined) features.faults = { ...features.faults, chaos: flags.chaos };
  if (flags.rateLimit !== undefined) features.rateLimits = { ...features.rateLimits, ...flags.rateLimit };
  if (flags.fixtures !== undefined) {
    const files = [features.fixtures?.files ?? []].flat();
    features.fixtures = { ...features.fixtures, files: [...files, ...flags.fixtures] };
  }
  if (flags.batchSpeed !== undefined) features.batches = { ...features.batches, speed: flags.batchSpeed };
  if (flags.maxFileBytes !== undefined)
    features.files = { ...features.files, maxFileBytes: flags.maxFileBytes };
  if (flags.maxFileStorage !== undefined)
    features.files = { ...features.files, maxStorageBytes: flags.maxFileStorage };
  if (flags.clock === 'virtual') options.clock = createVirtualClock(Date.now());
  const limits = { ...options.limits };
  if (flags.maxJsonDepth !== undefined) limits.jsonDepth = flags.maxJsonDepth;
  if (flags.maxStoredObjects !== undefined) limits.storeEntries = flags.maxStoredObjects;
  if (flags.maxTableEntries !== undefined) limits.tableEntries = flags.maxTableEntries;
  if (flags.maxIds !== undefined) limits.idEntries = flags.maxIds;
  options.limits = limits;
  options.features = features;
  return options;
}

function batchSpeed(value: string): number | 'instant' {
  if (value === 'instant') return value;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError("--batch-speed must be 'instant' or a number > 0.");
  return n;
}

function rateLimitFlag(value: string): RateLimitOptions {
  try {
    return parseRateLimitSpec(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/**
 * A list of rules, or the whole faults options object ({ rules, chaos, maxHangMs }); each rule is checked
 * here, so a mistake names the file and the line rather than an option path.
 */
async function readFaults(path: string): Promise<FaultsOptions> {
  const file = await readDataFileWithLines(path, 'faults file');
  const data = file.value;
  const options = Array.isArray(data) ? { rules: data } : data;
  if (!options || typeof options !== 'object')
    throw new Error(`faults file ${path} must hold a list of rules, e.g. [{ "status": 429, "times": 2 }]`);
  const rules = (options as { rules?: unknown }).rules;
  if (Array.isArray(rules))
    rules.forEach((rule, i) => {
      const line = file.lineOf(i, Array.isArray(data) ? undefined : 'rules');
      try {
        parseFaultRule(
          rule,
          'check',
          'config',
          `faults file ${path}${line ? `, line ${line}` : ''} (rule ${i + 1})`,
        );
      } catch (error) {
        throw new Error((error as Error).message);
      }
    });
  return options as FaultsOptions;
}

async function readConfig(path: string): Promise<StartMockServerOptions> {
  const data = await readDataFile(path, 'config file');
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new Error(`config file ${path} must hold an object of serve options, e.g. { "seed": 1 }`);
  return data as StartMockServerOptions;
}

async function readModels(path: string): Promise<ModelInfo[]> {
  const data = await readDataFile(path, 'models file');
  const list = Array.isArray(data) ? data : (data as { models?: unknown })?.models;
  if (!Array.isArray(list))
    throw new Error(`models file ${path} must hold a list of models, e.g. [{ "id": "my-model" }]`);
  return list.map((entry, i) => parseModelEntry(entry, `models file ${path}, entry ${i}`));
}
