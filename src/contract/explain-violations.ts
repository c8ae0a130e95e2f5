import {
  boundViolation,
  deepEqual,
  enumViolation,
  type Found,
  lengthViolation,
  requiredViolation,
  simpleViolation,
  stringLength,
  typeViolation,
} from './found-violation.js';
import { jsonType, type SchemaShapes, typeAllowed } from './schema-shapes.js';
import { chooseBranches, pickMostSpecific } from './union-branches.js';

type Path = Found['path'];

/**
 * Says WHY a value failed, once AJV has said THAT it failed. AJV's own errors are poor for this
 * document: a bad chat message yields one error per `anyOf` branch (six roles' worth of noise).
 * This walker covers the keywords the document uses and, at each union, follows the branch the value
 * was aiming at (by discriminating property such as `type` or `role`, then by type, then by the
 * deepest failure), so it reports `messages[0].content` missing rather than "role must be 'system'".
 */
export class Explainer {
  readonly shapes: SchemaShapes;
  readonly #checkFormat: (name: string, value: unknown) => boolean;
  readonly #patterns = new Map<string, RegExp>();

  constructor(shapes: SchemaShapes, checkFormat: (name: string, value: unknown) => boolean) {
    this.shapes = shapes;
    this.#checkFormat = checkFormat;
  }

  /** Violations, most useful first; empty when the walker finds the value valid. */
  explain(schema: unknown, data: unknown, path: Path = []): Found[] {
    const out: Found[] = [];
    this.walk(schema, data, path, out, false);
    return out;
  }

  isValid(schema: unknown, data: unknown): boolean {
    const out: Found[] = [];
    this.walk(schema, data, [], out, true);
    return out.length === 0;
  }

  /** With `first`, stops at the first violation (a yes/no question). */
  walk(s: any, data: unknown, path: Path, out: Found[], first: boolean): void {
    if (s === false) out.push(simpleViolation(path, 'false', 'no value is allowed here'));
    if (s === null || typeof s !== 'object') return;
    const before = out.length;
    const stop = () => first && out.length > before;

    if (typeof s.$ref === 'string') {
      this.walk(this.shapes.resolve(s.$ref), data, path, out, first);
      if (stop()) return;
    }
    const actual = jsonType(data);
    if (s.type !== undefined) {
      const types: string[] = Array.isArray(s.type) ? s.type : [s.type];
      if (!typeAllowed(types, actual)) return void out.push(typeViolation(path, types, actual));
    }
    if (s.const !== undefined && !deepEqual(s.const, data))
      return void out.push(enumViolation(path, [s.const], data));
    if (Array.isArray(s.enum) && !s.enum.some((v: unknown) => deepEqual(v, data))) {
      return void out.push(enumViolation(path, s.enum, data));
    }
    if (Array.isArray(s.allOf)) {
      for (const part of s.allOf) {
        this.walk(part, data, path, out, first);
        if (stop()) return;
      }
    }
    const union = s.anyOf ?? s.oneOf;
    if (Array.isArray(union)) {
      this.#union(s, union, data, path, out, first);
      if (stop()) return;
    }
    if (s.not !== undefined && this.isValid(s.not, data)) {
      out.push(simpleViolation(path, 'not', 'matches a shape that is not allowed here'));
    }
    if (actual === 'object') this.#object(s, data as Record<string, unknown>, path, out, first);
    else if (actual === 'array') this.#array(s, data as unknown[], path, out, first);
    else if (actual === 'string' && typeof data === 'string') this.#string(s, data, path, out);
    else if (actual === 'number' || actual === 'integer') this.#number(s, data as number, path, out);
  }

