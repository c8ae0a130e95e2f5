// `npm start` builds only when a source changed since the last build: a full `tsc` takes ~14 s.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const stamp = 'dist/.tsbuildinfo';
const newest = (path) =>
  statSync(path).isDirectory()
    ? Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))))
    : statSync(path).mtimeMs;

const built = existsSync(stamp) && existsSync('dist/cli.js') ? statSync(stamp).mtimeMs : 0;
const inputs = ['src', 'package.json', 'tsconfig.json', 'tsconfig.build.json'];
if (!built || Math.max(...inputs.map(newest)) > built)
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
