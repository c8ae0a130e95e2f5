import type { APIPromise } from '../api-promise.js';
import type { OpenAIClient } from '../client.js';
import type { RequestOptions } from '../options.js';
import type { Stream, StreamCompletion } from '../stream.js';
import type {
  AudioResponseFormat,
  SpeechCreateParams,
  SpeechStreamEvent,
  TranscriptionCreateParams,
  TranscriptionFor,
  TranscriptionStreamEvent,
  TranslationCreateParams,
} from '../types/audio.js';
import { multipartBody } from '../uploads.js';

const TEXT_FORMATS = new Set(['text', 'srt', 'vtt']);

export class Audio {
  readonly speech: Speech;
  readonly transcriptions: Transcriptions;
  readonly translations: Translations;

  constructor(client: OpenAIClient) {
    this.speech = new Speech(client);
    this.transcriptions = new Transcriptions(client);
    this.translations = new Translations(client);
  }
}

export class Speech {
  constructor(private readonly client: OpenAIClient) {}

  /**
   * The audio as a fetch Response: `await (await create(…)).arrayBuffer()` for bytes, or read `.body` to
   * play it as it arrives (the client's `idleTimeout` guards the body).
   */
  create(body: SpeechCreateParams, options?: RequestOptions): APIPromise<Response> {
    const headers = { accept: 'application/octet-stream', ...options?.headers };
    return this.client._raw({
      method: 'post',
      path: '/audio/speech',
      body,
      options: { ...options, headers },
    });
  }

  /** `stream_format: 'sse'`: `speech.audio.delta` events of base64 audio, then `speech.audio.done`. */
  stream(
    body: Omit<SpeechCreateParams, 'stream_format'>,
    options?: RequestOptions,
  ): APIPromise<Stream<SpeechStreamEvent>> {
    return this.client._stream(
      { method: 'post', path: '/audio/speech', body: { ...body, stream_format: 'sse' }, options },
      { kind: 'terminal-event', types: ['speech.audio.done'] },
    );
  }
}

const TRANSCRIPT_DONE: StreamCompletion = { kind: 'terminal-event', types: ['transcript.text.done'] };

/** Multipart audio calls: text formats resolve to a string, JSON formats to their object. */
function audioCall<R>(
  client: OpenAIClient,
  path: string,
  body: { file: unknown; response_format?: AudioResponseFormat; stream?: boolean | null },
  options: RequestOptions | undefined,
): APIPromise<R> {
  const call = { method: 'post', path, body: multipartBody({ ...body }, ['file']), options } as const;
  if (body.stream) return client._stream(call, TRANSCRIPT_DONE) as APIPromise<R>;
  if (TEXT_FORMATS.has(body.response_format ?? 'json')) {
    const headers = { accept: 'text/plain', ...options?.headers };
    return client
      ._raw({ ...call, options: { ...options, headers } })
      ._thenUnwrap((response) => response.text()) as APIPromise<R>;
  }
  return client._json<R>(call);
}

export class Transcriptions {
  constructor(private readonly client: OpenAIClient) {}

  /** `file` may be a Blob, bytes, a stream or fileFromPath(path); `stream: true` gives transcript events. */
  create<P extends TranscriptionCreateParams & { stream?: false | null }>(
    body: P,
    options?: RequestOptions,
  ): APIPromise<TranscriptionFor<P['response_format']>>;
  create(
    body: TranscriptionCreateParams & { stream: true },
    options?: RequestOptions,
  ): APIPromise<Stream<TranscriptionStreamEvent>>;
  create(body: TranscriptionCreateParams, options?: RequestOptions): APIPromise<unknown> {
    return audioCall(this.client, '/audio/transcriptions', body, options);
  }
}

export class Translations {
  constructor(private readonly client: OpenAIClient) {}

  /** Translates speech into English text. */
  create<P extends TranslationCreateParams>(
    body: P,
    options?: RequestOptions,
  ): APIPromise<TranscriptionFor<P['response_format']>> {
    return audioCall(this.client, '/audio/translations', body, options);
  }
}
