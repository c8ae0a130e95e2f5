import { createRequire } from 'node:module';
import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js';
import type standaloneCodeModule from 'ajv/dist/standalone/index.js';
import type addFormatsModule from 'ajv-formats';
import { StandaloneCache } from './standalone-cache.js';

// AJV and its formats cost ~90 ms to import: loaded (synchronously, they are CommonJS) only when a
// validator has to be compiled, so a server whose validators all come from the cache starts without them.
const require = createRequire(import.meta.url);
const loadAjv = () => require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
const loadStandalone = () => require('ajv/dist/standalone/index.js') as typeof standaloneCodeModule;
const loadFormats = () => require('ajv-formats') as typeof addFormatsModule;

/** Compiles slower than this are worth a file in the standalone cache. */
const STORE_ABOVE_MS = 20;

/** The id the normalized document is registered under; refs become `openai#/components/...`. */
const DOC_ID = 'openai';

export interface SchemaValidatorsOptions {
  /** Formats used by the document; the ones ajv-formats does not know are accepted as-is. */
  formats: readonly string[];
  cacheDir: string | false;
  hash: string;
}

/**
 * AJV validators per JSON pointer of the document, compiled on first use and kept. The AJV instance
 * itself (and its ~15 ms registration of the document) is only built when a validator is neither in
 * memory nor in the standalone cache.
 */
export class SchemaValidators {
  readonly #document: any;
  readonly #opts: SchemaValidatorsOptions;
  readonly #cache: StandaloneCache | undefined;
  readonly #validators = new Map<string, ValidateFunction>();
  #ajv: Ajv2020 | undefined;

  constructor(document: any, opts: SchemaValidatorsOptions) {
    this.#document = document;
    this.#opts = opts;
    this.#cache = opts.cacheDir === false ? undefined : new StandaloneCache(opts.cacheDir, opts.hash);
  }

  /** Validator for the schema at `pointer` (`/components/schemas/X`); throws when it does not compile. */
  get(pointer: string): ValidateFunction {
    const known = this.#validators.get(pointer);
    if (known) return known;
    const validate = this.#cache?.load(pointer) ?? this.#compile(pointer, this.#cache !== undefined);
    this.#validators.set(pointer, validate);
    return validate;
  }

  /** Compile without touching the disk cache (compiling everything would fill it with duplicates). */
  compileOnly(pointer: string): ValidateFunction {
    const validate = this.#validators.get(pointer) ?? this.#compile(pointer, false);
    this.#validators.set(pointer, validate);
    return validate;
  }

  /** The format checks AJV uses, for the violation explainer to agree with it. */
  checkFormat(name: string, value: unknown): boolean {
    const format = this.ajv.formats[name];
    if (format === undefined || format === true) return true;
    if (format instanceof RegExp) return typeof value !== 'string' || format.test(value);
    if (typeof format === 'function')
      return typeof value !== 'string' || (format as (v: string) => boolean)(value);
    const { type = 'string', validate } = format as { type?: string; validate: unknown };
    if (typeof value !== (type === 'number' ? 'number' : 'string')) return true;
    if (validate instanceof RegExp) return validate.test(value as string);
    return typeof validate === 'function' ? Boolean((validate as (v: unknown) => unknown)(value)) : true;
  }

  get ajv(): Ajv2020 {
    if (this.#ajv) return this.#ajv;
    const { Ajv2020 } = loadAjv();
    const ajv = new Ajv2020({
      strict: false,
      allErrors: false, // violations are explained by explain-violations.ts; AJV only says yes or no
      validateSchema: false, // the document is trusted; meta-validating 3 MB costs ~30 ms
      code: { source: this.#cache !== undefined },
      logger: false,
    });
    const addFormats = loadFormats();
    (addFormats.default ?? addFormats)(ajv);
    for (const name of this.#opts.formats) if (ajv.formats[name] === undefined) ajv.addFormat(name, true);
    // only what refs can point into; `info`, `x-oaiMeta` and friends would just slow registration
    const { components, paths, webhooks } = this.#document;
    ajv.addSchema({ components, paths, webhooks }, DOC_ID, undefined, false);
    this.#ajv = ajv;
    return ajv;
  }

  #compile(pointer: string, store: boolean): ValidateFunction {
    const started = performance.now();
    const validate = this.ajv.getSchema(`${DOC_ID}#${encodePointer(pointer)}`);
    if (!validate) throw new Error(`openai-mock: no schema at ${pointer} in the OpenAPI document`);
    if (store && this.#cache && performance.now() - started > STORE_ABOVE_MS) {
      const standalone = loadStandalone();
      this.#cache.store(pointer, (standalone.default ?? standalone)(this.ajv, validate));
    }
    return validate;
  }
}

/** AJV resolves `#…` fragments as URI fragments, so characters like `{` and space must be %-encoded. */
function encodePointer(pointer: string): string {
  return pointer.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/g, (c) => encodeURIComponent(c));
}
