// `client.responses.stream(params)`: the Responses events, typed by `type`, plus the response they add up
// to. Output items, content parts, text and function-call arguments are accumulated; text and argument
// deltas carry `snapshot` (the whole text so far), as in the official SDK; `finalResponse()` gives the
// response of the terminal event with `output_text`, and `output_parsed` with a zodTextFormat().

import { OpenAIClientError } from './errors.js';
import { type BaseEvents, EventStream } from './event-stream.js';
import { addOutputText, type ParsedResponse, parseResponseOutput } from './resources/responses.js';
import type { Stream } from './stream.js';
import type { Response, ResponseOutputItem, ResponseStreamEvent } from './types/responses.js';

/** A streamed event, with `snapshot` on text and argument deltas. */
export type ResponseStreamItem = ResponseStreamEvent & { snapshot?: string };

export interface ResponseStreamEvents extends BaseEvents {
  /** Every event. */
  event: (event: ResponseStreamItem) => void;
  /** One event type, e.g. `on('response.output_text.delta', (e) => …)`. */
  [type: `response.${string}`]: (event: ResponseStreamItem) => void;
}

type Part = { type: string; text?: string; refusal?: string; [key: string]: unknown };

export class ResponseStream<T = null> extends EventStream<ResponseStreamItem, ResponseStreamEvents> {
  #snapshot: Response | undefined;
  #final: Response | undefined;
  readonly #parser: ((text: string) => Promise<T>) | undefined;
  #result: Promise<ParsedResponse<T>> | undefined;

  constructor(
    open: (signal: AbortSignal) => PromiseLike<Stream<ResponseStreamEvent>>,
    parser?: (text: string) => Promise<T>,
  ) {
    super(open as (signal: AbortSignal) => PromiseLike<Stream<ResponseStreamItem>>);
    this.#parser = parser;
  }

  /** The response as accumulated so far. */
  get currentResponseSnapshot(): Response | undefined {
    return this.#snapshot;
  }

  /** The response of the terminal event (`completed`, `failed` or `incomplete`), with `output_text`. */
  finalResponse(): Promise<ParsedResponse<T>> {
    this.#result ??= this.done().then(async () => {
      const response = this.#final ?? this.#snapshot;
      if (!response) throw new OpenAIClientError('responses.stream: the stream ended without a response');
      addOutputText(response);
      if (this.#parser && response.status === 'completed') return parseResponseOutput(response, this.#parser);
      return Object.assign(response, { output_parsed: null }) as ParsedResponse<T>;
    });
    return this.#result;
  }

  protected _item(event: ResponseStreamItem): void {
    const response = event.response;
    if (response && typeof response === 'object') {
      this.#snapshot = structuredClone(response);
      if (/^response\.(completed|failed|incomplete)$/.test(event.type)) this.#final = response;
    }
    const snapshot = this.#snapshot;
    const output = snapshot?.output;
    const at = event['output_index'];
    const item = typeof at === 'number' ? (output?.[at] as Record<string, unknown> | undefined) : undefined;
    const partAt = event['content_index'];
    const part =
      typeof partAt === 'number' && Array.isArray(item?.['content'])
        ? ((item['content'] as Part[])[partAt] as Part | undefined)
        : undefined;
    switch (event.type) {
      case 'response.output_item.added':
      case 'response.output_item.done':
        if (output && typeof at === 'number')
          output[at] = structuredClone(event['item']) as ResponseOutputItem;
        break;
      case 'response.content_part.added':
      case 'response.content_part.done':
        if (item && typeof partAt === 'number') {
          item['content'] ??= [];
          (item['content'] as Part[])[partAt] = structuredClone(event['part']) as Part;
        }
        break;
      case 'response.output_text.delta':
        if (part) event.snapshot = part.text = (part.text ?? '') + String(event.delta ?? '');
        break;
      case 'response.refusal.delta':
        if (part) event.snapshot = part.refusal = (part.refusal ?? '') + String(event.delta ?? '');
        break;
      case 'response.function_call_arguments.delta':
        if (item)
          event.snapshot = item['arguments'] = String(item['arguments'] ?? '') + String(event.delta ?? '');
        break;
    }
    this._emit('event', event);
    this._emit(event.type as `response.${string}`, event);
  }
}
