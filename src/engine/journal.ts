import type { Violation } from '../contract/index.js';

/** What the journal remembers of one request, for tests to assert on (`GET /__mock/journal`). */
export interface JournalEntry {
  id: string;
  time: number;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  operationId: string | null;
  /** The `x-mock-test-id` header, so parallel tests sharing one server can read only their own entries. */
  scope: string | null;
  model: string | null;
  stream: boolean;
  status: number;
  durationMs: number;
  /** Request and response contract violations (in `warn` mode and with response checks on). */
  validation: Violation[];
  /** Set when a fault rule fired: which rule and what it did. */
  fault: { ruleId: string; type: string; status?: number } | null;
  /** Set when the answer came from a scripted fixture or a cassette rather than a simulator. */
  source: string | null;
  /** What this request revealed about the client's retry behaviour (`early_retry`, …); see features/findings. */
  findings: JournalFinding[];
}

/** A finding as the journal shows it; the findings feature adds details. */
export interface JournalFinding {
  id: string;
  kind: string;
  message: string;
}

export interface Journal {
  add(entry: JournalEntry): void;
  entries(filter?: { scope?: string | undefined }): JournalEntry[];
  clear(): void;
}

/** A bounded in-memory journal: a long-running server must not grow without end. */
export function createJournal(limit = 10_000): Journal {
  let items: JournalEntry[] = [];
  return {
    add(entry) {
      items.push(entry);
      // Trim in batches: slicing on every request past the limit would copy the whole journal each time.
      if (items.length > limit + Math.ceil(limit / 4)) items = items.slice(-limit);
    },

    entries(filter) {
      const scope = filter?.scope;
      const kept = items.length > limit ? items.slice(-limit) : items;
      return scope === undefined ? [...kept] : kept.filter((e) => e.scope === scope);
    },
    clear() {
      items = [];
    },
  };
}