  #union(s: any, branches: any[], data: unknown, path: Path, out: Found[], first: boolean): void {
    if (branches.some((b) => this.isValid(b, data))) return;
    if (first) return void out.push(simpleViolation(path, 'anyOf', 'matches none of the allowed shapes'));
    const chosen = chooseBranches(this.shapes, s, branches, data, path);
    if ('violation' in chosen) return void out.push(chosen.violation);
    const tries = chosen.branches.map((b) => this.explain(b, data, path)).filter((found) => found.length > 0);
    if (tries.length === 0)
      return void out.push(simpleViolation(path, 'anyOf', 'matches none of the allowed shapes'));
    out.push(...pickMostSpecific(tries));
  }

  #object(s: any, data: Record<string, unknown>, path: Path, out: Found[], first: boolean): void {
    const before = out.length;
    const stop = () => first && out.length > before;
    if (Array.isArray(s.required)) {
      for (const name of s.required) {
        if (data[name] === undefined) out.push(requiredViolation(path, name));
        if (stop()) return;
      }
    }
    const props = s.properties;
    const patterns = s.patternProperties ? Object.entries<any>(s.patternProperties) : [];
    for (const [key, value] of Object.entries(data)) {
      if (value === undefined) continue;
      const at = [...path, key];
      let known = false;
      if (props && Object.hasOwn(props, key)) {
        known = true;
        this.walk(props[key], value, at, out, first);
      }
      for (const [pattern, schema] of patterns) {
        if (!this.#regex(pattern).test(key)) continue;
        known = true;
        this.walk(schema, value, at, out, first);
      }
      if (!known && s.additionalProperties === false) {
        out.push(
          simpleViolation(at, 'additionalProperties', `unknown property '${key}'`, {
            additionalProperty: key,
          }),
        );
      } else if (!known && s.additionalProperties !== undefined) {
        this.walk(s.additionalProperties, value, at, out, first);
      }
      if (s.propertyNames !== undefined) this.walk(s.propertyNames, key, at, out, first);
      if (stop()) return;
    }
    const count = Object.keys(data).length;
    if (typeof s.maxProperties === 'number' && count > s.maxProperties) {
      out.push(lengthViolation(path, 'maxProperties', s.maxProperties, count));
    }
    if (typeof s.minProperties === 'number' && count < s.minProperties) {
      out.push(lengthViolation(path, 'minProperties', s.minProperties, count));
    }
  }

  #array(s: any, data: unknown[], path: Path, out: Found[], first: boolean): void {
    if (typeof s.minItems === 'number' && data.length < s.minItems) {
      out.push(lengthViolation(path, 'minItems', s.minItems, data.length));
    }
    if (typeof s.maxItems === 'number' && data.length > s.maxItems) {
      out.push(lengthViolation(path, 'maxItems', s.maxItems, data.length));
    }
    const prefix: any[] = Array.isArray(s.prefixItems) ? s.prefixItems : [];
    for (let i = 0; i < data.length; i++) {
      const schema = i < prefix.length ? prefix[i] : s.items;
      if (schema !== undefined) this.walk(schema, data[i], [...path, i], out, first);
      if (first && out.length > 0) return;
    }
    if (s.uniqueItems === true && new Set(data.map((v) => JSON.stringify(v))).size !== data.length) {
      out.push(simpleViolation(path, 'uniqueItems', 'must not contain duplicate items'));
    }
  }

  #string(s: any, data: string, path: Path, out: Found[]): void {
    if (typeof s.maxLength === 'number' || typeof s.minLength === 'number') {
      const length = stringLength(data);
      if (length > s.maxLength) out.push(lengthViolation(path, 'maxLength', s.maxLength, length));
      if (length < s.minLength) out.push(lengthViolation(path, 'minLength', s.minLength, length));
    }
    if (typeof s.pattern === 'string' && !this.#regex(s.pattern).test(data)) {
      out.push(
        simpleViolation(path, 'pattern', `must match the pattern ${s.pattern}`, { pattern: s.pattern }),
      );
    }
    if (typeof s.format === 'string' && !this.#checkFormat(s.format, data)) {
      out.push(simpleViolation(path, 'format', `must be a valid ${s.format}`, { format: s.format }));
    }
  }

  #number(s: any, data: number, path: Path, out: Found[]): void {
    const integer = s.type === 'integer' || (Array.isArray(s.type) && s.type.includes('integer'));
    const bound = (keyword: string, fails: (limit: number) => boolean) => {
      const limit = s[keyword];
      if (typeof limit === 'number' && fails(limit))
        out.push(boundViolation(path, keyword, limit, data, integer));
    };
    bound('minimum', (l) => data < l);
    bound('maximum', (l) => data > l);
    bound('exclusiveMinimum', (l) => data <= l);
    bound('exclusiveMaximum', (l) => data >= l);
    if (typeof s.multipleOf === 'number' && !Number.isInteger(data / s.multipleOf)) {
      out.push(
        simpleViolation(path, 'multipleOf', `must be a multiple of ${s.multipleOf}`, {
          multipleOf: s.multipleOf,
        }),
      );
    }
    if (typeof s.format === 'string' && !this.#checkFormat(s.format, data)) {
      out.push(simpleViolation(path, 'format', `must be a valid ${s.format}`, { format: s.format }));
    }
  }

  #regex(pattern: string): RegExp {
    let re = this.#patterns.get(pattern);
    if (!re) {
      re = new RegExp(pattern, 'u');
      this.#patterns.set(pattern, re);
    }
    return re;
  }
}
