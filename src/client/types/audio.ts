export interface SpeechCreateParams {
  model: string;
  input: string;
  voice: string;
  instructions?: string;
  response_format?: 'mp3' | 'opus' | 'aac' | 'flac' | 'wav' | 'pcm';
  speed?: number;
  /** `sse` streams `speech.audio.delta` events (gpt-4o-mini-tts); `audio` streams the bytes. */
  stream_format?: 'sse' | 'audio';
}

export type SpeechStreamEvent =
  | { type: 'speech.audio.delta'; audio: string }
  | {
      type: 'speech.audio.done';
      usage: { input_tokens: number; output_tokens: number; total_tokens: number };
    };

export type AudioResponseFormat = 'json' | 'text' | 'srt' | 'verbose_json' | 'vtt' | 'diarized_json';

export interface TranscriptionCreateParams {
  /** A Blob, bytes, a stream or fileFromPath(path). */
  file: unknown;
  model: string;
  language?: string;
  prompt?: string;
  response_format?: AudioResponseFormat;
  temperature?: number;
  timestamp_granularities?: Array<'word' | 'segment'>;
  include?: Array<'logprobs'>;
  chunking_strategy?: 'auto' | { type: 'server_vad'; [key: string]: unknown } | null;
  stream?: boolean | null;
}

export interface Transcription {
  text: string;
  logprobs?: Array<{ token: string; logprob: number; bytes: number[] }>;
  usage?: { type: string; [key: string]: unknown };
}

export interface TranscriptionVerbose {
  task?: string;
  language: string;
  duration: number;
  text: string;
  words?: Array<{ word: string; start: number; end: number }>;
  segments?: Array<{ id: number; start: number; end: number; text: string; [key: string]: unknown }>;
  usage?: { type: string; [key: string]: unknown };
}

export type TranscriptionStreamEvent =
  | { type: 'transcript.text.delta'; delta: string; logprobs?: unknown[] }
  | { type: 'transcript.text.done'; text: string; logprobs?: unknown[]; usage?: unknown }
  | { type: 'transcript.text.segment'; [key: string]: unknown };

export interface TranslationCreateParams {
  file: unknown;
  model: string;
  prompt?: string;
  response_format?: Exclude<AudioResponseFormat, 'diarized_json'>;
  temperature?: number;
}

export interface Translation {
  text: string;
}

/** What a transcription or translation resolves to for each `response_format`. */
export type TranscriptionFor<F> = F extends 'text' | 'srt' | 'vtt'
  ? string
  : F extends 'verbose_json'
    ? TranscriptionVerbose
    : F extends 'diarized_json'
      ? { text: string; segments: unknown[]; [key: string]: unknown }
      : Transcription;
