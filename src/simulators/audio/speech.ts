/**
 * `POST /audio/speech`: silence as long as the text would take to say (about 15 characters a second,
 * divided by `speed`), in the requested `response_format` (mp3 by default; see encode.ts), or with
 * `stream_format: "sse"` (gpt-4o-mini-tts) as `speech.audio.delta` events of base64 audio and a closing
 * `speech.audio.done` with the usage.
 */

import type { RequestContext } from '../../engine/context.js';
import { OpenAIHttpError } from '../../engine/errors.js';
import { bytes, type OperationHandler, sse } from '../../engine/handler.js';
import type { MockResponse, SseEvent } from '../../engine/types.js';
import { countTokens } from '../../fixtures/index.js';
import { chatErrors } from '../chat/errors.js';
import { CONTENT_TYPES, encodeSilence, type SpeechFormat } from './encode.js';

const FORMATS = Object.keys(CONTENT_TYPES) as SpeechFormat[];
const VOICES = [
  'alloy',
  'ash',
  'ballad',
  'coral',
  'echo',
  'fable',
  'onyx',
  'nova',
  'sage',
  'shimmer',
  'verse',
  'marin',
  'cedar',
];
const TTS_MODELS = ['tts-1', 'tts-1-hd', 'gpt-4o-mini-tts'];
const MAX_INPUT = 4096;
const CHARS_PER_SECOND = 15;
/** Audio output tokens per second of speech (gpt-4o-mini-tts bills audio by tokens). */
const AUDIO_TOKENS_PER_SECOND = 20;
const SSE_CHUNK_BYTES = 12_000;

/** How long the text takes to say at `speed`, in seconds (half a second at least). */
export function speechSeconds(text: string, speed = 1): number {
  return Math.round((Math.max(0.5, text.length / CHARS_PER_SECOND) / speed) * 1000) / 1000;
}

function createSpeech(ctx: RequestContext): MockResponse {
  const b = (ctx.body && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? ctx.body : {}) as Record<
    string,
    unknown
  >;
  if (typeof b['model'] !== 'string' || !b['model']) throw chatErrors.missingModel();
  const model = b['model'];
  const info = ctx.engine.models.find(model);
  if (info && info.kind !== 'tts') throw chatErrors.invalidValue('model', model, TTS_MODELS);
  const input = b['input'];
  if (input === undefined) throw chatErrors.missing('input');
  if (typeof input !== 'string') throw chatErrors.invalidType('input', 'a string', input);
  if (input.length === 0)
    throw new OpenAIHttpError(
      400,
      "Invalid 'input': string too short. Expected a string with minimum length 1, but got an empty string instead.",
      { param: 'input', code: 'string_below_min_length' },
    );
  if (input.length > MAX_INPUT)
    throw new OpenAIHttpError(
      400,
      `Invalid 'input': string too long. Expected a string with maximum length ${MAX_INPUT}, but got a string with length ${input.length} instead.`,
      { param: 'input', code: 'string_above_max_length' },
    );
  const voice = b['voice'];
  if (voice === undefined) throw chatErrors.missing('voice');
  const customVoice =
    voice && typeof voice === 'object' && typeof (voice as { id?: unknown }).id === 'string';
  if (!customVoice && (typeof voice !== 'string' || !VOICES.includes(voice)))
    throw chatErrors.invalidValue('voice', typeof voice === 'string' ? voice : JSON.stringify(voice), VOICES);
  const format = (b['response_format'] ?? 'mp3') as SpeechFormat;
  if (!FORMATS.includes(format)) throw chatErrors.invalidValue('response_format', format, FORMATS);
  const speed = b['speed'] ?? 1;
  if (typeof speed !== 'number') throw chatErrors.invalidType('speed', 'a number', speed);
  if (speed < 0.25 || speed > 4) throw chatErrors.outOfRange('speed', speed, 0.25, 4, false);
  const streamFormat = b['stream_format'] ?? 'audio';
  if (streamFormat !== 'audio' && streamFormat !== 'sse')
    throw chatErrors.invalidValue('stream_format', streamFormat, ['sse', 'audio']);
  if (streamFormat === 'sse' && /^tts-1/.test(model))
    throw new OpenAIHttpError(
      400,
      `Unsupported value: 'stream_format' does not support 'sse' with model '${model}'. Supported values are: 'audio'.`,
      { param: 'stream_format', code: 'unsupported_value' },
    );

  const seconds = speechSeconds(input, speed);
  const audio = encodeSilence(format, seconds, input);
  if (streamFormat === 'audio') return bytes(audio, CONTENT_TYPES[format]);
  const instructions = typeof b['instructions'] === 'string' ? b['instructions'] : '';
  const inputTokens = countTokens(input, model) + countTokens(instructions, model);
  const outputTokens = Math.ceil(seconds * AUDIO_TOKENS_PER_SECOND);
  return sse(
    speechEvents(audio, {
      input_tokens: inputTokens,
      output_tokens: outputTokens,
      total_tokens: inputTokens + outputTokens,
    }),
  );
}

async function* speechEvents(audio: Buffer, usage: Record<string, number>): AsyncGenerator<SseEvent> {
  for (let at = 0; at < audio.length; at += SSE_CHUNK_BYTES) {
    const chunk = audio.subarray(at, at + SSE_CHUNK_BYTES);
    yield { data: { type: 'speech.audio.delta', audio: chunk.toString('base64') } };
  }
  yield { data: { type: 'speech.audio.done', usage } };
}

export const speechHandler: OperationHandler = {
  operationId: 'createSpeech',
  method: 'POST',
  path: '/audio/speech',
  streaming: true,
  handle: createSpeech,
};
