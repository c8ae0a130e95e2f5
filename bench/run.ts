/**
 * `npm run bench [-- NAME…]`: each benchmark reports ratios measured side by side in this one run.
 * The cold-start case spawns the built bin, as a user would, so it builds first (npm run build).
 */
const benches: Record<string, () => Promise<unknown>> = {
  'cold-start': () => import('./cold-start.js').then((m) => m.benchColdStart()),
  'contract-compile': () => import('./contract-compile.js').then((m) => m.benchContractCompile()),
  throughput: () => import('./throughput.js').then((m) => m.benchThroughput()),
  'fixtures-sample': () => import('./fixtures-sample.js'),
  chat: () => import('./chat.js').then((m) => m.benchChat()),
  generic: () => import('./generic.js').then((m) => m.benchGeneric()),
  faults: () => import('./faults.js').then((m) => m.benchFaults()),
  batches: () => import('./batches.js').then((m) => m.benchBatches()),
  responses: () => import('./responses.js').then((m) => m.benchResponses()),
  replay: () => import('./replay.js').then((m) => m.benchReplay()),
  'upload-memory': () => import('./upload-memory.js').then((m) => m.benchUploadMemory()),
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
