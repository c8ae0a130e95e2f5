import { describe, expect, it } from 'vitest';
import { createContract } from '../../src/contract/index.js';

/** A tiny document with each OpenAPI 3.0 leftover the real one carries. */
const doc = {
  openapi: '3.1.0',
  info: { title: 'leftovers', version: '1.0.0' },
  paths: {
    '/things': {
      post: {
        operationId: 'createThing',
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
        },
        responses: {
          '200': {
            description: 'ok',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        additionalProperties: false,
        properties: {
          finish_reason: { type: 'string', enum: ['stop', 'length'], nullable: true },
          size: { anyOf: [{ type: 'string' }, { type: 'integer' }], nullable: true },
          owner: { $ref: '#/components/schemas/Owner', nullable: true },
          file: {
            allOf: [{ $ref: '#/components/schemas/Owner' }, { nullable: true, description: 'The file.' }],
          },
          beta: { type: 'number', minimum: 0, exclusiveMinimum: true },
          stop: { oneOf: [{ type: 'string' }, { type: 'string', enum: ['x'] }] },
          when: { type: 'integer', format: 'unixtime' },
          filter: { $ref: '#/components/schemas/Filter' },
        },
      },
      Owner: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
      Filter: {
        $recursiveAnchor: true,
        type: 'object',
        properties: {
          filters: { type: 'array', items: { oneOf: [{ type: 'string' }, { $recursiveRef: '#' }] } },
        },
      },
    },
  },
};

const contract = createContract(doc);
const check = (value: unknown) => contract.validateSchema('/components/schemas/Thing', value);

describe('normalization of OpenAPI 3.0 leftovers', () => {
  it('leaves the input document untouched', () => {
    expect((doc.components.schemas.Thing.properties.finish_reason as any).nullable).toBe(true);
  });

  it('adds null to the type and to the enum beside nullable', () => {
    const s = contract.document.components.schemas.Thing.properties.finish_reason;
    expect(s).toEqual({ type: ['string', 'null'], enum: ['stop', 'length', null] });
    expect(check({ finish_reason: null })).toEqual([]);
    expect(check({ finish_reason: 'stop' })).toEqual([]);
    expect(check({ finish_reason: 'other' })[0]?.keyword).toBe('enum');
  });

  it('gives a typeless nullable union a null branch', () => {
    expect(check({ size: null })).toEqual([]);
    expect(check({ size: 3 })).toEqual([]);
    expect(check({ size: true })[0]).toMatchObject({ pointer: '/size', keyword: 'type' });
  });

  it('wraps a nullable $ref in anyOf with null', () => {
    expect(contract.document.components.schemas.Thing.properties.owner.anyOf).toHaveLength(2);
    expect(check({ owner: null })).toEqual([]);
    expect(check({ owner: {} })[0]).toMatchObject({ pointer: '/owner/name', keyword: 'required' });
  });

  it('lifts an allOf member that only says nullable to the whole property', () => {
    expect(check({ file: null })).toEqual([]);
    expect(check({ file: { name: 'a' } })).toEqual([]);
    expect(contract.document.components.schemas.Thing.properties.file.description).toBe('The file.');
  });

  it('turns boolean exclusiveMinimum into the numeric form', () => {
    expect(contract.document.components.schemas.Thing.properties.beta).toEqual({
      type: 'number',
      exclusiveMinimum: 0,
    });
    expect(check({ beta: 0 })[0]).toMatchObject({ keyword: 'exclusiveMinimum', pointer: '/beta' });
    expect(check({ beta: 0.1 })).toEqual([]);
  });

  it('reads oneOf as anyOf, so overlapping branches do not reject a value', () => {
    expect(check({ stop: 'x' })).toEqual([]);
  });

  it('accepts the custom unixtime format', () => {
    expect(check({ when: 1_700_000_000 })).toEqual([]);
    expect(contract.stats.normalized.formats).toContain('unixtime');
  });

  it('points $recursiveRef at the enclosing component', () => {
    expect(check({ filter: { filters: ['a', { filters: ['b'] }] } })).toEqual([]);
    expect(check({ filter: { filters: [{ filters: [1] }] } })[0]).toMatchObject({
      pointer: '/filter/filters/0/filters/0',
    });
  });

  it('counts what it changed', () => {
    expect(contract.stats.normalized).toMatchObject({
      nullable: 4,
      nullableEnums: 1,
      nullableWrapped: 2,
      nullableMembersLifted: 1,
      exclusiveBounds: 1,
      oneOfToAnyOf: 2,
      recursiveRefs: 1,
    });
  });
});
