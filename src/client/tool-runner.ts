// The tool-running loop: ask the model, call the function tools it asks for, send their results back,
// repeat until it answers without a tool call or the step limit is reached. One loop for chat
// (`chat.completions.runTools`, the official SDK's shape: `{ type: 'function', function: { name,
// parameters, function, parse? } }`) and one for Responses (`responses.runTools`, tools as
// `{ type: 'function', name, parameters, function }`). Tool functions get the parsed arguments; what they
// return is sent as is when a string, else as JSON. An unknown tool name or arguments that do not parse are
// reported back to the model (it can correct itself); an exception thrown by a tool function ends the run.

import type { RequestOptions } from './options.js';
import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
  CompletionUsage,
} from './types/chat.js';
import type {
  Response,
  ResponseCreateParamsNonStreaming,
  ResponseFunctionToolCall,
  ResponseInputItem,
} from './types/responses.js';
import type { FunctionDefinition } from './types/shared.js';

type PromiseOrValue<T> = T | Promise<T>;

export interface RunnableFunction<Args = unknown> extends FunctionDefinition {
  /** Called with the parsed arguments; its result is sent back (strings as is, anything else as JSON). */
  function: (args: Args, context: { step: number }) => PromiseOrValue<unknown>;
  /** Turns the raw argument text into `Args`. @default JSON.parse */
  parse?: (input: string) => PromiseOrValue<Args>;
}

export interface RunnableChatTool<Args = unknown> {
  type: 'function';
  function: RunnableFunction<Args>;
}

export type RunnableResponseTool<Args = unknown> = { type: 'function' } & RunnableFunction<Args>;

export interface RunnerOptions extends RequestOptions {
  /**
   * Model requests before the loop stops, even if the model still asks for tools (the official SDK's
   * `maxChatCompletions`; `maxSteps` is the same limit).
   * @default 10
   */
  maxChatCompletions?: number;
  maxSteps?: number;
}

export type ChatRunToolsParams = Omit<ChatCompletionCreateParamsNonStreaming, 'tools'> & {
  tools: Array<RunnableChatTool<any>>;
};

export type ResponseRunToolsParams = Omit<ResponseCreateParamsNonStreaming, 'tools'> & {
  tools: Array<RunnableResponseTool<any>>;
};

/** What a tool call produced, as sent back to the model. */
export interface ToolCallResult {
  name: string;
  callId: string;
  arguments: string;
  output: string;
}

const DEFAULT_MAX_STEPS = 10;

/** Calls one tool and says what to send back. */
async function callTool(
  tools: ReadonlyMap<string, RunnableFunction>,
  name: string,
  rawArguments: string,
  step: number,
): Promise<string> {
  const tool = tools.get(name);
  if (!tool) {
    return `Invalid tool_call: ${JSON.stringify(name)}. Available options are: ${[...tools.keys()].map((n) => JSON.stringify(n)).join(', ')}. Please try again`;
  }
  let args: unknown;
  try {
    args = await (tool.parse ?? JSON.parse)(rawArguments);
  } catch (error) {
    return `Invalid arguments for ${name}: ${(error as Error).message}`;
  }
  const result = await tool.function(args, { step });
  return typeof result === 'string' ? result : JSON.stringify(result ?? null);
}

abstract class ToolRunner<Final> {
  /** Every tool call made, in order. */
  readonly toolCalls: ToolCallResult[] = [];
  /** Model requests made. */
  steps = 0;
  /** True when the loop stopped at the step limit while the model still asked for tools. */
  stoppedAtLimit = false;
  readonly #done: Promise<Final>;

  constructor(maxSteps: number) {
    this.#done = Promise.resolve().then(() => this.run(maxSteps));
    this.#done.catch(() => {});
  }

  protected abstract run(maxSteps: number): Promise<Final>;

  /** Resolves when the loop has finished. */
  async done(): Promise<void> {
    await this.#done;
  }

  protected final(): Promise<Final> {
    return this.#done;
  }
}

export class ChatToolRunner extends ToolRunner<ChatCompletion> {
  /** The conversation: the request's messages, then each assistant turn and tool result. */
  readonly messages: ChatCompletionMessageParam[];
  readonly completions: ChatCompletion[] = [];

  constructor(
    private readonly create: (
      body: ChatCompletionCreateParamsNonStreaming,
      options?: RequestOptions,
    ) => PromiseLike<ChatCompletion>,
    private readonly params: ChatRunToolsParams,
    private readonly options: RunnerOptions = {},
  ) {
    super(options.maxSteps ?? options.maxChatCompletions ?? DEFAULT_MAX_STEPS);
    this.messages = [...params.messages];
  }

