import { createRequire } from 'node:module';
import {
  CASSETTE_VERSION,
  type Cassette,
  type CassetteMeta,
  type Interaction,
  type RecordedRequest,
} from './format.js';
import { findNearest, type Nearest } from './nearest-diff.js';
import { type MatchOptions, matchKey } from './normalize.js';

const TOOL_VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

export function cassetteMeta(spec: CassetteMeta['spec']): CassetteMeta {
  return { tool: 'openai-mock', toolVersion: TOOL_VERSION, spec };
}

/** What one session did to one cassette (`openai-mock record` prints it on exit). */
export interface CassetteSummary {
  path: string;
  /** Recorded requests the file did not hold before. */
  new: number;
  /** Recorded requests the file held with another status or body. */
  updated: number;
  /** Requests the file held with the same status and body (re-recorded or kept). */
  unchanged: number;
  /** Requests that failed upstream (refused key, unreachable) and were not recorded. */
  errors: number;
}

/**
 * One cassette in memory: the recorded interactions indexed by match key, how many of each key every
 * scope has used (identical requests replay in order), and what this session recorded.
 */
export class CassetteBook {
  readonly path: string;
  #loaded: Interaction[];
  /** Everything recorded in this session, saved or not. */
  #recorded: Interaction[] = [];
  #unsaved = 0;
  #index = new Map<string, Interaction[]>();
  #used = new Map<string, number>();
  #match: MatchOptions;
  #meta: CassetteMeta | undefined;
  /** The file as it was before this session, for the summary. */
  #before: Interaction[];
  /** Upstream failures while recording into this cassette. */
  errors = 0;

  constructor(path: string, cassette: Cassette | undefined, match: MatchOptions, before = cassette) {
    this.path = path;
    this.#match = match;
    this.#before = before?.interactions ?? [];
    this.#loaded = cassette?.interactions ?? [];
    this.#meta = cassette?.meta;
    for (const i of this.#loaded) this.#indexed(i);
  }

  get interactions(): readonly Interaction[] {
    return this.#loaded;
  }

  get meta(): CassetteMeta | undefined {
    return this.#meta;
  }

  /** Interactions recorded in this session and not yet on disk. */
  get unsaved(): number {
    return this.#unsaved;
  }

  /**
   * The next unused recording of this request for this scope. Once all are used the last one repeats,
   * unless `repeat` is false (update mode records another instead).
   */
  take(request: RecordedRequest, scope: string | null, repeat: boolean): Interaction | undefined {
    const key = matchKey(request, this.#match);
    const list = this.#index.get(key);
    if (!list?.length) return undefined;
    const usedKey = `${scope ?? ''}\u0000${key}`;
    const used = this.#used.get(usedKey) ?? 0;
    if (used >= list.length && !repeat) return undefined;
    this.#used.set(usedKey, used + 1);
    return list[Math.min(used, list.length - 1)];
  }

  /** Keeps a new (already redacted) interaction; it counts as used by the scope that recorded it. */
  add(interaction: Interaction, scope: string | null, replayable: boolean): void {
    this.#recorded.push(interaction);
    this.#unsaved++;
    if (!replayable) return;
    const key = this.#indexed(interaction);
    const usedKey = `${scope ?? ''}\u0000${key}`;
    this.#used.set(usedKey, (this.#used.get(usedKey) ?? 0) + 1);
  }

  nearest(request: RecordedRequest): Nearest | undefined {
    return findNearest(
      request,
      [...this.#loaded, ...this.#recorded].map((i) => i.request),
      this.#match,
    );
  }

  /** Forgets which recordings were used (between tests). */
  rewind(): void {
    this.#used.clear();
  }

  /**
   * What goes to disk: in `record` mode only this session's traffic (a fresh recording), otherwise the
   * loaded interactions followed by the new ones.
   */
  flush(meta: CassetteMeta, fresh: boolean): Cassette {
    const interactions = fresh ? [...this.#recorded] : [...this.#loaded, ...this.#recorded];
    // Added to an older recording, the cassette keeps its older document stamp: it stays flagged as stale
    // until it is recorded afresh.
    const spec = !fresh && this.#loaded.length && this.#meta ? this.#meta.spec : meta.spec;
    this.#unsaved = 0;
    this.#meta = { ...meta, spec };
    return { version: CASSETTE_VERSION, meta: this.#meta, interactions };
  }

  summary(): CassetteSummary {
    const before = new Map<string, Interaction[]>();
    for (const i of this.#before) {
      const key = matchKey(i.request, this.#match);
      before.set(key, [...(before.get(key) ?? []), i]);
    }
    const counts = { new: 0, updated: 0, unchanged: 0 };
    for (const i of this.#recorded) {
      const list = before.get(matchKey(i.request, this.#match));
      const old = list?.shift();
      if (!old) counts.new++;
      else if (sameAnswer(old, i)) counts.unchanged++;
      else counts.updated++;
    }
    // Kept from the file without being recorded again (update mode keeps them all).
    if (this.#loaded.length) for (const list of before.values()) counts.unchanged += list.length;
    return { path: this.path, ...counts, errors: this.errors };
  }

  #indexed(interaction: Interaction): string {
    const key = matchKey(interaction.request, this.#match);
    const list = this.#index.get(key);
    if (list) list.push(interaction);
    else this.#index.set(key, [interaction]);
    return key;
  }
}

/** Same status and body: headers (dates, request ids) change on every call and do not count. */
function sameAnswer(a: Interaction, b: Interaction): boolean {
  return (
    a.response.status === b.response.status &&
    JSON.stringify(stripOffsets(a.response.body)) === JSON.stringify(stripOffsets(b.response.body))
  );
}

function stripOffsets(body: Interaction['response']['body']): unknown {
  return body && 'sse' in body ? { ...body, sse: body.sse.map(({ ms: _ms, ...rest }) => rest) } : body;
}
