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
