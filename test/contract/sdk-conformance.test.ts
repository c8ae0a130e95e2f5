import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/index.js';
import { createRandom, sampleSchema } from '../../src/fixtures/index.js';
import { useMockServer } from '../helpers/server.js';

/**
 * The conformance profile (`conformance: true`, `serve --conformance`): only the document's own rules
 * reject a request. The same requests against the default, realistic profile get the real API's errors.
 */
const conformance = await useMockServer({ conformance: true });
const realistic = await useMockServer();
const hi = [{ role: 'user' as const, content: 'hi' }];

const status = (promise: Promise<unknown>) =>
  promise.then(
    () => 200,
    (e: unknown) => (e as InstanceType<typeof OpenAI.APIError>).status,
  );

describe('the conformance profile', () => {
  it('accepts every model id, of any kind', async () => {
    const wrongKind = { model: 'text-embedding-3-small', messages: hi };
    expect(await status(realistic.client.chat.completions.create(wrongKind))).toBe(404);
    const reply = await conformance.client.chat.completions.create(wrongKind);
    expect(reply.object).toBe('chat.completion');
    const unknown = { model: 'my-own-model', messages: hi };
    expect(await status(realistic.client.chat.completions.create(unknown))).toBe(404);
    expect(await status(conformance.client.chat.completions.create(unknown))).toBe(200);
    expect(await status(conformance.client.embeddings.create({ model: 'gpt-5.4', input: 'x' }))).toBe(200);
  });

  it('turns the simulators’ real-API-only checks off: a request the document allows gets a schema-valid answer', async () => {
    // The real API refuses temperature on reasoning models and n > 1 with some models; the document allows both.
    const body = { model: 'o3', messages: hi, temperature: 0.5 };
    expect(await status(realistic.client.chat.completions.create(body))).toBe(400);
    const reply = await conformance.client.chat.completions.create(body);
    expect(reply.choices.length).toBeGreaterThan(0);
    const image = { model: 'dall-e-3', prompt: 'a lighthouse', n: 2 };
    expect(await status(realistic.client.images.generate(image))).toBe(400);
    expect(await status(conformance.client.images.generate(image))).toBe(200);
  });

  it('still rejects what the document itself rejects', async () => {
    const e = await conformance.client.chat.completions
      .create({ model: 'gpt-4o' } as never)
      .catch((error: unknown) => error as InstanceType<typeof OpenAI.APIError>);
    expect(e).toBeInstanceOf(OpenAI.BadRequestError);
  });

  it('answers invented ids as --generate-missing does', async () => {
    expect(await status(realistic.client.files.retrieve('file-abc123'))).toBe(404);
    const file = await conformance.client.files.retrieve('file-abc123');
    expect(file.object).toBe('file');
    expect(await status(conformance.client.responses.retrieve('resp_invented'))).toBe(200);
  });

  it('generated objects carry the fields the SDKs rely on: single-value object/type fields and call_id', async () => {
    const contract = await loadContract();
    const resolveRef = (ref: string) => contract.resolveRef(ref);
    // `object` is optional in Upload and `call_id` in FunctionToolCallOutput, but the real API always sends them.
    for (let seed = 0; seed < 25; seed++) {
      const upload = sampleSchema(
        { $ref: '#/components/schemas/Upload' },
        { random: createRandom(seed), resolveRef },
      );
      expect(upload).toMatchObject({ object: 'upload' });
      const output = sampleSchema(
        { $ref: '#/components/schemas/FunctionToolCallOutput' },
        { random: createRandom(seed), resolveRef },
      ) as Record<string, unknown>;
      expect(typeof output['call_id']).toBe('string');
      expect(output['type']).toBe('function_call_output');
    }
  });
});
