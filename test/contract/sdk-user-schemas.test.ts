import { Ajv2020 } from 'ajv/dist/2020.js';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { useMockServer } from '../helpers/server.js';

/**
 * A schema the user sends (structured output, tool parameters) never gets a 5xx: it gets a best-effort
 * valid value, or the real API's 400, with bounded work however it is built.
 */
const server = await useMockServer();
const client = server.client;
const ajv = new Ajv2020({ strict: false });
const hi = [{ role: 'user' as const, content: 'Fill the form' }];

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (e: unknown) => e as InstanceType<typeof OpenAI.APIError>,
  );
const chatJson = async (schema: Record<string, unknown>, strict = true) => {
  const reply = await client.chat.completions.create({
    model: 'gpt-4o',
    messages: hi,
    response_format: { type: 'json_schema', json_schema: { name: 'form', strict, schema } },
  });
  return JSON.parse(reply.choices[0]!.message.content!) as unknown;
};
const object = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'object',
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
  ...extra,
});

describe('user-supplied JSON schemas', () => {
  it('a $ref that resolves nowhere (as an SDK built it) answers 200 with the rest of the schema honoured', async () => {
    const schema = object({ title: { type: 'string' }, owner: { $ref: '#/$defs/Person' } });
    const value = (await chatJson(schema)) as Record<string, unknown>;
    expect(typeof value['title']).toBe('string');
    expect(Object.keys(value).sort()).toEqual(['owner', 'title']);
    // The Responses API and tool parameters read it the same way.
    const response = await client.responses.create({
      model: 'gpt-4o',
      input: 'Fill the form',
      text: { format: { type: 'json_schema', name: 'form', strict: true, schema } },
    });
    expect(Object.keys(JSON.parse(response.output_text)).sort()).toEqual(['owner', 'title']);
    const call = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: hi,
      tool_choice: 'required',
      tools: [{ type: 'function', function: { name: 'save', strict: true, parameters: schema } }],
    });
    const args = call.choices[0]!.message.tool_calls![0]!;
    expect(args.type === 'function' && Object.keys(JSON.parse(args.function.arguments)).sort()).toEqual([
      'owner',
      'title',
    ]);
  });

  it('a recursive schema gets a valid, finite value', async () => {
    const schema = object(
      { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/node' } } },
      {
        $defs: {
          node: object({
            name: { type: 'string' },
            children: { type: 'array', items: { $ref: '#/$defs/node' } },
          }),
        },
      },
    );
    expect(ajv.validate(schema, await chatJson(schema))).toBe(true);
  });

  it('an anyOf of hundreds of branches gets a value of one of them', async () => {
    const branches = Array.from({ length: 400 }, (_, i) => object({ [`k${i}`]: { type: 'integer' } }));
    const schema = object({ pick: { anyOf: branches } });
    expect(ajv.validate(schema, await chatJson(schema))).toBe(true);
  });

  it('a huge enum: a value from it when not strict, the real limit’s 400 when strict', async () => {
    const values = Array.from({ length: 3000 }, (_, i) => `value-${i}`);
    const schema = object({ code: { type: 'string', enum: values } });
    const value = (await chatJson(schema, false)) as { code: string };
    expect(values).toContain(value.code);
    const e = await failure(chatJson(schema, true));
    expect(e).toBeInstanceOf(OpenAI.BadRequestError);
    expect(e.message).toBe(
      "400 Invalid schema for response_format 'form': 3000 total enum values exceeds limit of 1000.",
    );
  });

  // 40 levels stay under the body's JSON depth limit (128), which answers its own 400 before any schema is read.
  it('strict objects nested deeper than 10 levels: the real nesting 400, however deep below the body limit', async () => {
    let schema: Record<string, unknown> = object({ leaf: { type: 'string' } });
    for (let i = 0; i < 40; i++) schema = object({ inner: schema });
    const e = await failure(chatJson(schema));
    expect(e.message).toBe(
      "400 Invalid schema for response_format 'form': 11 levels of nesting exceeds limit of 10.",
    );
    expect(e.code).toBe('invalid_json_schema');
  });

  it('unions nested through $defs (exponential to expand) and refs that only loop answer a 400, not a hang or a 500', async () => {
    const defs: Record<string, unknown> = { d0: { type: 'string' } };
    for (let i = 1; i < 60; i++)
      defs[`d${i}`] = {
        anyOf: [
          { $ref: `#/$defs/d${i - 1}` },
          object({ x: { $ref: `#/$defs/d${i - 1}` }, y: { $ref: `#/$defs/d${i - 1}` } }),
        ],
      };
    const exploding = object({ v: { $ref: '#/$defs/d59' } }, { $defs: defs });
    const looping = object(
      { v: { $ref: '#/$defs/a' } },
      { $defs: { a: { anyOf: [{ $ref: '#/$defs/b' }] }, b: { anyOf: [{ $ref: '#/$defs/a' }] } } },
    );
    for (const schema of [exploding, looping]) {
      const e = await failure(chatJson(schema));
      expect(e).toBeInstanceOf(OpenAI.BadRequestError);
      expect(e.message).toContain("Invalid schema for response_format 'form'");
      const r = await failure(
        client.responses.create({
          model: 'gpt-4o',
          input: 'x',
          text: { format: { type: 'json_schema', name: 'form', strict: true, schema } },
        }),
      );
      expect(r).toBeInstanceOf(OpenAI.BadRequestError);
      expect(r.param).toBe('text.format.schema');
    }
  });
});
