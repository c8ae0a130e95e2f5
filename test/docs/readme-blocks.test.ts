/**
 * The README is a contract: every code block with a language runs here, from README.md itself, unless the
 * line before it says `<!-- not run: why -->`. `<!-- run: KIND -->` runs a data block its own way.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import OpenAI from 'openai';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { FaultRuleInput } from '../../src/features/faults/index.js';
import { startMockServer } from '../../src/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const exportsMap = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    exports: Record<string, string | { default: string }>;
  }
).exports;

interface Block {
  line: number;
  lang: string;
  code: string;
  marker: { run: string } | { notRun: string } | undefined;
}

function blocks(text: string): Block[] {
  const lines = text.split('\n');
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const end = lines.indexOf('```', i + 1);
    const before = lines[i - 1] ?? '';
    const run = /^<!-- run: (\w+) -->$/.exec(before)?.[1];
    const notRun = /^<!-- not run: (.+) -->$/.exec(before)?.[1];
    out.push({
      line: i + 1,
      lang: open[1]!,
      code: lines.slice(i + 1, end).join('\n'),
      marker: run ? { run } : notRun ? { notRun } : undefined,
    });
    i = end;
  }
  return out;
}

/** `openai-mock` and its subpaths, mapped from package.json's exports (dist/*.js) onto the sources (src/*.ts). */
function toSources(code: string): string {
  return code.replace(/from '(openai-mock(?:\/[\w/-]+)?)'/g, (_, name: string) => {
    const target = exportsMap[name.replace(/^openai-mock/, '.')];
    const dist = typeof target === 'string' ? target : target?.default;
    if (!dist) throw new Error(`README imports ${name}, which package.json does not export`);
    return `from '${pathToFileURL(join(root, dist.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'))).href}'`;
  });
}

const scratch = join(root, 'test', 'docs', '.readme-blocks');
mkdirSync(scratch, { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const all = blocks(readme);
const code = all.filter((b) => b.lang !== '');

describe('README.md', () => {
  it('marks every code block it does not run, saying why', () => {
    const unmarked = code.filter((b) => !b.marker && !['ts', 'js'].includes(b.lang));
    expect(unmarked.map((b) => `line ${b.line} (${b.lang})`)).toEqual([]);
    expect(code.filter((b) => !b.marker || 'run' in b.marker).length).toBeGreaterThanOrEqual(4);
  });

  // The first block loads the whole document and the tokenizer: room for a cold start on a busy machine.
  for (const block of code.filter((b) => !b.marker && ['ts', 'js'].includes(b.lang)))
    it(`runs the ${block.lang} block at line ${block.line}`, { timeout: 60_000 }, async () => {
      const file = join(scratch, `block-${block.line}.ts`);
      writeFileSync(file, toSources(block.code));
      const logged: unknown[] = [];
      const log = console.log;
      console.log = (...args: unknown[]) => void logged.push(args);
      try {
        await import(pathToFileURL(file).href);
      } finally {
        console.log = log;
      }
    });

  it('the top example needs nothing newer than Node 20 (no `await using`)', () => {
    const top = code.find((b) => b.lang === 'js' || b.lang === 'ts')!;
    expect(top.code).toMatch(/node example\.mjs/);
    expect(top.code).not.toMatch(/^\s*await using/m);
  });

  const fixtures = code.find((b) => b.marker && 'run' in b.marker && b.marker.run === 'fixtures');
  it('runs the fixtures example through a whole tool loop with the official SDK: it ends', async () => {
    const file = join(scratch, 'fixtures.yaml');
    writeFileSync(file, fixtures!.code);
    await using server = await startMockServer({
      port: 0,
      warn: () => {},
      features: { fixtures: { files: [file] } },
    });
    const client = new OpenAI({ apiKey: 'sk-x', baseURL: server.url, maxRetries: 0 });
    const tools = [
      {
        type: 'function' as const,
        function: {
          name: 'get_weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      },
    ];
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'user', content: 'What is the weather in Paris?' },
    ];
    const answers: string[] = [];
    for (let turn = 0; turn < 4; turn++) {
      const reply = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools });
      const message = reply.choices[0]!.message;
      messages.push(message);
      if (!message.tool_calls?.length) {
        answers.push(message.content ?? '');
        break;
      }
      for (const call of message.tool_calls)
        messages.push({ role: 'tool', tool_call_id: call.id, content: '{"temperature":21,"sky":"sunny"}' });
    }
    expect(answers).toEqual(['It is 21 °C and sunny in Paris.']);
    expect(messages).toHaveLength(4); // question, tool call, tool result, answer
  });

  const faults = code.find((b) => b.marker && 'run' in b.marker && b.marker.run === 'faults');
  it('loads the fault-rule shapes as written, and lists them as faults', async () => {
    const rules = parse(faults!.code) as FaultRuleInput[];
    await using server = await startMockServer({ port: 0, warn: () => {}, features: { faults: { rules } } });
    const listed = (await (await fetch(`${server.url.replace(/\/v1$/, '')}/__mock/faults`)).json()) as {
      rules: { faults: unknown[] }[];
    };
    expect(listed.rules.map((r) => r.faults.length)).toEqual([1, 1, 3]);
  });
});
