import OpenAI, { toFile } from 'openai';
import { describe, expect, it } from 'vitest';
import { countTokens } from '../../src/fixtures/index.js';
import { useMockServer } from '../helpers/server.js';

const server = await useMockServer();
const client = server.client;

const TEXT = 'The quick brown fox jumps over the lazy dog. It was a bright morning in Lisbon!';

async function speech(body: Partial<OpenAI.Audio.SpeechCreateParams>) {
  const res = await client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: TEXT, ...body });
  return { type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

/** The RIFF/WAVE header fields a player reads, and the `data` chunk's length. */
function readWav(b: Buffer) {
  expect(b.toString('ascii', 0, 4)).toBe('RIFF');
  expect(b.readUInt32LE(4)).toBe(b.length - 8);
  expect(b.toString('ascii', 8, 12)).toBe('WAVE');
  const chunks = new Map<string, Buffer>();
  for (let at = 12; at + 8 <= b.length; ) {
    const size = b.readUInt32LE(at + 4);
    chunks.set(b.toString('ascii', at, at + 4), b.subarray(at + 8, at + 8 + size));
    at += 8 + size + (size % 2);
  }
  const fmt = chunks.get('fmt ')!;
  const data = chunks.get('data')!;
  return {
    format: fmt.readUInt16LE(0),
    channels: fmt.readUInt16LE(2),
    sampleRate: fmt.readUInt32LE(4),
    byteRate: fmt.readUInt32LE(8),
    bitsPerSample: fmt.readUInt16LE(14),
    data,
  };
}

describe('text to speech with the official SDK', () => {
  it('answers a valid PCM WAV file of silence, as long as the text takes to say', async () => {
    const { type, bytes } = await speech({ response_format: 'wav' });
    expect(type).toBe('audio/wav');
    const wav = readWav(bytes);
    expect(wav).toMatchObject({
      format: 1,
      channels: 1,
      sampleRate: 24000,
      byteRate: 48000,
      bitsPerSample: 16,
    });
    expect(wav.data.every((x) => x === 0)).toBe(true);
    const seconds = wav.data.length / wav.byteRate;
    expect(seconds).toBeCloseTo(TEXT.length / 15, 2);
    const fast = readWav((await speech({ response_format: 'wav', speed: 2 })).bytes);
    expect(fast.data.length / fast.byteRate).toBeCloseTo(seconds / 2, 2);
  });

  it('answers MP3 frames by default, and plausible headers for the other formats', async () => {
    const mp3 = await speech({});
    expect(mp3.type).toBe('audio/mpeg');
    const id3 = mp3.bytes.toString('ascii', 0, 3) === 'ID3';
    const size = id3
      ? 10 + ((mp3.bytes[6]! << 21) | (mp3.bytes[7]! << 14) | (mp3.bytes[8]! << 7) | mp3.bytes[9]!)
      : 0;
    // MPEG-2 Layer III, 64 kbit/s, 24 kHz, mono: 192-byte frames back to back.
    for (let at = size; at < mp3.bytes.length; at += 192)
      expect([...mp3.bytes.subarray(at, at + 4)]).toEqual([0xff, 0xf3, 0x84, 0xc4]);
    const heads = {
      opus: ['audio/opus', 'OggS'],
      flac: ['audio/flac', 'fLaC'],
    } as const;
    for (const [format, [type, magic]] of Object.entries(heads)) {
      const out = await speech({ response_format: format as 'opus' });
      expect(out.type).toBe(type);
      expect(out.bytes.toString('ascii', 0, 4)).toBe(magic);
    }
    const aac = await speech({ response_format: 'aac' });
    expect([aac.bytes[0], aac.bytes[1]]).toEqual([0xff, 0xf1]); // ADTS sync, MPEG-4, no CRC
    const pcm = await speech({ response_format: 'pcm' });
    expect(pcm.bytes.length).toBe(readWav((await speech({ response_format: 'wav' })).bytes).data.length);
  });

  it('streams speech.audio.delta events and speech.audio.done with usage (gpt-4o-mini-tts)', async () => {
    const res = await client.audio.speech.create({
      model: 'gpt-4o-mini-tts',
      voice: 'coral',
      input: TEXT,
      response_format: 'wav',
      stream_format: 'sse',
    });
    const events = (await res.text())
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => JSON.parse(l.slice(6)));
    const audio = Buffer.concat(
      events.filter((e) => e.type === 'speech.audio.delta').map((e) => Buffer.from(e.audio, 'base64')),
    );
    readWav(audio);
    expect(events.at(-1)).toMatchObject({
      type: 'speech.audio.done',
      usage: { input_tokens: countTokens(TEXT, 'gpt-4o-mini-tts') },
    });
  });

  it('rejects an unknown voice', async () => {
    const error = await client.audio.speech
      .create({ model: 'tts-1', voice: 'robot', input: 'hi' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.param).toBe('voice');
  });
});

describe('speech to text with the official SDK', () => {
  const file = async (name = 'speech.wav') => toFile((await speech({ response_format: 'wav' })).bytes, name);
  const noise = (seed: number) =>
    toFile(Buffer.from(Array.from({ length: 48_000 }, (_, i) => (i * seed) % 251)), 'memo.webm');

  it('transcribes a file made by the speech endpoint back to its text, with usage by duration', async () => {
    const res = await client.audio.transcriptions.create({ model: 'whisper-1', file: await file() });
    expect(res.text).toBe(TEXT);
    expect(res.usage).toEqual({ type: 'duration', seconds: Math.ceil(TEXT.length / 15) });
  });

  it('gives the same text for the same bytes, and different text for other bytes', async () => {
    const a = await client.audio.transcriptions.create({ model: 'whisper-1', file: await noise(7) });
    const b = await client.audio.transcriptions.create({ model: 'whisper-1', file: await noise(7) });
    const c = await client.audio.transcriptions.create({ model: 'whisper-1', file: await noise(13) });
    expect(a.text.length).toBeGreaterThan(0);
    expect(b.text).toBe(a.text);
    expect(c.text).not.toBe(a.text);
  });

  it('answers text, srt and vtt as plain text', async () => {
    const text = await client.audio.transcriptions.create({
      model: 'whisper-1',
      file: await file(),
      response_format: 'text',
    });
    expect(text).toBe(`${TEXT}\n`);
    const srt = await client.audio.transcriptions.create({
      model: 'whisper-1',
      file: await file(),
      response_format: 'srt',
    });
    expect(srt).toMatch(
      /^1\n00:00:00,000 --> 00:00:\d\d,\d{3}\nThe quick brown fox jumps over the lazy dog\.\n\n2\n/,
    );
    const vtt = await client.audio.transcriptions.create({
      model: 'whisper-1',
      file: await file(),
      response_format: 'vtt',
    });
    expect(vtt).toMatch(/^WEBVTT\n\n00:00:00\.000 --> 00:00:\d\d\.\d{3}\nThe quick brown fox/);
  });

  it('answers verbose_json with timed segments and words ending at the duration', async () => {
    const res = await client.audio.transcriptions.create({
      model: 'whisper-1',
      file: await file(),
      response_format: 'verbose_json',
      timestamp_granularities: ['word', 'segment'],
    });
    expect(res).toMatchObject({ language: 'english', text: TEXT });
    expect(res.duration).toBeCloseTo(TEXT.length / 15, 2);
    expect(res.segments!.map((s) => s.text.trim()).join(' ')).toBe(TEXT);
    expect(res.segments!.at(-1)!.end).toBeCloseTo(res.duration, 2);
    expect(res.words!.map((w) => w.word)).toEqual(TEXT.match(/[\w']+/g));
    for (const [i, w] of res.words!.entries()) {
      expect(w.end).toBeGreaterThan(w.start);
      if (i > 0) expect(w.start).toBeGreaterThanOrEqual(res.words![i - 1]!.end);
    }
  });

  it('gpt-4o-transcribe reports token usage and logprobs, streams deltas, and refuses subtitles', async () => {
    const res = await client.audio.transcriptions.create({
      model: 'gpt-4o-transcribe',
      file: await file(),
      include: ['logprobs'],
    });
    expect(res.logprobs!.map((l) => l.token).join('')).toBe(TEXT);
    expect(res.usage).toMatchObject({
      type: 'tokens',
      output_tokens: countTokens(TEXT, 'gpt-4o-transcribe'),
    });
    const stream = await client.audio.transcriptions.create({
      model: 'gpt-4o-mini-transcribe',
      file: await file(),
      stream: true,
    });
    const deltas: string[] = [];
    let done: OpenAI.Audio.TranscriptionTextDoneEvent | undefined;
    for await (const event of stream) {
      if (event.type === 'transcript.text.delta') deltas.push(event.delta);
      if (event.type === 'transcript.text.done') done = event;
    }
    expect(deltas.length).toBeGreaterThan(5);
    expect(deltas.join('')).toBe(TEXT);
    expect(done!.text).toBe(TEXT);
    const error = await client.audio.transcriptions
      .create({ model: 'gpt-4o-transcribe', file: await file(), response_format: 'srt' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
  });

  it('translates with whisper-1 and rejects files that are not audio', async () => {
    const res = await client.audio.translations.create({
      model: 'whisper-1',
      file: await file(),
      response_format: 'verbose_json',
    });
    expect(res).toMatchObject({ task: 'translate', language: 'english', text: TEXT });
    const error = await client.audio.transcriptions
      .create({ model: 'whisper-1', file: await toFile(Buffer.from('hello'), 'notes.txt') })
      .catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.message).toContain('Invalid file format');
  });
});
