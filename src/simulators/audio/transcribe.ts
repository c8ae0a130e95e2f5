/**
 * `POST /audio/transcriptions` and `/audio/translations` (multipart, a `file`): the text is the one a file
 * from `/audio/speech` carries, else prose seeded by the file's bytes (same file, same text), about three
 * tokens per second of audio. Its length comes from the container (WAV, MP3, AAC, FLAC, Ogg Opus) or, for
 * anything else, from its size. Answered as `json`, `text`, `srt`, `vtt`, `verbose_json` (segments and,
 * with `timestamp_granularities[]=word`, words) or `diarized_json`; gpt-4o transcription models report
 * token usage, `include[]=logprobs`, and stream `transcript.text.delta` / `transcript.text.done`.
 */
import { createHash } from 'node:crypto';
import { isMultipart } from '../../engine/body.js';
import type { RequestContext } from '../../engine/context.js';
import { OpenAIHttpError } from '../../engine/errors.js';
import { json, type OperationHandler, sse } from '../../engine/handler.js';
import type { MockResponse, MultipartBody, MultipartFile, SseEvent } from '../../engine/types.js';
import {
  countTokens,
  createRandom,
  encodeTokens,
  generateReply,
  type Random,
  tokenPieces,
} from '../../fixtures/index.js';
import { chatErrors } from '../chat/errors.js';
import { tokenLogprobs } from '../chat/logprobs.js';
import { readAudioFacts } from './encode.js';

type Task = 'transcribe' | 'translate';

const SUPPORTED_FILES = ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm'];
const WHISPER_FORMATS = ['json', 'text', 'srt', 'verbose_json', 'vtt'];
const TOKEN_FORMATS = ['json', 'text'];
const DIARIZE_FORMATS = ['json', 'text', 'diarized_json'];
const TRANSCRIPTION_MODELS = ['whisper-1', 'gpt-4o-transcribe', 'gpt-4o-mini-transcribe'];
/** Bytes per second assumed for a file whose container we do not read (128 kbit/s). */
const FALLBACK_BYTES_PER_SECOND = 16_000;
const TOKENS_PER_SECOND = 3;
/** Audio input tokens per second for the gpt-4o transcription models. */
const AUDIO_TOKENS_PER_SECOND = 10;
const LANGUAGES: Record<string, string> = {
  en: 'english',
  es: 'spanish',
  fr: 'french',
  de: 'german',
  it: 'italian',
  pt: 'portuguese',
  nl: 'dutch',
  pl: 'polish',
  sv: 'swedish',
  tr: 'turkish',
  ru: 'russian',
  uk: 'ukrainian',
  ja: 'japanese',
  zh: 'chinese',
  ko: 'korean',
  ar: 'arabic',
  hi: 'hindi',
};

interface Transcript {
  text: string;
  seconds: number;
  segments: { start: number; end: number; text: string }[];
}

