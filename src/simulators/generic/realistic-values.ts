/**
 * Realistic values for what a schema names but no simulator owns — people, companies, products, e-mails,
 * URLs, titles, descriptions — from `@faker-js/faker`, seeded by the sampler's own stream at every value so
 * answers stay deterministic and independent of request order.
 *
 * Faker's English locale costs ~120 ms to import, so it loads with the first generic request (awaited there,
 * before any sampling, so an answer never depends on whether it had loaded yet) and never on the chat or
 * Responses paths, which keep their own word lists.
 */
import type { Faker } from '@faker-js/faker';
import type { Contract } from '../../contract/index.js';
import {
  DEFAULT_HINTS,
  type HintContext,
  randomId,
  type SampleHint,
  type SampleHints,
} from '../../fixtures/index.js';
import { idShapeFor } from './id-prefixes.js';

let faker: Faker | undefined;
let loading: Promise<void> | undefined;
const byContract = new WeakMap<Contract, SampleHints>();

/** Loads faker once; later calls resolve at once. */
export function loadRealisticValues(): Promise<void> {
  loading ??= import('@faker-js/faker/locale/en').then((m) => {
    faker = m.faker;
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
  /** A hint drawing from faker, re-seeded from the sampler's stream each time. */
  const seeded =
    (make: (f: Faker, ctx: HintContext) => unknown): SampleHint =>
    (ctx) => {
      f.seed(ctx.random.int(0, 0x7fffffff));
      return make(f, ctx);
    };
  const person = seeded((f) => `${f.person.firstName()} ${f.person.lastName()}`);
  const email = seeded((f) =>
    f.internet.email({ provider: 'example.com', allowSpecialCharacters: false }).toLowerCase(),
  );
  const url = seeded((f) => `https://${f.internet.domainWord()}.example.com/${f.word.noun()}`);
  const sentence = seeded((f) => `${f.company.catchPhrase()}.`);
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
      f.seed(ctx.random.int(0, 0x7fffffff));
      return titleCase(`${f.word.adjective()} ${f.word.noun()}`);
    },
    first_name: seeded((f) => f.person.firstName()),
    last_name: seeded((f) => f.person.lastName()),
    full_name: person,
    username: seeded((f) => f.internet.username().toLowerCase()),
    email,
    phone: seeded((f) => f.phone.number({ style: 'international' })),
    city: seeded((f) => f.location.city()),
    country: seeded((f) => f.location.country()),
    address: seeded((f) => f.location.streetAddress()),
    company: seeded((f) => f.company.name()),
    company_name: seeded((f) => f.company.name()),
    organization: seeded((f) => f.company.name()),
    product: seeded((f) => f.commerce.productName()),
    product_name: seeded((f) => f.commerce.productName()),
    color: seeded((f) => f.color.human()),
    url,
    title: seeded((f) => titleCase(f.word.words({ count: { min: 2, max: 4 } }))),
    description: sentence,
    summary: sentence,
    instructions: seeded(
      (f) => `You are a helpful assistant for ${f.company.name()}. ${f.company.catchPhrase()}.`,
    ),
  };
}
