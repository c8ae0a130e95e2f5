import { relative } from 'node:path';
import type { CassetteProblem, CassetteReport } from './validate-cassettes.js';

/**
 * The report as a person reads it: one line per cassette, one indented line per problem naming the
 * interaction, what was checked (request, response, event N, stream) and the JSON pointer.
 */
export function formatCassetteReport(report: CassetteReport, cwd = process.cwd()): string {
  const lines: string[] = [];
  for (const c of report.cassettes) {
    const name = relative(cwd, c.path) || c.path;
    const state = c.problems.length ? 'FAIL ' : c.stale ? 'STALE' : 'ok   ';
    const stale = c.stale
      ? `; stale: recorded against document ${c.stale.recorded}, checked against ${c.stale.current}`
      : '';
    lines.push(`${state} ${name} (${c.interactions} interaction${c.interactions === 1 ? '' : 's'}${stale})`);
    for (const p of c.problems) lines.push(`      ${describe(p)}`);
  }
  const failed = report.cassettes.filter((c) => c.problems.length).length;
  const summary = report.problems
    ? `${report.problems} problem${report.problems === 1 ? '' : 's'} in ${failed} of ${report.cassettes.length} cassette${report.cassettes.length === 1 ? '' : 's'}`
    : `${report.cassettes.length} cassette${report.cassettes.length === 1 ? ' matches' : 's match'} the document`;
  lines.push(
    report.stale
      ? `${summary}; ${report.stale} stale (re-record with OPENAI_MOCK_CASSETTE_MODE=record).`
      : `${summary}.`,
  );
  return `${lines.join('\n')}\n`;
}

function describe(p: CassetteProblem): string {
  if (p.interaction === null) return p.message;
  const where = p.where === 'event' ? `event ${p.event}` : p.where;
  return `#${p.interaction} ${where} ${p.pointer || '/'}: ${p.message}`;
}
