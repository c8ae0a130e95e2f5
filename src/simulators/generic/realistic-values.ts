/**
 * Realistic values for what a schema names but no simulator owns — people, companies, products, e-mails,
 * URLs, titles, descriptions — from `@faker-js/faker`, drawing from the sampler's own seeded stream, so
 * answers stay deterministic and independent of request order.
 *
 * Faker's English locale costs ~120 ms to import, so it loads with the first generic request (awaited there,
 * before any sampling, so an answer never depends on whether it had loaded yet) and never on the chat or
 * Responses paths, which keep their own word lists.
 */
import type { Faker } from '@faker-js/faker';
import type { Contract } from '../../contract/index.js';
import {
  createRandom,
  DEFAULT_HINTS,
  type HintContext,
  type Random,
  randomId,
  type SampleHint,
  type SampleHints,
} from '../../fixtures/index.js';
import { idShapeFor } from './id-prefixes.js';

let faker: Faker | undefined;
/** The stream faker draws from: set to the sampler's own before each value. */
let drawing: Random = createRandom(0);
let loading: Promise<void> | undefined;
const byContract = new WeakMap<Contract, SampleHints>();

/** Loads faker once; later calls resolve at once. */
export function loadRealisticValues(): Promise<void> {
  loading ??= import('@faker-js/faker/locale/en').then((m) => {
    // A Faker of our own over the English definitions, drawing from the sampler's stream: re-seeding
    // faker's Mersenne Twister for every value cost ~5× the rest of a sample.
    const FakerClass = m.faker.constructor as new (options: {
      locale: unknown;
      randomizer: { next(): number; seed(seed: number | number[]): void };
    }) => Faker;
    faker = new FakerClass({
      locale: m.faker.rawDefinitions,
      randomizer: { next: () => drawing.next(), seed: () => {} },
    });
  });
  return loading;
}

/**
 * The sampler hints with faker's values and ids shaped as the document's examples show them (a nested
 * `{"object": "user", "id": …}` gets `user-…`); the default hints until `loadRealisticValues` resolved.
 */
export function realisticHints(contract: Contract | undefined): SampleHints {
  if (!faker || !contract) return DEFAULT_HINTS;
  let hints = byContract.get(contract);
  if (!hints) {
    hints = { ...buildHints(faker), id: idHint(contract) };
    byContract.set(contract, hints);
  }
  return hints;
}

function idHint(contract: Contract): SampleHint {
  const fallback = DEFAULT_HINTS['id']!;
  return (ctx) => {
    const type = ctx.siblingConst('object');
    if (typeof type !== 'string' || type === 'list' || type === 'model') return fallback(ctx);
    const shape = idShapeFor(contract, type);
    return randomId(shape.prefix, ctx.random, shape.opts);
  };
}

const titleCase = (s: string) =>
  s.replace(/(^|\s)(\p{Ll})/gu, (_, sp: string, c: string) => sp + c.toUpperCase());

function buildHints(f: Faker): SampleHints {
  /** A hint drawing from faker, which draws from the sampler's stream. */
  const fromFaker =
    (make: (f: Faker, ctx: HintContext) => unknown): SampleHint =>
    (ctx) => {
      drawing = ctx.random;
      return make(f, ctx);
    };
  const person = fromFaker((f) => `${f.person.firstName()} ${f.person.lastName()}`);
  const email = fromFaker((f) =>
    f.internet.email({ provider: 'example.com', allowSpecialCharacters: false }).toLowerCase(),
  );
  const url = fromFaker((f) => `https://${f.internet.domainWord()}.example.com/${f.word.noun()}`);
  const sentence = fromFaker((f) => `${f.company.catchPhrase()}.`);
  const personSiblings = ['email', 'phone', 'first_name', 'last_name', 'role', 'added_at', 'user_id'];
  const defaultName = DEFAULT_HINTS['name']!;
  return {
    ...DEFAULT_HINTS,
    // A person beside person-like fields, a function-like identifier for tools (the default), else a title.
    name: (ctx) => {
      if (personSiblings.some((k) => ctx.hasSibling(k)) || ctx.siblingConst('object') === 'organization.user')
        return person(ctx);
      const tag = ctx.siblingConst('type');
      if (typeof tag === 'string' && /function|tool|custom/.test(tag)) return defaultName(ctx);
      if (['arguments', 'parameters', 'input_schema'].some((k) => ctx.hasSibling(k))) return defaultName(ctx);
      drawing = ctx.random;
      return titleCase(`${f.word.adjective()} ${f.word.noun()}`);
    },
    first_name: fromFaker((f) => f.person.firstName()),
    last_name: fromFaker((f) => f.person.lastName()),
    full_name: person,
    username: fromFaker((f) => f.internet.username().toLowerCase()),
    email,
    phone: fromFaker((f) => f.phone.number({ style: 'international' })),
    city: fromFaker((f) => f.location.city()),
    country: fromFaker((f) => f.location.country()),
    address: fromFaker((f) => f.location.streetAddress()),
    company: fromFaker((f) => f.company.name()),
    company_name: fromFaker((f) => f.company.name()),
    organization: fromFaker((f) => f.company.name()),
    product: fromFaker((f) => f.commerce.productName()),
    product_name: fromFaker((f) => f.commerce.productName()),
    color: fromFaker((f) => f.color.human()),
    url,
    title: fromFaker((f) => titleCase(f.word.words({ count: { min: 2, max: 4 } }))),
    description: sentence,
    summary: sentence,
    instructions: fromFaker(
      (f) => `You are a helpful assistant for ${f.company.name()}. ${f.company.catchPhrase()}.`,
    ),
  };
}