  protected async run(maxSteps: number): Promise<ChatCompletion> {
    const tools = new Map(
      this.params.tools.map((tool) => [tool.function.name, tool.function as RunnableFunction]),
    );
    const wireTools = this.params.tools.map(
      ({ function: { function: _fn, parse: _parse, ...definition } }) => ({
        type: 'function' as const,
        function: definition,
      }),
    );
    const { maxChatCompletions: _m, maxSteps: _s, ...requestOptions } = this.options;
    for (;;) {
      this.steps++;
      const completion = await this.create(
        { ...this.params, messages: this.messages, tools: wireTools },
        requestOptions,
      );
      this.completions.push(completion);
      const message = completion.choices[0]?.message;
      if (!message) return completion;
      this.messages.push({
        role: 'assistant',
        content: message.content,
        ...(message.refusal ? { refusal: message.refusal } : {}),
        ...(message.tool_calls?.length ? { tool_calls: message.tool_calls } : {}),
      });
      const calls = message.tool_calls ?? [];
      if (calls.length === 0) return completion;
      if (this.steps >= maxSteps) {
        this.stoppedAtLimit = true;
        return completion;
      }
      for (const call of calls) {
        const output = await callTool(tools, call.function.name, call.function.arguments, this.steps);
        this.toolCalls.push({
          name: call.function.name,
          callId: call.id,
          arguments: call.function.arguments,
          output,
        });
        this.messages.push({ role: 'tool', tool_call_id: call.id, content: output });
      }
    }
  }

  finalChatCompletion(): Promise<ChatCompletion> {
    return this.final();
  }

  /** The last assistant text, null when the loop ended on a tool call. */
  async finalContent(): Promise<string | null> {
    return (await this.final()).choices[0]?.message.content ?? null;
  }

  async totalUsage(): Promise<CompletionUsage> {
    await this.done();
    const total: CompletionUsage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
    for (const { usage } of this.completions) {
      total.prompt_tokens += usage?.prompt_tokens ?? 0;
      total.completion_tokens += usage?.completion_tokens ?? 0;
      total.total_tokens += usage?.total_tokens ?? 0;
    }
    return total;
  }
}

export class ResponseToolRunner extends ToolRunner<Response> {
  /** The input sent on the last step: the request's input, each turn's output items and tool results. */
  readonly input: ResponseInputItem[];
  readonly responses: Response[] = [];

  constructor(
    private readonly create: (
      body: ResponseCreateParamsNonStreaming,
      options?: RequestOptions,
    ) => PromiseLike<Response>,
    private readonly params: ResponseRunToolsParams,
    private readonly options: RunnerOptions = {},
  ) {
    super(options.maxSteps ?? options.maxChatCompletions ?? DEFAULT_MAX_STEPS);
    const input = params.input ?? [];
    this.input = typeof input === 'string' ? [{ role: 'user', content: input }] : [...input];
  }

  protected async run(maxSteps: number): Promise<Response> {
    const tools = new Map(this.params.tools.map((tool) => [tool.name, tool as RunnableFunction]));
    const wireTools = this.params.tools.map(({ function: _fn, parse: _parse, ...definition }) => definition);
    const { maxChatCompletions: _m, maxSteps: _s, ...requestOptions } = this.options;
    for (;;) {
      this.steps++;
      // The whole history goes as input each time, so the loop works with `store: false` too.
      const response = await this.create(
        { ...this.params, input: this.input, tools: wireTools },
        requestOptions,
      );
      this.responses.push(response);
      const calls = response.output.filter(
        (item): item is ResponseFunctionToolCall => item.type === 'function_call',
      );
      for (const item of response.output) this.input.push(item as ResponseInputItem);
      if (calls.length === 0) return response;
      if (this.steps >= maxSteps) {
        this.stoppedAtLimit = true;
        return response;
      }
      for (const call of calls) {
        const output = await callTool(tools, call.name, call.arguments, this.steps);
        this.toolCalls.push({ name: call.name, callId: call.call_id, arguments: call.arguments, output });
        this.input.push({ type: 'function_call_output', call_id: call.call_id, output });
      }
    }
  }

  finalResponse(): Promise<Response> {
    return this.final();
  }

  /** The last response's text ('' when the loop ended on a tool call). */
  async finalOutputText(): Promise<string> {
    return (await this.final()).output_text;
  }
}
