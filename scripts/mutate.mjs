// `npm run mutate [-- GROUP…]`: StrykerJS on each group of stryker.config.mjs in turn (all by default),
// then one score per module and per group. Exits 1 when a group scores below 80 %.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { groups } = await import(join(root, 'stryker.config.mjs'));
const wanted = process.argv.slice(2);
const unknown = wanted.filter((g) => !groups[g]);
if (unknown.length) {
  console.error(`mutate: unknown group '${unknown[0]}'; choose from ${Object.keys(groups).join(', ')}`);
  process.exit(2);
}

// Stryker runs the tests from a copy of the project, where `../shared` is not beside it.
const spec = resolve(root, '..', 'shared', 'openai-openapi', 'openapi.json');
const env = {
  ...process.env,
  ...(existsSync(spec) && !process.env.OPENAI_MOCK_SPEC && { OPENAI_MOCK_SPEC: spec }),
};

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);
/** Stryker's mutation score (killed or timed out, of all valid mutants), with the counts behind it. */
const score = (ms) => {
  const count = (status) => ms.filter((m) => m.status === status).length;
  const detected = ms.filter((m) => DETECTED.has(m.status)).length;
  const valid = detected + ms.filter((m) => UNDETECTED.has(m.status)).length;
  const pct = valid ? (detected / valid) * 100 : 100;
  const counts = `killed ${count('Killed')}, timed out ${count('Timeout')}, survived ${count('Survived')}, no coverage ${count('NoCoverage')}`;
  return { pct, line: `${pct.toFixed(1).padStart(5)} %  (${counts})` };
};

const summary = [];
let failed = false;
for (const name of wanted.length ? wanted : Object.keys(groups)) {
  console.log(`\n## mutate ${name}`);
  const run = spawnSync(
    process.execPath,
    [join(root, 'node_modules/@stryker-mutator/core/bin/stryker.js'), 'run'],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...env, MUTATE_GROUP: name },
    },
  );
  const reportPath = join(root, 'reports', 'mutation', `${name}.json`);
  if (!existsSync(reportPath)) {
    summary.push(`${name}: no report (stryker exited with ${run.status})`);
    failed = true;
    continue;
  }
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  const files = Object.entries(report.files);
  const s = score(files.flatMap(([, f]) => f.mutants));
  if (s.pct < 80) failed = true;
  summary.push(`${name.padEnd(52)} ${s.line}${s.pct < 80 ? '  BELOW 80 %' : ''}`);
  for (const [file, { mutants }] of files)
    summary.push(`  ${relative(root, resolve(root, file)).padEnd(50)} ${score(mutants).line}`);
}
console.log(
  `\n## mutation scores: detected (killed or timed out) of all mutants tried (survived and unreached count against)\n${summary.join('\n')}`,
);
process.exit(failed ? 1 : 0);
