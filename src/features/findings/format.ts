import type { Finding } from './types.js';

/** Findings as lines for people: the kind, the request and client, then what it did and what to do instead. */
export function formatFindings(findings: readonly Finding[]): string {
  const count = `${findings.length} finding${findings.length === 1 ? '' : 's'}`;
  const lines = findings.map((f) => {
    const who = [f.scope !== null && `test ${f.scope}`, f.apiKey !== null && `key ${f.apiKey}`].filter(
      Boolean,
    );
    return `  ${f.kind}: ${f.method} ${f.path}${who.length ? ` (${who.join(', ')})` : ''}\n    ${f.message}`;
  });
  return `openai-mock: ${count} about how the client retries:\n${lines.join('\n')}`;
}
