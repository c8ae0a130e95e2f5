// Structured outputs in strict mode: zod and JSON-schema formats are converted to what strict mode accepts
// (optional fields required and nullable, additionalProperties: false, $refs into $defs), which our own
// server's strict validation (the real API's rules) checks; the answer is parsed back with the optional
// fields' nulls removed, and validated.

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  jsonSchemaResponseFormat,
  OpenAIClient,
  StructuredOutputError,
  zodResponseFormat,
  zodTextFormat,
} from '../../src/client/index.js';
import { restoreOptionals, toStrictJSONSchema } from '../../src/client/strict-schema.js';
import { checkStrictSchema } from '../../src/simulators/chat/strict-schema.js';
import { useMockServer } from '../helpers/server.js';

const server = await useMockServer();
const client = new OpenAIClient({ apiKey: 'sk-test', baseURL: server.url, maxRetries: 0 });

const Address = z.object({ street: z.string(), zip: z.string().optional() });
interface TreeNode {
  name: string;
  children?: TreeNode[] | undefined;
}
const TreeNode: z.ZodType<TreeNode> = z.object({
  name: z.string(),
  get children() {
    return z.array(TreeNode).optional();
  },
});
const Profile = z.object({
  name: z.string(),
  age: z.number().int().optional(),
  home: Address,
  work: Address.nullable(),
  tags: z.array(z.enum(['a', 'b'])).optional(),
  role: z.enum(['admin', 'user']).optional(),
  contact: z.union([z.string(), z.object({ email: z.string() })]).optional(),
  tree: TreeNode,
  locale: z.string().default('en'),
});

const messages = [{ role: 'user' as const, content: 'Describe a user profile.' }];

describe('strict-mode conversion, checked by the server', () => {
  it('the zod schema as written is rejected by strict mode (the reason for the conversion)', async () => {
    const written = (
      Profile as unknown as { '~standard': { jsonSchema: { output: (o: object) => object } } }
    )['~standard'].jsonSchema.output({ target: 'draft-2020-12' });
    const error = await client.chat.completions
      .create({
        model: 'gpt-4o-mini',
        messages,
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'p', schema: written as never, strict: true },
        },
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400 });
    expect((error as Error).message).toMatch(/'required' is required to be supplied/);
  });

  it('zodResponseFormat sends a schema strict mode accepts, and parse validates the answer with zod', async () => {
    const format = zodResponseFormat(Profile, 'profile');
    expect(() =>
      checkStrictSchema(format.json_schema.schema, "response_format 'profile'", true),
    ).not.toThrow();
    const completion = await client.chat.completions.parse({
      model: 'gpt-4o-mini',
      messages,
      response_format: format,
    });
    const parsed = completion.choices[0]?.message.parsed;
    expect(Profile.parse(parsed)).toEqual({ ...parsed, locale: parsed?.locale });
  });

  it('nulls the model sends for optional fields are removed before zod validates', async () => {
    server.engine.fixtures.add({
      match: { responseFormat: 'json_schema' },
      reply: {
        json: {
          name: 'Ada',
          age: null,
          home: { street: 'Main St', zip: null },
          work: null,
          tags: null,
          role: 'admin',
          contact: { email: 'ada@example.com' },
          tree: { name: 'root', children: [{ name: 'leaf', children: null }] },
          locale: 'fr',
        },
      },
    });
    const completion = await client.chat.completions.parse({
      model: 'gpt-4o-mini',
      messages,
      response_format: zodResponseFormat(Profile, 'profile'),
    });
    expect(completion.choices[0]?.message.parsed).toEqual({
      name: 'Ada',
      home: { street: 'Main St' },
      work: null,
      role: 'admin',
      contact: { email: 'ada@example.com' },
      tree: { name: 'root', children: [{ name: 'leaf' }] },
      locale: 'fr',
    });

    const response = await client.responses.parse({
      model: 'gpt-4o-mini',
      input: 'Describe a user profile.',
      text: { format: zodTextFormat(Profile, 'profile') },
    });
    expect(response.output_parsed?.home).toEqual({ street: 'Main St' });
  });

  it('an answer that breaks the schema still fails validation', async () => {
    server.engine.fixtures.add({
      match: { responseFormat: 'json_schema' },
      reply: { json: { name: 'Ada', age: 'old' } },
    });
    const Small = z.object({ name: z.string(), age: z.number().optional() });
    const error = await client.chat.completions
      .parse({
        model: 'gpt-4o-mini',
        messages,
        response_format: zodResponseFormat(Small, 's', { strict: false }),
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StructuredOutputError);
  });

  it('JSON Schema formats: draft-7 definitions and pointer $refs become $defs, optional fields nullable', async () => {
    const schema = {
      type: 'object',
      properties: {
        owner: { $ref: '#/definitions/person' },
        backup: { $ref: '#/properties/owner' },
        note: { type: 'string', default: 'none' },
        kind: { oneOf: [{ type: 'string' }, { type: 'number' }] },
      },
      required: ['owner'],
      definitions: {
        person: {
          type: 'object',
          properties: { name: { type: 'string' }, nick: { type: 'string' } },
          required: ['name'],
        },
      },
    };
    const strict = toStrictJSONSchema(schema);
    expect(() => checkStrictSchema(strict, "response_format 'x'", true)).not.toThrow();
    expect(strict).toMatchObject({
      required: ['owner', 'backup', 'note', 'kind'],
      additionalProperties: false,
      properties: {
        owner: { $ref: '#/$defs/person' },
        backup: { anyOf: [{ $ref: '#/$defs/ref1' }, { type: 'null' }] },
        note: { type: ['string', 'null'] },
        kind: { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'null' }] },
      },
      $defs: {
        person: { required: ['name', 'nick'], properties: { nick: { type: ['string', 'null'] } } },
        ref1: { $ref: '#/$defs/person' },
      },
    });
    expect(JSON.stringify(strict)).not.toMatch(/definitions|default|oneOf/);
    expect(
      restoreOptionals(schema, { owner: { name: 'a', nick: null }, backup: null, note: null, kind: 1 }),
    ).toEqual({
      owner: { name: 'a' },
      kind: 1,
    });

    const completion = await client.chat.completions.parse({
      model: 'gpt-4o-mini',
      messages,
      response_format: jsonSchemaResponseFormat<{ owner: { name: string } }>(schema, 'owned'),
    });
    expect(typeof completion.choices[0]?.message.parsed?.owner.name).toBe('string');
  });
});
