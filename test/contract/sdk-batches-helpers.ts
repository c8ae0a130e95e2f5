import type OpenAI from 'openai';
import { toFile } from 'openai';
import { expect } from 'vitest';

/** One batch input line for the chat endpoint. */
export const chatLine = (
  custom_id: string,
  content = `Say hello to ${custom_id}`,
  extra: Record<string, unknown> = {},
) => ({
  custom_id,
  method: 'POST',
  url: '/v1/chat/completions',
  body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content }], ...extra },
});

/** Uploads lines (objects are JSON-encoded, strings go in as they are) as a batch input file. */
export async function uploadJsonl(client: OpenAI, lines: Array<object | string>, name = 'input.jsonl') {
  const text = lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n');
  return client.files.create({ file: await toFile(Buffer.from(text), name), purpose: 'batch' });
}

/** Downloads a JSONL file and parses its lines. */
export async function downloadJsonl(client: OpenAI, fileId: string): Promise<any[]> {
  const text = await (await client.files.content(fileId)).text();
  expect(text.endsWith('\n')).toBe(true);
  return text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
}
