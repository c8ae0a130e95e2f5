import { checkChatStream, checkResponseStream, type Violation } from '../contract/index.js';

/** Checks a whole recorded stream: event order, ids, the closing event, `[DONE]`. */
export type StreamGrammar = (events: ReadonlyArray<{ event?: string; data: unknown }>) => Violation[];

/** The contract room's grammar checker (`src/contract/streams/`) per streaming operation. */
export const STREAM_GRAMMARS: ReadonlyMap<string, StreamGrammar> = new Map<string, StreamGrammar>([
  ['createChatCompletion', (events) => checkChatStream(events)],
  ['createResponse', (events) => checkResponseStream(events)],
]);
