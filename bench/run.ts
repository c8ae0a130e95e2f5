/**
 * `npm run bench [-- NAME…]`: each benchmark reports ratios measured side by side in this one run.
 * Needs `npm run build` first for the cold-start case (it spawns the built bin, as a user would).
 */
import { benchColdStart } from './cold-start.js';
import { benchThroughput } from './throughput.js';

const benches: Record<string, () => Promise<void>> = {
  'cold-start': () => benchColdStart(),
  throughput: () => benchThroughput(),
};

const wanted = process.argv.slice(2);
for (const name of wanted.length ? wanted : Object.keys(benches)) {
  const bench = benches[name];
  if (!bench) {
    process.stderr.write(
      `bench: unknown benchmark '${name}'; choose from ${Object.keys(benches).join(', ')}\n`,
    );
    process.exit(2);
  }
  process.stdout.write(`\n## ${name}\n`);
  await bench();
}
