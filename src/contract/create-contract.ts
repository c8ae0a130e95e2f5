import { createHash } from 'node:crypto';
import { applyErrata } from './errata.js';
import { Explainer } from './explain-violations.js';
import { escapeSegment, getAtPointer } from './json-pointer.js';
import { normalizeDocument } from './normalize-document.js';
import { toOpenAIError } from './openai-error.js';
import { indexOperations, type OperationSchemas } from './operation-index.js';
import { PathRouter } from './path-router.js';
import { checkShape } from './read-document.js';
import { validateRequest } from './request-validator.js';
import {
  buildEventDispatch,
  type EventDispatch,
  validateResponse,
  validateStreamEvent,
} from './response-validator.js';
import { SchemaChecker } from './schema-checker.js';
import { SchemaShapes } from './schema-shapes.js';
import { SchemaValidators } from './schema-validators.js';
import type {
  CompileReport,
  Contract,
  ContractStats,
  CreateContractMeta,
  MatchResult,
  Operation,
  RequestParts,
  Violation,
} from './types.js';

/** A contract over a document given in memory (tests, custom documents). The input is not modified. */
export function createContract(document: object, meta: CreateContractMeta = {}): Contract {
  checkShape(document, meta.path ?? '(in-memory document)');
  const hash = meta.hash ?? createHash('sha256').update(JSON.stringify(document)).digest('hex');
  return new OpenAPIContract(structuredClone(document), {
    path: meta.path,
    hash,
    cacheDir: meta.cacheDir ?? false,
    parseMs: 0,
  });
}

export interface BuildOptions {
  path: string | undefined;
  hash: string;
  cacheDir: string | false;
  parseMs: number;
}

/** Normalizes `doc` in place, indexes its operations; validators compile on first use. */
export class OpenAPIContract implements Contract {
  readonly document: any;
  readonly path: string | undefined;
  readonly version: string;
  readonly hash: string;
  readonly operations: readonly Operation[];
  readonly stats: ContractStats;
  readonly #byId = new Map<string, Operation>();
  readonly #schemas = new Map<Operation, OperationSchemas>();
  readonly #router = new PathRouter();
  readonly #shapes: SchemaShapes;
  readonly #validators: SchemaValidators;
  readonly #checker: SchemaChecker;
  readonly #streams = new Map<Operation, { pointer: string | undefined; dispatch: EventDispatch }>();

  constructor(doc: any, opts: BuildOptions) {
    let started = performance.now();
    applyErrata(doc);
    const normalized = normalizeDocument(doc);
    const normalizeMs = performance.now() - started;
    started = performance.now();
    const indexed = indexOperations(doc);
    for (const { operation, schemas } of indexed) {
      this.#schemas.set(operation, schemas);
      this.#byId.set(operation.id, operation);
      this.#router.add(operation);
    }
    const indexMs = performance.now() - started;

    this.document = doc;
    this.path = opts.path;
    this.hash = opts.hash;
    this.version = String(doc.info?.version ?? 'unknown');
    this.operations = indexed.map((i) => i.operation);
    this.stats = { parseMs: opts.parseMs, normalizeMs, indexMs, normalized };
    this.#shapes = new SchemaShapes(doc);
    this.#validators = new SchemaValidators(doc, {
      formats: normalized.formats,
      cacheDir: opts.cacheDir,
      hash: opts.hash,
    });
    const explainer = new Explainer(this.#shapes, (name, value) => this.#validators.checkFormat(name, value));
    this.#checker = new SchemaChecker(doc, this.#validators, explainer);
  }

  operationById(id: string): Operation | undefined {
    return this.#byId.get(id);
  }

  match(method: string, path: string, query?: Record<string, string | string[]>): MatchResult {
    return this.#router.match(method, path, query);
  }

  validateRequest(op: Operation, req: RequestParts): Violation[] {
    return validateRequest(this.#checker, this.#shapes, op, this.#schemasOf(op), req);
  }

  validateResponse(op: Operation, status: number, body: unknown, contentType?: string): Violation[] {
    return validateResponse(this.#checker, this.document, op, this.#schemasOf(op), status, body, contentType);
  }

  validateStreamEvent(op: Operation, data: unknown): Violation[] {
    let stream = this.#streams.get(op);
    if (!stream) {
      const schemas = this.#schemasOf(op);
      const at = op.success ? schemas.responses[String(op.success.status)] : undefined;
      const pointer =
        at && op.streaming ? `${at}/content/${escapeSegment('text/event-stream')}/schema` : undefined;
      stream = { pointer, dispatch: pointer ? buildEventDispatch(this.#shapes, pointer) : undefined };
      this.#streams.set(op, stream);
    }
    return validateStreamEvent(this.#checker, stream.pointer, stream.dispatch, data);
  }

  validateSchema(pointer: string, value: unknown, where: Violation['in'] = 'response'): Violation[] {
    return this.#checker.check(pointer.replace(/^#/, ''), value, where);
  }

  resolveRef(ref: string): any {
    return this.#shapes.resolve(ref.startsWith('#') ? ref : `#${ref}`);
  }

  toOpenAIError(violations: Violation[]) {
    return toOpenAIError(violations);
  }

  compileAll(): CompileReport {
    const pointers = new Set<string>();
    for (const name of Object.keys(this.document.components?.schemas ?? {})) {
      pointers.add(`/components/schemas/${escapeSegment(name)}`);
    }
    for (const schemas of this.#schemas.values()) {
      for (const p of Object.values(schemas.body)) pointers.add(p);
      for (const p of Object.values(schemas.params)) pointers.add(p);
      for (const at of Object.values(schemas.responses)) {
        for (const ct of Object.keys(getAtPointer(this.document, at)?.content ?? {})) {
          pointers.add(`${at}/content/${escapeSegment(ct)}/schema`);
        }
      }
    }
    const failures: CompileReport['failures'] = [];
    const started = performance.now();
    for (const pointer of pointers) {
      if (getAtPointer(this.document, pointer) === undefined) continue;
      try {
        this.#validators.compileOnly(pointer);
      } catch (e) {
        failures.push({ pointer, message: (e as Error).message });
      }
    }
    return { count: pointers.size, ms: performance.now() - started, failures };
  }

  #schemasOf(op: Operation): OperationSchemas {
    const schemas = this.#schemas.get(op) ?? this.#schemas.get(this.#byId.get(op.id)!);
    if (!schemas) throw new Error(`openai-mock: operation ${op.id} does not belong to this contract`);
    return schemas;
  }
}
