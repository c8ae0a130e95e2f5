/**
 * Operations no simulator owns, answered by the generic resource layer: a create (sampled from the success
 * schema, with the request's fields carried over, stored) as a ratio to a bare fastify route that sends the
 * same bytes, measured in this one run.
 * Run: npm run bench -- generic
 */
import { execFileSync } from 'node:child_process';
import { loadContract } from '../dist/contract/index.js';
import { createRandom, DEFAULT_HINTS, sampleSchema } from '../dist/fixtures/index.js';
import { startMockServer } from '../dist/server/index.js';
import { loadRealisticValues, realisticHints } from '../dist/simulators/generic/realistic-values.js';
import { compareWithBareReplay, type ReplayCase, ratio, report } from './lib.js';

/**
 * Faker's cost: what loading its English locale takes (once, with the first generic request), and the CPU
 * time of sampling a create answer with the faker hints against the plain word lists, interleaved in this run.
 */
async function benchFakerCost() {
  const importMs = execFileSync(process.execPath, [
    '-e',
    "const t=performance.now();import('@faker-js/faker/locale/en').then(()=>console.log((performance.now()-t).toFixed(0)))",
  ])
    .toString()
    .trim();
  report('faker English locale, import (once per process)', `${importMs} ms`);
  const contract = await loadContract();
  await loadRealisticValues();
  const faker = realisticHints(contract);
  for (const name of ['AssistantObject', 'VectorStoreObject', 'User']) {
    const schema = { $ref: `#/components/schemas/${name}` };
    const time = (hints: typeof DEFAULT_HINTS, n: number) => {
      const start = performance.now();
      for (let i = 0; i < n; i++)
        sampleSchema(schema, { random: createRandom(i), resolveRef: (r) => contract.resolveRef(r), hints });
      return performance.now() - start;
    };
    time(DEFAULT_HINTS, 200);
    time(faker, 200);
    let plain = 0;
    let withFaker = 0;
    for (let round = 0; round < 5; round++) {
      plain += time(DEFAULT_HINTS, 400);
      withFaker += time(faker, 400);
    }
    const us = (ms: number) => ((ms * 1000) / 2000).toFixed(1);
    report(
      `sample ${name}: faker hints vs word lists, µs`,
      `${us(withFaker)} vs ${us(plain)} (${ratio(withFaker, plain)})`,
    );
  }
}

export async function benchGeneric(duration = 3) {
  const mock = await startMockServer({ port: 0, seed: 1, checkResponses: false, warn: () => {} });
  const cases: ReplayCase[] = [
    {
      name: 'POST /v1/assistants (generic create)',
      path: '/assistants',
      body: { model: 'gpt-4o', name: 'Math tutor', instructions: 'You are a personal math tutor.' },
    },
    {
      name: 'POST /v1/vector_stores (generic create)',
      path: '/vector_stores',
      body: { name: 'Support FAQ', metadata: { team: 'support' } },
    },
  ];
  await compareWithBareReplay(mock.url, cases, duration);
  await mock.close();
  await benchFakerCost();
}

if (import.meta.url === `file://${process.argv[1]}`) await benchGeneric();
