import type { DocumentModel } from '../contract/index.js';

/**
 * The simulated model catalog: what `GET /models` lists and what every request's `model` is checked against.
 * Context windows and output limits follow OpenAI's published model pages.
 */
export type ModelKind =
  | 'chat'
  | 'reasoning'
  | 'embedding'
  | 'image'
  | 'tts'
  | 'transcription'
  | 'moderation'
  | 'completion'
  | 'realtime'
  | 'video';

export interface ModelInfo {
  id: string;
  kind: ModelKind;
  created: number;
  ownedBy: string;
  contextWindow?: number;
  maxOutputTokens?: number;
  /** Embedding models: the default vector length. */
  dimensions?: number;
  /** Served by the Responses API only (the document lists it for Responses, not for chat completions). */
  responsesOnly?: boolean;
}

const m = (
  id: string,
  kind: ModelKind,
  created: number,
  extra: Partial<ModelInfo> = {},
  ownedBy = 'system',
): ModelInfo => ({ id, kind, created, ownedBy, ...extra });

export const DEFAULT_MODELS: readonly ModelInfo[] = [
  m('gpt-5', 'reasoning', 1754425777, { contextWindow: 400_000, maxOutputTokens: 128_000 }),
  m('gpt-5-mini', 'reasoning', 1754425928, { contextWindow: 400_000, maxOutputTokens: 128_000 }),
  m('gpt-5-nano', 'reasoning', 1754426384, { contextWindow: 400_000, maxOutputTokens: 128_000 }),
  m('gpt-5-chat-latest', 'chat', 1754073306, { contextWindow: 128_000, maxOutputTokens: 16_384 }),
  m('gpt-4.1', 'chat', 1744316542, { contextWindow: 1_047_576, maxOutputTokens: 32_768 }),
  m('gpt-4.1-mini', 'chat', 1744318173, { contextWindow: 1_047_576, maxOutputTokens: 32_768 }),
  m('gpt-4.1-nano', 'chat', 1744321707, { contextWindow: 1_047_576, maxOutputTokens: 32_768 }),
  m('gpt-4o', 'chat', 1715367049, { contextWindow: 128_000, maxOutputTokens: 16_384 }),
  m('gpt-4o-mini', 'chat', 1721172741, { contextWindow: 128_000, maxOutputTokens: 16_384 }),
  m('chatgpt-4o-latest', 'chat', 1723515131, { contextWindow: 128_000, maxOutputTokens: 16_384 }),
  m('gpt-4o-audio-preview', 'chat', 1727460443, { contextWindow: 128_000, maxOutputTokens: 16_384 }),
  m('gpt-4o-search-preview', 'chat', 1741388720, { contextWindow: 128_000, maxOutputTokens: 16_384 }),
  m('gpt-4-turbo', 'chat', 1712361441, { contextWindow: 128_000, maxOutputTokens: 4_096 }),
  m('gpt-4', 'chat', 1687882411, { contextWindow: 8_192, maxOutputTokens: 8_192 }, 'openai'),
  m('gpt-3.5-turbo', 'chat', 1677610602, { contextWindow: 16_385, maxOutputTokens: 4_096 }, 'openai'),
  m('o1', 'reasoning', 1734375816, { contextWindow: 200_000, maxOutputTokens: 100_000 }),
  m('o1-mini', 'reasoning', 1725649008, { contextWindow: 128_000, maxOutputTokens: 65_536 }),
  m('o1-pro', 'reasoning', 1742251791, { contextWindow: 200_000, maxOutputTokens: 100_000 }),
  m('o3', 'reasoning', 1744225308, { contextWindow: 200_000, maxOutputTokens: 100_000 }),
  m('o3-mini', 'reasoning', 1737146383, { contextWindow: 200_000, maxOutputTokens: 100_000 }),
  m('o3-pro', 'reasoning', 1748475349, { contextWindow: 200_000, maxOutputTokens: 100_000 }),
  m('o4-mini', 'reasoning', 1744225351, { contextWindow: 200_000, maxOutputTokens: 100_000 }),
  m('codex-mini-latest', 'reasoning', 1746673257, { contextWindow: 200_000, maxOutputTokens: 100_000 }),
  m('computer-use-preview', 'chat', 1734655677, { contextWindow: 8_192, maxOutputTokens: 1_024 }),
  m('gpt-3.5-turbo-instruct', 'completion', 1692901427, { contextWindow: 4_096, maxOutputTokens: 4_096 }),
  m('davinci-002', 'completion', 1692634301, { contextWindow: 16_384, maxOutputTokens: 16_384 }),
  m('babbage-002', 'completion', 1692634615, { contextWindow: 16_384, maxOutputTokens: 16_384 }),
  m('text-embedding-3-small', 'embedding', 1705948997, { contextWindow: 8_191, dimensions: 1536 }),
  m('text-embedding-3-large', 'embedding', 1705953180, { contextWindow: 8_191, dimensions: 3072 }),
  m(
    'text-embedding-ada-002',
    'embedding',
    1671217299,
    { contextWindow: 8_191, dimensions: 1536 },
    'openai-internal',
  ),
  m('dall-e-2', 'image', 1698798177),
  m('dall-e-3', 'image', 1698785189),
  m('gpt-image-1', 'image', 1745517030),
  m('tts-1', 'tts', 1681940951, {}, 'openai-internal'),
  m('tts-1-hd', 'tts', 1699046015),
  m('gpt-4o-mini-tts', 'tts', 1742403959),
  m('whisper-1', 'transcription', 1677532384, {}, 'openai-internal'),
  m('gpt-4o-transcribe', 'transcription', 1742068463),
  m('gpt-4o-mini-transcribe', 'transcription', 1742068596),
  m('gpt-4o-realtime-preview', 'realtime', 1727659998, { contextWindow: 128_000, maxOutputTokens: 4_096 }),
  m('gpt-realtime', 'realtime', 1756271701, { contextWindow: 32_000, maxOutputTokens: 4_096 }),
  m('omni-moderation-latest', 'moderation', 1731689265),
  m('text-moderation-latest', 'moderation', 1677610602),
];

