import type { ErrorObject } from 'ajv/dist/2020.js';
import type { Explainer } from './explain-violations.js';
import type { Found } from './found-violation.js';
import { fromPointer, getAtPointer, toPointer } from './json-pointer.js';
import type { SchemaValidators } from './schema-validators.js';
import type { Violation } from './types.js';

/**
 * One question for the whole room: does `value` satisfy the schema at `pointer`? AJV answers on the
 * hot path (about a microsecond for a valid chat request); only a failure pays for the explainer.
 */
export class SchemaChecker {
  readonly #doc: any;
  readonly #validators: SchemaValidators;
  readonly #explainer: Explainer;

  constructor(doc: any, validators: SchemaValidators, explainer: Explainer) {
    this.#doc = doc;
    this.#validators = validators;
    this.#explainer = explainer;
  }

  check(
    pointer: string,
    value: unknown,
    where: Violation['in'],
    prefix: (string | number)[] = [],
  ): Violation[] {
    const validate = this.#validators.get(pointer);
    if (validate(value)) return [];
    const found = this.#explainer.explain(getAtPointer(this.#doc, pointer), value, prefix);
    if (found.length > 0) return found.map((f) => toViolation(f, where));
    // the explainer does not know some keyword AJV applied: report AJV's own first error
    return (validate.errors ?? []).slice(0, 1).map((e) => fromAjv(e, where, prefix));
  }
}

export function toViolation(f: Found, where: Violation['in']): Violation {
  return { in: where, pointer: toPointer(f.path), message: f.message, keyword: f.keyword, params: f.params };
}

function fromAjv(e: ErrorObject, where: Violation['in'], prefix: (string | number)[]): Violation {
  return {
    in: where,
    pointer: toPointer([...prefix, ...fromPointer(e.instancePath)]),
    message: e.message ?? `fails ${e.keyword}`,
    keyword: e.keyword,
    params: { ...e.params },
  };
}
