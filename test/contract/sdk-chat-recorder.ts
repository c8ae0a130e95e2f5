import { createParser } from 'eventsource-parser';
import OpenAI from 'openai';
import { expect } from 'vitest';
import { checkChatStream } from '../../src/contract/streams/chat-stream.js';

/**
 * An official SDK client whose fetch keeps a copy of every event stream it receives, so a test can run the
 * chat stream grammar checker over exactly the bytes the SDK parsed (including the closing `[DONE]`).
 */
export function recordingClient(baseURL: string, headers: Record<string, string> = {}) {
  const streams: Promise<string[]>[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (!response.headers.get('content-type')?.includes('text/event-stream') || !response.body)
      return response;
    const [mine, theirs] = response.body.tee();
    streams.push(collect(mine));
    return new Response(theirs, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
  const client = new OpenAI({
    apiKey: 'sk-test-key',
    baseURL,
    maxRetries: 0,
    fetch: recordingFetch,
    defaultHeaders: headers,
  });
  return {
    client,
    /** Data of every event of every stream so far, in order. */
    streams: () => Promise.all(streams),
    /** Asserts that every recorded stream follows the chat stream grammar, and returns them. */
    async expectValidStreams(count?: number) {
      const all = await Promise.all(streams);
      if (count !== undefined) expect(all).toHaveLength(count);
      for (const events of all) expect(checkChatStream(events)).toEqual([]);
      return all;
    },
  };
}

async function collect(body: ReadableStream<Uint8Array>): Promise<string[]> {
  const events: string[] = [];
  const parser = createParser({ onEvent: (event) => events.push(event.data) });
  const decoder = new TextDecoder();
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>)
    parser.feed(decoder.decode(chunk, { stream: true }));
  return events;
}