function handleAudio(task: Task) {
  return (ctx: RequestContext): MockResponse => {
    const body = ctx.body;
    if (!isMultipart(body)) throw chatErrors.missing('file');
    const field = (name: string) => first(body.fields[name]);
    const model = field('model');
    if (!model) throw chatErrors.missing('model');
    const info = ctx.engine.models.find(model);
    const whisper = /^whisper/.test(model);
    if ((info && info.kind !== 'transcription') || (task === 'translate' && !whisper))
      throw chatErrors.invalidValue(
        'model',
        model,
        task === 'translate' ? ['whisper-1'] : TRANSCRIPTION_MODELS,
      );
    const file = body.files['file']?.[0];
    if (!file) throw chatErrors.missing('file');
    checkFileType(file);

    const diarize = /diarize/.test(model);
    const format = field('response_format') ?? 'json';
    const formats = whisper ? WHISPER_FORMATS : diarize ? DIARIZE_FORMATS : TOKEN_FORMATS;
    if (!formats.includes(format)) {
      if (WHISPER_FORMATS.includes(format) || DIARIZE_FORMATS.includes(format))
        throw new OpenAIHttpError(
          400,
          `response_format '${format}' is not compatible with model '${model}'. Use ${formats.map((f) => `'${f}'`).join(' or ')} instead.`,
          { param: 'response_format', code: 'unsupported_value' },
        );
      throw chatErrors.invalidValue('response_format', format, formats);
    }
    const granularities = list(body, 'timestamp_granularities');
    if (granularities.length && format !== 'verbose_json')
      throw new OpenAIHttpError(
        400,
        "Invalid parameter: 'timestamp_granularities' is only supported when 'response_format' is 'verbose_json'.",
        { param: 'timestamp_granularities', code: 'invalid_value' },
      );
    const include = list(body, 'include');
    if (include.includes('logprobs') && (whisper || format !== 'json'))
      throw new OpenAIHttpError(
        400,
        "Invalid parameter: 'include[]=logprobs' is only supported for gpt-4o transcription models with 'response_format' 'json'.",
        { param: 'include', code: 'invalid_value' },
      );
    const language = field('language');
    if (language !== undefined && !/^[a-z]{2,3}$/i.test(language))
      throw new OpenAIHttpError(
        400,
        `Invalid language '${language}'. Language parameter must be specified in ISO-639-1 format.`,
        { param: 'language', code: 'invalid_value' },
      );

    const transcript = transcribe(file, ctx.engine.options.seed);
    const stream = !whisper && task === 'transcribe' && field('stream') === 'true';
    const random = ctx.random.fork('logprobs');
    const withLogprobs = include.includes('logprobs');
    const prompt = field('prompt') ?? '';
    const usage = whisper
      ? { type: 'duration', seconds: Math.ceil(transcript.seconds) }
      : tokenUsage(transcript, prompt, model);
    if (stream) return sse(transcriptEvents(transcript.text, model, withLogprobs, usage, random));

    if (format === 'text') return text(`${transcript.text}\n`);
    if (format === 'srt') return text(subtitles(transcript, 'srt'));
    if (format === 'vtt') return text(subtitles(transcript, 'vtt'));
    if (format === 'verbose_json') {
      const words = granularities.includes('word');
      const segments = granularities.length === 0 || granularities.includes('segment');
      return json({
        task,
        language: task === 'translate' ? 'english' : (LANGUAGES[language?.toLowerCase() ?? 'en'] ?? language),
        duration: transcript.seconds,
        text: transcript.text,
        ...(words && { words: wordTimings(transcript) }),
        ...(segments && { segments: verboseSegments(transcript, model, ctx.random.fork('segments')) }),
        ...(task === 'transcribe' && { usage }),
      });
    }
    if (format === 'diarized_json')
      return json({
        task: 'transcribe',
        duration: transcript.seconds,
        text: transcript.text,
        segments: transcript.segments.map((s, i) => ({
          type: 'transcript.text.segment',
          id: `seg_${String(i + 1).padStart(3, '0')}`,
          start: s.start,
          end: s.end,
          text: s.text,
          speaker: i % 2 === 0 ? 'A' : 'B',
        })),
        usage,
      });
    if (task === 'translate') return json({ text: transcript.text });
    return json({
      text: transcript.text,
      ...(withLogprobs && { logprobs: logprobsOf(transcript.text, model, random) }),
      usage,
    });
  };
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** A form list, as the SDKs send it (`name[]=a&name[]=b`) or plain repeated `name`. */
function list(body: MultipartBody, name: string): string[] {
  const values = [body.fields[`${name}[]`], body.fields[name]].flatMap((v) =>
    v === undefined ? [] : Array.isArray(v) ? v : [v],
  );
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

function checkFileType(file: MultipartFile) {
  const ext = /\.([a-z0-9]+)$/i.exec(file.filename)?.[1]?.toLowerCase();
  if (ext !== undefined && !SUPPORTED_FILES.includes(ext))
    throw new OpenAIHttpError(
      400,
      `Invalid file format. Supported formats: [${SUPPORTED_FILES.map((f) => `'${f}'`).join(', ')}]`,
      { param: 'file', code: 'invalid_value' },
    );
  if (file.data.byteLength === 0)
    throw new OpenAIHttpError(400, 'Audio file is too short. Minimum audio length is 0.1 seconds.', {
      param: 'file',
      code: 'audio_too_short',
    });
}

function transcribe(file: MultipartFile, seed: number): Transcript {
  const facts = readAudioFacts(file.data);
  if (facts.seconds !== undefined && facts.seconds < 0.1)
    throw new OpenAIHttpError(400, 'Audio file is too short. Minimum audio length is 0.1 seconds.', {
      param: 'file',
      code: 'audio_too_short',
    });
  const seconds = round(facts.seconds ?? Math.max(1, file.data.byteLength / FALLBACK_BYTES_PER_SECOND));
  const digest = createHash('sha256').update(file.data).digest('hex');
  const text =
    facts.text ??
    generateReply({
      prompt: '',
      random: createRandom(`${seed}:audio:${digest}`),
      targetTokens: Math.max(3, Math.round(seconds * TOKENS_PER_SECOND)),
    });
  return { text, seconds, segments: splitSegments(text, seconds) };
}

/** Sentences, timed in proportion to their length over the audio. */
function splitSegments(text: string, seconds: number): Transcript['segments'] {
  const sentences =
    text
      .match(/[^.!?]+[.!?]*\s*/g)
      ?.map((s) => s.trim())
      .filter(Boolean) ?? [];
  if (sentences.length === 0) return [{ start: 0, end: seconds, text }];
  const total = sentences.reduce((sum, s) => sum + s.length, 0);
  let at = 0;
  return sentences.map((sentence) => {
    const start = at;
    at += (seconds * sentence.length) / total;
    return { start: round(start), end: round(at), text: sentence };
  });
}

function verboseSegments(t: Transcript, model: string, random: Random) {
  return t.segments.map((s, id) => ({
    id,
    seek: Math.floor(s.start * 100),
    start: s.start,
    end: s.end,
    text: ` ${s.text}`,
    tokens: encodeTokens(` ${s.text}`, model),
    temperature: 0,
    avg_logprob: round(-0.15 - random.next() * 0.3),
    compression_ratio: round(1.2 + random.next() * 0.5),
    no_speech_prob: Number((random.next() * 1e-3).toPrecision(4)),
  }));
}

function wordTimings(t: Transcript) {
  return t.segments.flatMap((s) => {
    const words = s.text.match(/[\p{L}\p{N}'’-]+/gu) ?? [];
    const step = words.length ? (s.end - s.start) / words.length : 0;
    return words.map((word, i) => ({
      word,
      start: round(s.start + i * step),
      end: round(s.start + (i + 1) * step),
    }));
  });
}

function subtitles(t: Transcript, kind: 'srt' | 'vtt'): string {
  const stamp = (s: number) => {
    const ms = Math.round(s * 1000);
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    const hms = `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}`;
    return `${hms}${kind === 'srt' ? ',' : '.'}${pad(ms % 1000, 3)}`;
  };
  const cues = t.segments.map((s, i) => {
    const timing = `${stamp(s.start)} --> ${stamp(s.end)}\n${s.text}\n`;
    return kind === 'srt' ? `${i + 1}\n${timing}` : timing;
  });
  return kind === 'srt' ? `${cues.join('\n')}\n` : `WEBVTT\n\n${cues.join('\n')}\n`;
}

function tokenUsage(t: Transcript, prompt: string, model: string) {
  const audioTokens = Math.ceil(t.seconds * AUDIO_TOKENS_PER_SECOND);
  const textTokens = prompt ? countTokens(prompt, model) : 0;
  const outputTokens = countTokens(t.text, model);
  return {
    type: 'tokens',
    input_tokens: audioTokens + textTokens,
    input_token_details: { text_tokens: textTokens, audio_tokens: audioTokens },
    output_tokens: outputTokens,
    total_tokens: audioTokens + textTokens + outputTokens,
  };
}

function logprobsOf(text: string, model: string, random: Random) {
  return tokenLogprobs(tokenPieces(text, model), 0, random).map(({ token, logprob, bytes }) => ({
    token,
    logprob,
    bytes,
  }));
}

async function* transcriptEvents(
  text: string,
  model: string,
  withLogprobs: boolean,
  usage: unknown,
  random: Random,
): AsyncGenerator<SseEvent> {
  const logprobs = withLogprobs ? logprobsOf(text, model, random) : [];
  for (const [i, delta] of tokenPieces(text, model).entries())
    yield {
      data: { type: 'transcript.text.delta', delta, ...(withLogprobs && { logprobs: [logprobs[i]] }) },
    };
  yield { data: { type: 'transcript.text.done', text, ...(withLogprobs && { logprobs }), usage } };
}

const text = (value: string): MockResponse => ({
  status: 200,
  headers: {},
  body: { kind: 'text', value, contentType: 'text/plain; charset=utf-8' },
});

const round = (x: number) => Math.round(x * 1000) / 1000;

export const transcriptionHandlers: OperationHandler[] = [
  {
    operationId: 'createTranscription',
    method: 'POST',
    path: '/audio/transcriptions',
    streaming: true,
    handle: handleAudio('transcribe'),
  },
  {
    operationId: 'createTranslation',
    method: 'POST',
    path: '/audio/translations',
    handle: handleAudio('translate'),
  },
];