/** A dated snapshot (`gpt-4o-2024-08-06`, `gpt-4-0613`) is the same model as its alias for simulation purposes. */
const SNAPSHOT_SUFFIX = /-(\d{4}-\d{2}-\d{2}|\d{4})$/;

export interface ModelCatalog {
  list(): ModelInfo[];
  /** The model, its base model for a dated snapshot, or a fine-tuned model's base (`ft:gpt-4o-mini:org::id`). */
  find(id: string): ModelInfo | undefined;
  /**
   * What simulators assume of a model: the catalog's entry, or (when any model name is accepted) a chat
   * model with gpt-4o's limits.
   */
  describe(id: string): ModelInfo;
  add(model: ModelInfo): void;
  remove(id: string): boolean;
}

export interface ModelCatalogSources {
  /** Model ids the OpenAPI document names, with where it names them (see `modelsInDocument`). */
  document?: (() => readonly DocumentModel[]) | undefined;
  /** Models added on top (`--models FILE`, `EngineOptions.models`); they win over everything. */
  extra?: readonly ModelInfo[] | undefined;
}

/**
 * The catalog: every model the document names (kind from where it is named, limits by family), refined by
 * the hand-kept table above, plus the user's own. Built on first use, so a server starts without walking
 * the document.
 */
export function createModelCatalog(
  sources: ModelCatalogSources | readonly ModelInfo[] | undefined = {},
): ModelCatalog {
  const { document, extra = [] } = Array.isArray(sources)
    ? { extra: sources as readonly ModelInfo[], document: undefined }
    : (sources as ModelCatalogSources);
  let built: Map<string, ModelInfo> | undefined;
  const models = (): Map<string, ModelInfo> => {
    if (built) return built;
    built = new Map(DEFAULT_MODELS.map((m) => [m.id, m]));
    for (const model of derivedModels(document?.() ?? [], built)) built.set(model.id, model);
    for (const model of extra) built.set(model.id, model);
    return built;
  };
  return {
    list: () => [...models().values()],
    find(id) {
      const all = models();
      const exact = all.get(id);
      if (exact) return exact;
      if (id.startsWith('ft:')) {
        const base = all.get(id.split(':')[1] ?? '');
        return base ? { ...base, id, ownedBy: 'user' } : undefined;
      }
      const base = all.get(id.replace(SNAPSHOT_SUFFIX, ''));
      return base ? { ...base, id } : undefined;
    },
    describe(id) {
      return (
        this.find(id) ?? {
          id,
          kind: 'chat',
          created: 0,
          ownedBy: 'user',
          contextWindow: 128_000,
          maxOutputTokens: 16_384,
        }
      );
    },
    add(model) {
      models().set(model.id, model);
    },
    remove: (id) => models().delete(id),
  };
}

