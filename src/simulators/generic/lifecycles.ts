/**
 * Work the real API does in the background — ingesting a file into a vector store, a fine-tuning job, an
 * Assistants run, an eval run, a video render — walks its real states on the engine clock. A lifecycle is
 * a list of steps (how long after the previous one, which fields change); an object keeps the steps still
 * to come and is brought up to date whenever it is read, so nothing runs in the background and a virtual
 * clock (`createVirtualClock()`, `POST /__mock/clock/advance`) moves every job at once.
 *
 * The states are the document's; which comes after which, and which are final, is what this table adds.
 */
type Json = Record<string, unknown>;

export interface Step {
  /** Milliseconds after the previous step. */
  after: number;
  /** The fields that change; `at` is the unix time (seconds) of the step. */
  patch: (item: Json, at: number) => Json;
}

export interface Lifecycle {
  /** Fields every new object starts with. */
  start: (item: Json, at: number) => Json;
  steps: Step[];
  /** Statuses nothing changes any more (cancel answers 400 there). */
  final: string[];
  /** What `cancel` does: the state at once, and the state it settles in shortly after (if different). */
  cancel?: { now: string; settles?: string; patch?: (at: number) => Json };
  /** Statuses `pause` and `resume` move between (fine-tuning jobs). */
  pause?: { status: string; from: string[] };
}

const bytes = (item: Json) => (typeof item['usage_bytes'] === 'number' ? item['usage_bytes'] : 0);

export const LIFECYCLES: Record<string, Lifecycle> = {
  'vector_store.file': {
    start: () => ({ status: 'in_progress', usage_bytes: 0, last_error: null }),
    steps: [{ after: 500, patch: (item) => ({ status: 'completed', usage_bytes: bytes(item) || 1024 }) }],
    final: ['completed', 'failed', 'cancelled'],
    cancel: { now: 'cancelled' },
  },
  'fine_tuning.job': {
    start: () => ({
      status: 'validating_files',
      fine_tuned_model: null,
      finished_at: null,
      trained_tokens: null,
      error: null,
      result_files: [],
    }),
    steps: [
      { after: 500, patch: () => ({ status: 'queued' }) },
      { after: 500, patch: () => ({ status: 'running' }) },
      {
        after: 2000,
        patch: (item, at) => ({
          status: 'succeeded',
          finished_at: at,
          trained_tokens: 12_000,
          fine_tuned_model: `ft:${String(item['model'] ?? 'gpt-4o-mini')}:openai-mock::${String(item['id'] ?? '').slice(-8)}`,
        }),
      },
    ],
    final: ['succeeded', 'failed', 'cancelled'],
    cancel: { now: 'cancelled', patch: (at) => ({ finished_at: at }) },
    pause: { status: 'paused', from: ['validating_files', 'queued', 'running'] },
  },
  'thread.run': {
    start: () => ({
      status: 'queued',
      started_at: null,
      completed_at: null,
      cancelled_at: null,
      failed_at: null,
      last_error: null,
      required_action: null,
      usage: null,
    }),
    steps: [
      { after: 200, patch: (_item, at) => ({ status: 'in_progress', started_at: at }) },
      {
        after: 800,
        patch: (_item, at) => ({
          status: 'completed',
          completed_at: at,
          usage: { prompt_tokens: 120, completion_tokens: 48, total_tokens: 168 },
        }),
      },
    ],
    final: ['completed', 'failed', 'cancelled', 'expired', 'incomplete'],
    cancel: { now: 'cancelling', settles: 'cancelled', patch: (at) => ({ cancelled_at: at }) },
  },
  'eval.run': {
    start: () => ({
      status: 'queued',
      result_counts: { total: 0, errored: 0, failed: 0, passed: 0 },
      per_model_usage: [],
      per_testing_criteria_results: [],
    }),
    steps: [
      { after: 300, patch: () => ({ status: 'in_progress' }) },
      {
        after: 1500,
        patch: () => ({
          status: 'completed',
          result_counts: { total: 10, errored: 0, failed: 2, passed: 8 },
        }),
      },
    ],
    final: ['completed', 'failed', 'canceled'],
    cancel: { now: 'canceled' },
  },
  video: {
    start: () => ({ status: 'queued', progress: 0, completed_at: null, expires_at: null, error: null }),
    steps: [
      { after: 300, patch: () => ({ status: 'in_progress', progress: 0 }) },
      { after: 1000, patch: () => ({ progress: 50 }) },
      {
        after: 1000,
        patch: (_item, at) => ({
          status: 'completed',
          progress: 100,
          completed_at: at,
          expires_at: at + 86_400,
        }),
      },
    ],
    final: ['completed', 'failed'],
  },
};

export function lifecycleOf(item: Json): Lifecycle | undefined {
  const type = item['object'];
  return typeof type === 'string' && Object.hasOwn(LIFECYCLES, type) ? LIFECYCLES[type] : undefined;
}

/** A step still to come: when (clock ms) and what changes. */
export interface Pending {
  at: number;
  step: number;
}
