import { describe, expect, it } from 'vitest';
import { checkJSONSchema } from '../../src/client/json-schema-check.js';

const paths = (schema: Record<string, unknown>, value: unknown) =>
  checkJSONSchema(schema, value).map((i) => `${i.path} ${i.message}`);

describe('checkJSONSchema', () => {
  it('checks types, including integer, null and type lists', () => {
    expect(paths({ type: 'integer' }, 1.5)).toEqual([' expected integer, got number']);
    expect(paths({ type: ['string', 'null'] }, null)).toEqual([]);
    expect(paths({ type: 'object' }, [])).toEqual([' expected object, got array']);
  });

  it('checks required and additional properties', () => {
    const schema = {
      type: 'object',
      properties: { a: { type: 'string' } },
      required: ['a', 'b'],
      additionalProperties: false,
    };
    expect(paths(schema, { a: 'x', c: 1 })).toEqual([
      ' missing required property "b"',
      '/c property "c" is not allowed',
    ]);
    expect(paths({ type: 'object', additionalProperties: { type: 'number' } }, { x: 'no' })).toEqual([
      '/x expected number, got string',
    ]);
  });

  it('checks arrays, enums, consts and bounds', () => {
    expect(paths({ type: 'array', items: { enum: [1, 2] }, maxItems: 2 }, [1, 3, 2])).toEqual([
      ' must have at most 2 items',
      '/1 must be one of [1,2]',
    ]);
    expect(paths({ const: 'x' }, 'y')).toEqual([' must equal "x"']);
    expect(paths({ type: 'string', minLength: 2, pattern: '^a' }, 'b')).toEqual([
      ' must have at least 2 characters',
      ' does not match pattern ^a',
    ]);
    expect(paths({ type: 'number', minimum: 0, exclusiveMaximum: 10, multipleOf: 0.5 }, 10)).toEqual([
      ' must be < 10',
    ]);
  });

  it('follows $ref into $defs, recursively, and checks anyOf', () => {
    const schema = {
      $defs: {
        node: {
          type: 'object',
          properties: {
            value: { type: 'number' },
            next: { anyOf: [{ $ref: '#/$defs/node' }, { type: 'null' }] },
          },
          required: ['value', 'next'],
        },
      },
      $ref: '#/$defs/node',
    };
    expect(paths(schema, { value: 1, next: { value: 2, next: null } })).toEqual([]);
    expect(paths(schema, { value: 1, next: { value: 'two', next: null } })).toEqual([
      '/next matches none of the anyOf alternatives',
    ]);
    expect(paths({ $ref: '#/$defs/missing' }, 1)).toEqual([' unresolvable $ref #/$defs/missing']);
  });
});
