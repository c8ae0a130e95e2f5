import { closest, distance } from 'fastest-levenshtein';

/** ` (did you mean 'port'?)` when a known name is close to the unknown one, else an empty string. */
export function didYouMean(unknown: string, known: readonly string[]): string {
  if (!known.length) return '';
  const best = closest(unknown, known as string[]);
  // Close means a typo: at most a third of the longer name changed (prot → port, srve → serve).
  return distance(unknown, best) <= Math.max(1, Math.floor(Math.max(unknown.length, best.length) / 3))
    ? ` (did you mean '${best}'?)`
    : '';
}
