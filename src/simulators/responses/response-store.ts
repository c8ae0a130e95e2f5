import type { EngineCore } from '../../engine/context.js';
import { responseErrors } from './response-errors.js';
import type { EventOptions } from './response-events.js';

export type Json = Record<string, any>;

/** What a stored response keeps: the API object plus what `input_items`, chains and resumed streams need. */
export interface StoredResponse {
  /** The Response as `GET /responses/{id}` shows it now (queued / in progress / final). */
  response: Json;
  /** The terminal Response, known from the start (generation is deterministic); streams replay from it. */
  final: Json;
  /** Items the model saw before this turn's input: the `previous_response_id` chain or the conversation. */
  history: Json[];
  /** This turn's input items, as resources (with ids). */
  input: Json[];
  /** How the events are laid out in time, so a resumed stream (`starting_after`) waits as the first did. */
  timing: StreamTiming;
  /** What the event list was built with (a resumed stream rebuilds the same list). */
  events: EventOptions;
  /** Engine clock (ms) when a background response was cancelled: resumed streams stop there. */
  cancelledAt?: number;
  deleted?: true;
}

export interface StreamTiming {
  /** Engine clock (ms) at creation. */
  startedAt: number;
  /** Background: time spent queued before work starts. */
  queuedMs: number;
  /** Delay before the first output event once work starts. */
  firstTokenMs: number;
  /** Time between delta events (0: as fast as the connection goes). */
  intervalMs: number;
  /** Background: the least time spent in progress (the terminal event is not due earlier). */
  runMs: number;
}

export const RESPONSE_STORE = 'responses';
/** Every item a stored response or conversation holds, by id, for `item_reference` inputs. */
export const ITEM_STORE = 'response-items';

export const responseStore = (engine: EngineCore) => engine.stores.store<StoredResponse>(RESPONSE_STORE);
export const itemStore = (engine: EngineCore) => engine.stores.store<Json>(ITEM_STORE);

export async function findResponse(engine: EngineCore, id: string): Promise<StoredResponse | undefined> {
  const stored = await responseStore(engine).get(id);
  return stored && !stored.deleted ? stored : undefined;
}

export async function requireResponse(engine: EngineCore, id: string): Promise<StoredResponse> {
  const stored = await findResponse(engine, id);
  if (!stored) throw responseErrors.notFound(id);
  return stored;
}

export async function saveResponse(engine: EngineCore, stored: StoredResponse): Promise<void> {
  await responseStore(engine).set(stored.response['id'], stored);
}

export async function indexItems(engine: EngineCore, items: readonly Json[]): Promise<void> {
  const store = itemStore(engine);
  for (const item of items) if (typeof item['id'] === 'string') await store.set(item['id'], item);
}
