// `client.chat.completions.stream(params)`: the chunks, plus the completion they add up to. Content,
// refusal, tool-call arguments and logprobs are accumulated per choice, with events named as in the
// official SDK (`content.delta`, `tool_calls.function.arguments.done`, …), and `finalChatCompletion()`
// gives the whole completion, parsed when `response_format` came from zodResponseFormat().

import { OpenAIClientError } from './errors.js';
import { type BaseEvents, EventStream } from './event-stream.js';
import { type ParsedChatCompletion, parseChatCompletion } from './resources/chat-completions.js';
import type { Stream } from './stream.js';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionMessage,
  ChatCompletionMessageToolCall,
  ChatCompletionTokenLogprob,
  CompletionUsage,
} from './types/chat.js';

export interface ChatCompletionStreamEvents<T> extends BaseEvents {
  chunk: (chunk: ChatCompletionChunk, snapshot: ChatCompletion) => void;
  /** The short form: each content delta with the content so far (first choice's, or any with `n`). */
  content: (delta: string, snapshot: string) => void;
  'content.delta': (event: { delta: string; snapshot: string; index: number }) => void;
  'content.done': (event: { content: string; index: number }) => void;
  'refusal.delta': (event: { delta: string; snapshot: string; index: number }) => void;
  'refusal.done': (event: { refusal: string; index: number }) => void;
  'tool_calls.function.arguments.delta': (event: {
    name: string;
    index: number;
    choice: number;
    arguments: string;
    arguments_delta: string;
  }) => void;
  'tool_calls.function.arguments.done': (event: {
    name: string;
    index: number;
    choice: number;
    arguments: string;
    parsed_arguments: unknown;
  }) => void;
  'logprobs.content.delta': (event: {
    content: ChatCompletionTokenLogprob[];
    snapshot: ChatCompletionTokenLogprob[];
    index: number;
  }) => void;
  'logprobs.content.done': (event: { content: ChatCompletionTokenLogprob[]; index: number }) => void;
  finalChatCompletion: (completion: ParsedChatCompletion<T>) => void;
}

type Choice = ChatCompletion['choices'][number];

export class ChatCompletionStream<T = null> extends EventStream<
  ChatCompletionChunk,
  ChatCompletionStreamEvents<T>
