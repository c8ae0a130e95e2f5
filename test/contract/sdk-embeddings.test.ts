import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { cosineSimilarity } from '../../src/fixtures/embedding-vectors.js';
import { countTokens, encodeTokens } from '../../src/fixtures/index.js';
import { useMockServer } from '../helpers/server.js';

const server = await useMockServer();
const client = server.client;

const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe('embeddings with the official SDK', () => {
  it('decodes the base64 vectors the SDK asks for by default into unit-length float arrays', async () => {
    const input = ['The cat sat on the mat', 'Quarterly revenue grew'];
    const res = await client.embeddings.create({ model: 'text-embedding-3-small', input });
    expect(res.data.map((d) => d.index)).toEqual([0, 1]);
    for (const d of res.data) {
      expect(d.embedding).toHaveLength(1536);
      expect(norm(d.embedding)).toBeCloseTo(1, 5);
    }
    const tokens = input.reduce((sum, text) => sum + countTokens(text, 'text-embedding-3-small'), 0);
    expect(tokens).toBe(6 + 4); // cl100k_base, as the embedding models use
    expect(res.usage).toEqual({ prompt_tokens: tokens, total_tokens: tokens });
  });

  it('returns floats when asked, equal to the base64 vectors', async () => {
    const input = 'Deterministic vectors for offline tests';
    const floats = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input,
      encoding_format: 'float',
    });
    const decoded = await client.embeddings.create({ model: 'text-embedding-3-small', input });
    expect(floats.data[0]!.embedding).toEqual(decoded.data[0]!.embedding);
    expect(server.journal.entries()[0]!.validation).toEqual([]);
  });

  it('follows the model dimensions and the dimensions parameter (a shortened vector is the full one cut and re-normalised)', async () => {
    const large = await client.embeddings.create({
      model: 'text-embedding-3-large',
      input: 'size check',
      encoding_format: 'float',
    });
    expect(large.data[0]!.embedding).toHaveLength(3072);
    const full = large.data[0]!.embedding;
    const short = await client.embeddings.create({
      model: 'text-embedding-3-large',
      input: 'size check',
      dimensions: 256,
    });
    const cut = full.slice(0, 256);
    const n = norm(cut);
    for (const [i, x] of short.data[0]!.embedding.entries()) expect(x).toBeCloseTo(cut[i]! / n, 6);
    const ada = await client.embeddings
      .create({ model: 'text-embedding-ada-002', input: 'x', dimensions: 10 })
      .catch((e: unknown) => e);
    expect(ada).toBeInstanceOf(OpenAI.BadRequestError);
    expect((ada as Error).message).toContain('This model does not support specifying dimensions.');
  });

  it('accepts token arrays and counts them as given', async () => {
    const tokens = encodeTokens('hello from tokens', 'text-embedding-3-small');
    const res = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: [tokens, tokens.slice(0, 2)],
      encoding_format: 'float',
    });
    expect(res.usage.prompt_tokens).toBe(tokens.length + 2);
    const asText = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'hello from tokens',
      encoding_format: 'float',
    });
    expect(res.data[0]!.embedding).toEqual(asText.data[0]!.embedding);
  });

  it('ranks texts that share words above unrelated ones', async () => {
    const docs = [
      'How to bake sourdough bread at home',
      'Stock market closes higher on tech rally',
      'Best flour for baking bread',
      'Football club signs new striker',
    ];
    const res = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['baking bread with flour', ...docs],
    });
    const [query, ...vectors] = res.data.map((d) => d.embedding);
    const ranked = docs
      .map((doc, i) => ({ doc, score: cosineSimilarity(query!, vectors[i]!) }))
      .sort((a, b) => b.score - a.score);
    expect(
      ranked
        .slice(0, 2)
        .map((r) => r.doc)
        .sort(),
    ).toEqual([docs[0], docs[2]].sort());
  });

  it('answers the real limits with 400s', async () => {
    const fail = (body: Record<string, unknown>) =>
      client.embeddings.create({ model: 'text-embedding-3-small', input: 'x', ...body } as never).then(
        () => {
          throw new Error('expected the request to fail');
        },
        (e: unknown) => e as Error,
      );
    expect((await fail({ input: '' })).message).toContain("'$.input' is invalid");
    expect((await fail({ input: Array(2049).fill('x') })).message).toContain('array too long');
    const long = 'token '.repeat(9000);
    expect(countTokens(long, 'text-embedding-3-small')).toBeGreaterThan(8192);
    expect((await fail({ input: ['fine', long] })).message).toContain(
      "Invalid 'input[1]': maximum input length is 8192 tokens.",
    );
    const chatModel = await fail({ model: 'gpt-4o' });
    expect(chatModel).toBeInstanceOf(OpenAI.PermissionDeniedError); // the real API's 403 for a chat model
    expect(chatModel.message).toBe('403 You are not allowed to generate embeddings from this model');
  });
});
