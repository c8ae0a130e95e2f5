import { describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/compose.js';

const post = (body: Record<string, unknown>) => ({
  method: 'POST',
  path: '/v1/responses',
  query: {},
  headers: {},
  body,
});
const A = { model: 'gpt-4o', input: 'Describe the Alhambra', tools: [{ type: 'web_search' }] };
const B = { model: 'o4-mini', input: 'Describe Granada', reasoning: { summary: 'auto' } };

async function outputs(seed: number, order: Array<Record<string, unknown>>) {
  const engine = buildEngine(undefined, { seed });
  const out = new Map<unknown, unknown>();
  for (const body of order) {
    const response = await engine.handle(post(body));
    // Two failures compare equal too: only answers that succeeded prove anything.
    expect(response.status).toBe(200);
    if (response.body.kind !== 'json') throw new Error(`expected JSON, got ${response.body.kind}`);
    const value = response.body.value as { id: string; status: string; output: unknown[]; usage: unknown };
    expect(value.status).toBe('completed');
    expect(value.output.length).toBeGreaterThan(0);
    out.set(body, { output: value.output, usage: value.usage, id: value.id });
  }
  return out;
}

describe('generated responses', () => {
  it('are the same for the same seed and body, whatever order requests arrive in', async () => {
    const first = await outputs(7, [A, B]);
    const second = await outputs(7, [B, A]);
    expect(second.get(A)).toEqual(first.get(A));
    expect(second.get(B)).toEqual(first.get(B));
  });

  it('differ with another seed', async () => {
    const [seven, eight] = [await outputs(7, [A]), await outputs(8, [A])];
    expect(JSON.stringify(eight.get(A))).not.toBe(JSON.stringify(seven.get(A)));
  });
});
