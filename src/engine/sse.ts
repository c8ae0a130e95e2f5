import type { SseEvent } from './types.js';

/** One event in the wire format the real API uses: optional `event:` line, one `data:` line, blank line. */
export function encodeSseEvent(event: SseEvent): string {
  if (event.raw !== undefined) return event.raw;
  let out = '';
  if (event.id !== undefined) out += `id: ${event.id}\n`;
  if (event.event !== undefined) out += `event: ${event.event}\n`;
  const data = typeof event.data === 'string' ? event.data : JSON.stringify(event.data);
  // JSON text never holds a raw newline (JSON.stringify escapes them): one data line, no split per event.
  if (data !== event.data && data !== undefined) return `${out}data: ${data}\n\n`;
  // Multi-line payloads need one data line per line to survive the decoder.
  for (const line of data.split('\n')) out += `data: ${line}\n`;
  return `${out}\n`;
}

export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
};
