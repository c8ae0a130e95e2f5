import type { MockResponse } from './types.js';

/** The body the real API sends with every error. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export interface OpenAIErrorInit {
  type?: string;
  param?: string | null;
  code?: string | null;
  headers?: Record<string, string>;
}

/**
 * Thrown anywhere in the pipeline to answer with an OpenAI-shaped error; the pipeline turns it into a
 * response, so handlers can bail out from deep helpers without threading responses back.
 */
export class OpenAIHttpError extends Error {
  override name = 'OpenAIHttpError';
  readonly status: number;
  readonly body: OpenAIErrorBody;
  readonly headers: Record<string, string>;

  constructor(status: number, message: string, init: OpenAIErrorInit = {}) {
    super(message);
    this.status = status;
    this.headers = init.headers ?? {};
    this.body = {
      error: {
        message,
        type: init.type ?? defaultType(status),
        param: init.param ?? null,
        code: init.code ?? null,
      },
    };
  }

  toResponse(): MockResponse {
    return { status: this.status, headers: { ...this.headers }, body: { kind: 'json', value: this.body } };
  }
}

function defaultType(status: number): string {
  if (status === 401) return 'invalid_request_error';
  if (status === 429) return 'requests';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** The real API's answers to common mistakes, worded as it words them. */
export const apiErrors = {
  malformedJson: () =>
    new OpenAIHttpError(
      400,
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
    ),
  jsonTooDeep: (limit: number) =>
    new OpenAIHttpError(
      400,
      `We could not parse the JSON body of your request: arrays and objects nest more than ${limit} levels deep, openai-mock's limit (limits.jsonDepth, --max-json-depth).`,
      { code: 'json_too_deep' },
    ),
  malformedMultipart: () =>
    new OpenAIHttpError(
      400,
      'Could not parse multipart form data: check that the body matches the boundary in the content-type header.',
    ),
  badUrl: (method: string, url: string) =>
    new OpenAIHttpError(400, `Invalid URL (${method} ${url}): it is not valid percent-encoding.`, {
      code: 'invalid_url',
    }),
  unknownRoute: (method: string, path: string) => new OpenAIHttpError(404, `Invalid URL (${method} ${path})`),
  methodNotAllowed: (method: string, path: string, allowed: string[]) =>
    new OpenAIHttpError(405, `Invalid method for URL (${method} ${path})`, {
      headers: { allow: allowed.join(', ') },
    }),
  bodyTooLarge: (limit: number) =>
    new OpenAIHttpError(413, `Request body too large: the limit is ${limit} bytes.`, {
      code: 'request_too_large',
    }),
  missingApiKey: () =>
    new OpenAIHttpError(
      401,
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
    ),
  invalidApiKey: (key: string) =>
    new OpenAIHttpError(
      401,
      `Incorrect API key provided: ${maskKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
      { code: 'invalid_api_key' },
    ),
  modelNotFound: (model: string) =>
    new OpenAIHttpError(404, `The model \`${model}\` does not exist or you do not have access to it.`, {
      code: 'model_not_found',
    }),
  notFound: (what: string, id: string, param?: string) =>
    new OpenAIHttpError(404, `No ${what} found with id '${id}'.`, { param: param ?? null }),
  serverError: (detail?: string) =>
    new OpenAIHttpError(
      500,
      `The server had an error while processing your request. Sorry about that!${detail ? ` (${detail})` : ''}`,
    ),
};

/** Shows a key the way the real API does in its 401 message: first and last few characters only. */
export function maskKey(key: string): string {
  if (key.length <= 8) return '*'.repeat(key.length);
  return `${key.slice(0, 3)}${'*'.repeat(Math.max(4, key.length - 7))}${key.slice(-4)}`;
}
