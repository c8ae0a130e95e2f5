import { describe, expect, it } from 'vitest';
import { createSSEDecoder, type SSEEvent } from '../../src/client/sse-decoder.js';

const encode = (text: string) => new TextEncoder().encode(text);

function decodeChunks(chunks: Uint8Array[]): SSEEvent[] {
  const decoder = createSSEDecoder();
  return [...chunks.flatMap((chunk) => decoder.push(chunk)), ...decoder.end()];
}

function splitAt(bytes: Uint8Array, ...offsets: number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  for (const offset of [...offsets, bytes.length]) {
    out.push(bytes.subarray(start, offset));
    start = offset;
  }
  return out;
}

// CRLF, LF and bare CR line endings, 2-, 3- and 4-byte characters, a comment, a multi-line data field,
// an id, a named event and an empty data line.
const SAMPLE =
  ': keep-alive\r\n\r\n' +
  'data: {"text":"café"}\r\n\r\n' +
  'event: response.output_text.delta\ndata: {"delta":"日本語"}\n\n' +
  'id: 7\rdata: first line\rdata: 🙂 second\r\r' +
  'data:\n\n' +
  'data: [DONE]\r\n\r\n';

const EXPECTED: SSEEvent[] = [
  { event: undefined, data: '{"text":"café"}', id: undefined },
  { event: 'response.output_text.delta', data: '{"delta":"日本語"}', id: undefined },
  { event: undefined, data: 'first line\n🙂 second', id: '7' },
  { event: undefined, data: '', id: undefined },
  { event: undefined, data: '[DONE]', id: undefined },
];

describe('SSE decoder', () => {
  it('decodes the sample in one chunk', () => {
    expect(decodeChunks([encode(SAMPLE)])).toEqual(EXPECTED);
  });

  it('decodes the same events when split at every byte boundary', () => {
    const bytes = encode(SAMPLE);
    for (let i = 1; i < bytes.length; i++) {
      expect(decodeChunks(splitAt(bytes, i)), `split at byte ${i}`).toEqual(EXPECTED);
    }
  });

  it('decodes the same events when split at every pair of byte boundaries', () => {
    const bytes = encode(SAMPLE);
    for (let i = 1; i < bytes.length; i++) {
      for (let j = i + 1; j < bytes.length; j++) {
        const events = decodeChunks(splitAt(bytes, i, j));
        if (JSON.stringify(events) !== JSON.stringify(EXPECTED))
          expect(events, `split at ${i} and ${j}`).toEqual(EXPECTED);
      }
    }
  });

  it('decodes the same events fed one byte at a time', () => {
    const bytes = encode(SAMPLE);
    expect(decodeChunks([...bytes].map((b) => Uint8Array.of(b)))).toEqual(EXPECTED);
  });

  it('keeps a CRLF split across chunks as one line ending', () => {
    const events = decodeChunks([encode('data: a\r'), encode('\n\r'), encode('\ndata: b\r\n\r\n')]);
    expect(events.map((e) => e.data)).toEqual(['a', 'b']);
  });

  it('keeps a four-byte character cut after each of its bytes', () => {
    const bytes = encode('data: 🙂\n\n');
    const at = bytes.indexOf(0xf0);
    for (const cut of [at + 1, at + 2, at + 3]) {
      expect(decodeChunks(splitAt(bytes, cut))[0]?.data).toBe('🙂');
    }
  });

  it('releases an event whose final blank line is a CR at the very end of the bytes', () => {
    expect(decodeChunks([encode('data: x\r\r')]).map((e) => e.data)).toEqual(['x']);
  });

  it('drops an event left unterminated when the bytes end', () => {
    expect(decodeChunks([encode('data: whole\n\ndata: {"partial"')])).toEqual([
      { event: undefined, data: 'whole', id: undefined },
    ]);
    expect(decodeChunks([encode('data: whole\n\ndata: cut\n')]).map((e) => e.data)).toEqual(['whole']);
  });

  it('decodes a 4 MB event arriving in 1 KB chunks in linear time', () => {
    const payload = 'x'.repeat(4 * 1024 * 1024);
    const bytes = encode(`data: {"big":"${payload}"}\n\ndata: [DONE]\n\n`);
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 1024) chunks.push(bytes.subarray(i, i + 1024));
    const started = performance.now();
    const events = decodeChunks(chunks);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(events).toHaveLength(2);
    expect(events[0]?.data.length).toBe(payload.length + 10);
  });

  it('ignores a leading byte-order mark', () => {
    expect(decodeChunks([Uint8Array.of(0xef, 0xbb), encode('\xbf')]).length).toBe(0);
    expect(decodeChunks([Uint8Array.of(0xef, 0xbb, 0xbf), encode('data: a\n\n')]).map((e) => e.data)).toEqual(
      ['a'],
    );
  });
});
