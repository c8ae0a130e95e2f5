import type { CreateEngineOptions } from '../engine/engine.js';
import type { CassetteOptions } from './install-cassettes.js';
import { goesUpstream, resolveMode } from './mode.js';

/** The real API's address, intercepted by default. */
export const OPENAI_ORIGIN = 'https://api.openai.com';

export interface InterceptTarget {
  origin: string;
  /** What comes before `/v1` in the base URL's path (`/openai` for `https://proxy.example/openai/v1`); stripped. */
  prefix: string;
}

/** Where an in-process door (msw, nock) listens: one target per base URL, `/v1` left to the engine. */
export function interceptTargets(baseURL: string | readonly string[] = OPENAI_ORIGIN): InterceptTarget[] {
  return [baseURL].flat().map((base) => {
    let url: URL;
    try {
      url = new URL(base);
    } catch {
      throw new TypeError(
        `openai-mock: baseURL '${base}' is not a URL; pass one like https://api.openai.com/v1.`,
      );
    }
    const prefix = url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '');
    return { origin: url.origin, prefix };
  });
}

/**
 * Engine options for an in-process door: recording reaches the upstream with `passFetch` (a fetch the door's
 * own interception lets through), and while traffic goes to the real API the real API judges it, so unknown
 * models and request-schema drift are noted rather than refused (unless the caller chose otherwise).
 */
export function inProcessEngineOptions<T extends CreateEngineOptions>(
  options: T,
  passFetch: typeof fetch,
): CreateEngineOptions {
  const cassettes = options.features?.['cassettes'] as CassetteOptions | undefined;
  if (!cassettes) return options;
  const upstream = goesUpstream(resolveMode(cassettes.mode, cassettes.env));
  return {
    ...(upstream && { acceptAnyModel: true, validation: 'warn' as const }),
    ...options,
    features: { ...options.features, cassettes: { fetch: passFetch, ...cassettes } },
  };
}