> {
  #snapshot: ChatCompletion | undefined;
  /** Per choice: which parts were seen and which already reported `.done`. */
  readonly #open = new Map<number, { content: boolean; refusal: boolean; logprobs: boolean; tool: number }>();
  readonly #parser: ((text: string) => Promise<T>) | undefined;
  #final: Promise<ParsedChatCompletion<T>> | undefined;

  constructor(
    open: (signal: AbortSignal) => PromiseLike<Stream<ChatCompletionChunk>>,
    parser?: (text: string) => Promise<T>,
  ) {
    super(open);
    this.#parser = parser;
  }

  /** The completion as accumulated so far (undefined before the first chunk). */
  get currentChatCompletionSnapshot(): ChatCompletion | undefined {
    return this.#snapshot;
  }

  /** The whole completion; `message.parsed` is set when `response_format` came from a format helper. */
  finalChatCompletion(): Promise<ParsedChatCompletion<T>> {
    this.#final ??= this.done().then(async () => {
      if (!this.#snapshot) throw new OpenAIClientError('chat stream: the stream ended without any chunk');
      const completion = this.#parser
        ? await parseChatCompletion(this.#snapshot, this.#parser)
        : (this.#snapshot as ParsedChatCompletion<T>);
      for (const choice of completion.choices) (choice.message as { parsed?: unknown }).parsed ??= null;
      this._emit('finalChatCompletion', completion);
      return completion;
    });
    return this.#final;
  }

  async finalMessage(): Promise<ChatCompletionMessage> {
    const completion = await this.finalChatCompletion();
    const message = completion.choices[0]?.message;
    if (!message) throw new OpenAIClientError('chat stream: the completion has no choice');
    return message;
  }

  /** The first choice's text, or null (a tool call, a refusal). */
  async finalContent(): Promise<string | null> {
    return (await this.finalMessage()).content;
  }

  /** The last tool call of the first choice, if any. */
  async finalFunctionToolCall(): Promise<ChatCompletionMessageToolCall['function'] | undefined> {
    return (await this.finalMessage()).tool_calls?.at(-1)?.function;
  }

  /** Usage from the last chunk (sent with `stream_options: { include_usage: true }`). */
  async totalUsage(): Promise<CompletionUsage | undefined> {
    return (await this.finalChatCompletion()).usage;
  }

  protected _item(chunk: ChatCompletionChunk): void {
    this.#snapshot ??= {
      id: chunk.id,
      object: 'chat.completion',
      created: chunk.created,
      model: chunk.model,
      choices: [],
      system_fingerprint: chunk.system_fingerprint ?? null,
    } as ChatCompletion;
    const snapshot = this.#snapshot;
    if (chunk.usage) snapshot.usage = chunk.usage;
    if (chunk.service_tier !== undefined) snapshot.service_tier = chunk.service_tier;
    for (const delta of chunk.choices ?? []) this.#choice(snapshot, delta);
    this._emit('chunk', chunk, snapshot);
  }

  #choice(snapshot: ChatCompletion, delta: ChatCompletionChunk['choices'][number]): void {
    const index = delta.index;
    let choice = snapshot.choices.find((c) => c.index === index);
    if (!choice) {
      choice = {
        index,
        message: { role: 'assistant', content: null, refusal: null },
        finish_reason: null as unknown as Choice['finish_reason'],
        logprobs: null,
      };
      snapshot.choices.push(choice);
      snapshot.choices.sort((a, b) => a.index - b.index);
    }
    const state = this.#state(index);
    const message = choice.message;
    const d = delta.delta ?? {};
    if (typeof d.content === 'string' && d.content !== '') {
      message.content = (message.content ?? '') + d.content;
      state.content = true;
      this._emit('content.delta', { delta: d.content, snapshot: message.content, index });
      if (index === 0) this._emit('content', d.content, message.content);
    }
    if (typeof d.refusal === 'string' && d.refusal !== '') {
      message.refusal = (message.refusal ?? '') + d.refusal;
      state.refusal = true;
      this._emit('refusal.delta', { delta: d.refusal, snapshot: message.refusal, index });
    }
    for (const call of d.tool_calls ?? []) {
      if (call.index !== state.tool && state.tool >= 0) this.#toolDone(message, state.tool, index);
      state.tool = call.index;
      message.tool_calls ??= [];
      const calls = message.tool_calls;
      calls[call.index] ??= {
        id: '',
        type: 'function',
        function: { name: '', arguments: '' },
      };
      const known = calls[call.index] as ChatCompletionMessageToolCall;
      if (call.id) known.id = call.id;
      if (call.function?.name) known.function.name += call.function.name;
      const piece = call.function?.arguments ?? '';
      known.function.arguments += piece;
      this._emit('tool_calls.function.arguments.delta', {
        name: known.function.name,
        index: call.index,
        choice: index,
        arguments: known.function.arguments,
        arguments_delta: piece,
      });
    }
    const logprobs = delta.logprobs as { content?: ChatCompletionTokenLogprob[] | null } | null | undefined;
    if (logprobs?.content?.length) {
      choice.logprobs ??= { content: [], refusal: null };
      choice.logprobs.content ??= [];
      const all = choice.logprobs as { content: ChatCompletionTokenLogprob[] };
      all.content.push(...logprobs.content);
      state.logprobs = true;
      this._emit('logprobs.content.delta', { content: logprobs.content, snapshot: all.content, index });
    }
    if (delta.finish_reason) {
      choice.finish_reason = delta.finish_reason;
      if (state.content) this._emit('content.done', { content: message.content ?? '', index });
      if (state.refusal) this._emit('refusal.done', { refusal: message.refusal ?? '', index });
      if (state.tool >= 0) this.#toolDone(message, state.tool, index);
      if (state.logprobs) {
        const all = (choice.logprobs as { content: ChatCompletionTokenLogprob[] }).content;
        this._emit('logprobs.content.done', { content: all, index });
      }
      state.tool = -1;
    }
  }

  #toolDone(message: ChatCompletionMessage, toolIndex: number, choice: number): void {
    const call = message.tool_calls?.[toolIndex];
    if (!call) return;
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(call.function.arguments);
    } catch {}
    this._emit('tool_calls.function.arguments.done', {
      name: call.function.name,
      index: toolIndex,
      choice,
      arguments: call.function.arguments,
      parsed_arguments: parsed,
    });
  }

  #state(index: number) {
    const state = this.#open.get(index) ?? { content: false, refusal: false, logprobs: false, tool: -1 };
    this.#open.set(index, state);
    return state;
  }
}