/**
 * Where the document names a model says what kind it is: the embeddings request lists embedding models,
 * the speech request voices, and so on. First match wins; a model named only in chat, Responses or
 * Assistants enums is a chat model (a reasoning one by its family). Fine-tuning and grader enums say nothing.
 */
const PLACE_KINDS: ReadonlyArray<readonly [RegExp, ModelKind]> = [
  [/Embedding/, 'embedding'],
  [/Image/, 'image'],
  [/Speech/, 'tts'],
  [/Transcri/, 'transcription'],
  [/Moderation/, 'moderation'],
  [/^CreateCompletionRequest$|^POST \/completions$/, 'completion'],
  [/Video/, 'video'],
  [/Realtime/, 'realtime'],
];
const CHAT_PLACES = /ModelIdsShared|ChatCompletion|Assistant|Run|Thread/;
const RESPONSES_PLACES = /ModelIdsResponses|ResponseProperties|Compact/;
const REASONING_FAMILY = /^(o\d|gpt-5(?!(\.\d+)?-chat)|codex|computer-use)/;

/** Limits by family for models the hand-kept table does not list (OpenAI's model pages, by generation). */
const FAMILY_LIMITS: ReadonlyArray<readonly [RegExp, Partial<ModelInfo>]> = [
  [/^(gpt-realtime|gpt-audio|gpt-4o.*realtime)/, { contextWindow: 32_000, maxOutputTokens: 4_096 }],
  [/^gpt-5(\.\d+)?-chat/, { contextWindow: 128_000, maxOutputTokens: 16_384 }],
  [/^gpt-5/, { contextWindow: 400_000, maxOutputTokens: 128_000 }],
  [/^gpt-4\.1/, { contextWindow: 1_047_576, maxOutputTokens: 32_768 }],
  [/^gpt-4\.5|^gpt-4o|^chatgpt/, { contextWindow: 128_000, maxOutputTokens: 16_384 }],
  [/^gpt-4-(turbo|\d{4}-preview|vision)/, { contextWindow: 128_000, maxOutputTokens: 4_096 }],
  [/^gpt-4-32k/, { contextWindow: 32_768, maxOutputTokens: 4_096 }],
  [/^gpt-4/, { contextWindow: 8_192, maxOutputTokens: 8_192 }],
  [/^gpt-3\.5-turbo-instruct/, { contextWindow: 4_096, maxOutputTokens: 4_096 }],
  [/^gpt-3\.5/, { contextWindow: 16_385, maxOutputTokens: 4_096 }],
  [/^o1-(mini|preview)/, { contextWindow: 128_000, maxOutputTokens: 65_536 }],
  [/^o\d/, { contextWindow: 200_000, maxOutputTokens: 100_000 }],
  [/^computer-use/, { contextWindow: 8_192, maxOutputTokens: 1_024 }],
  [/^text-embedding-3-large/, { contextWindow: 8_191, dimensions: 3072 }],
  [/^text-embedding/, { contextWindow: 8_191, dimensions: 1536 }],
];
const CHAT_DEFAULT_LIMITS: Partial<ModelInfo> = { contextWindow: 128_000, maxOutputTokens: 16_384 };
/** A date the document's newest models are no older than, for models without a dated snapshot. */
const UNDATED_CREATED = 1_735_689_600; // 2025-01-01

