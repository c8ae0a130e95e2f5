import { CASSETTE_ERROR_CODES, CassetteError } from './errors.js';

/**
 * - `replay`: answer from cassettes only; a miss is an error and nothing reaches the network (the CI default).
 * - `record`: always go upstream and record; the cassette is rewritten with what this run saw.
 * - `update`: replay hits, go upstream for misses and add them.
 * - `passthrough`: go upstream, record nothing.
 * - `replay-or-mock`: replay hits, let the simulator answer misses.
 */
export const CASSETTE_MODES = ['replay', 'record', 'update', 'passthrough', 'replay-or-mock'] as const;
export type CassetteMode = (typeof CASSETTE_MODES)[number];

/** The environment variable that overrides the mode given in code, e.g. to re-record in one command. */
export const MODE_ENV = 'OPENAI_MOCK_CASSETTE_MODE';

/** The mode in force: the environment variable wins over the option; unknown values fail with the list. */
export function resolveMode(option: string | undefined, env: NodeJS.ProcessEnv = process.env): CassetteMode {
  const fromEnv = env[MODE_ENV]?.trim();
  const [value, source] = fromEnv ? [fromEnv, MODE_ENV] : [option ?? 'replay', 'cassette mode'];
  if (!(CASSETTE_MODES as readonly string[]).includes(value))
    throw new CassetteError(
      CASSETTE_ERROR_CODES.badOption,
      `openai-mock: ${source} '${value}' is not a mode; use one of ${CASSETTE_MODES.join(', ')}.`,
    );
  return value as CassetteMode;
}

/** Modes that send requests to the real API. */
export const goesUpstream = (mode: CassetteMode) =>
  mode === 'record' || mode === 'update' || mode === 'passthrough';