function derivedModels(named: readonly DocumentModel[], table: ReadonlyMap<string, ModelInfo>): ModelInfo[] {
  const out: ModelInfo[] = [];
  for (const { id, where } of named) {
    const known = table.get(id);
    const base = table.get(id.replace(SNAPSHOT_SUFFIX, ''));
    const placeKind = PLACE_KINDS.find(([place]) => where.some((w) => place.test(w)))?.[1];
    const chatPlace = where.some((w) => CHAT_PLACES.test(w));
    const responsesPlace = where.some((w) => RESPONSES_PLACES.test(w));
    const kind: ModelKind =
      known?.kind ??
      base?.kind ??
      (placeKind && !(chatPlace && placeKind === 'realtime')
        ? placeKind
        : REASONING_FAMILY.test(id)
          ? 'reasoning'
          : 'chat');
    const isText = kind === 'chat' || kind === 'reasoning';
    const responsesOnly = isText && responsesPlace && !chatPlace ? { responsesOnly: true } : {};
    if (known) {
      out.push({ ...known, ...responsesOnly });
      continue;
    }
    const sized = isText || kind === 'embedding' || kind === 'realtime' || kind === 'completion';
    const family = sized ? FAMILY_LIMITS.find(([pattern]) => pattern.test(id))?.[1] : undefined;
    const limits = base ?? family ?? (isText ? CHAT_DEFAULT_LIMITS : {});
    out.push({
      id,
      kind,
      created: snapshotDate(id) ?? base?.created ?? UNDATED_CREATED,
      ownedBy: base?.ownedBy ?? 'system',
      ...pick(limits),
      ...responsesOnly,
    });
  }
  return out;
}

function pick(from: Partial<ModelInfo>): Partial<ModelInfo> {
  const out: Partial<ModelInfo> = {};
  if (from.contextWindow !== undefined) out.contextWindow = from.contextWindow;
  if (from.maxOutputTokens !== undefined) out.maxOutputTokens = from.maxOutputTokens;
  if (from.dimensions !== undefined) out.dimensions = from.dimensions;
  return out;
}

/** `gpt-4o-2024-08-06` was released on that day: its `created` is that date. */
function snapshotDate(id: string): number | undefined {
  const m = /-(\d{4})-(\d{2})-(\d{2})$/.exec(id);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 1000 : undefined;
}

/** Reads a `--models FILE` entry (a JSON/YAML list) into a ModelInfo, naming the field that is wrong. */
export function parseModelEntry(entry: unknown, where: string): ModelInfo {
  if (!entry || typeof entry !== 'object')
    throw new Error(`${where}: expected an object like { "id": "my-model" }`);
  const e = entry as Record<string, unknown>;
  if (typeof e['id'] !== 'string' || !e['id']) throw new Error(`${where}: "id" must be a non-empty string`);
  const kind = (e['kind'] ?? 'chat') as ModelKind;
  const info: ModelInfo = {
    id: e['id'],
    kind,
    created: typeof e['created'] === 'number' ? e['created'] : 1700000000,
    ownedBy: typeof e['owned_by'] === 'string' ? e['owned_by'] : 'user',
  };
  for (const [key, field] of [
    ['context_window', 'contextWindow'],
    ['max_output_tokens', 'maxOutputTokens'],
    ['dimensions', 'dimensions'],
  ] as const) {
    const v = e[key] ?? e[field];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0)
      throw new Error(`${where}: "${key}" must be a positive integer, got ${JSON.stringify(v)}`);
    info[field] = v;
  }
  return info;
}
