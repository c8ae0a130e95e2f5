import { OpenAIHttpError } from '../../engine/errors.js';
import type { ScriptedReply } from '../../fixtures/scripted/index.js';

type ErrorSpec = NonNullable<ScriptedReply['error']>;

/** What the real API says for a status when a rule gives only the status. */
function defaults(
  status: number,
  model: string,
): { message: string; type: string; code: string | null; headers?: Record<string, string> } {
  switch (status) {
    case 400:
      return { message: 'Invalid request.', type: 'invalid_request_error', code: null };
    case 401:
      return {
        message:
          'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
        type: 'invalid_request_error',
        code: 'invalid_api_key',
      };
    case 403:
      return {
        message: 'You are not allowed to sample from this model',
        type: 'invalid_request_error',
        code: null,
      };
    case 404:
      return {
        message: `The model \`${model}\` does not exist or you do not have access to it.`,
        type: 'invalid_request_error',
        code: 'model_not_found',
      };
    case 429:
      return {
        message: `Rate limit reached for ${model || 'the model'} in organization org-mock on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.`,
        type: 'requests',
        code: 'rate_limit_exceeded',
        headers: { 'retry-after': '20' },
      };
    case 503:
      return {
        message: 'The engine is currently overloaded, please try again later.',
        type: 'server_error',
        code: null,
      };
    default:
      return status >= 500
        ? {
            message: 'The server had an error while processing your request. Sorry about that!',
            type: 'server_error',
            code: null,
          }
        : { message: 'Invalid request.', type: 'invalid_request_error', code: null };
  }
}

/** The OpenAI-shaped error a rule answers with; fields it leaves out take the real API's usual values. */
export function scriptedError(spec: ErrorSpec, model: string): OpenAIHttpError {
  const d = defaults(spec.status, model);
  return new OpenAIHttpError(spec.status, spec.message ?? d.message, {
    type: spec.type ?? d.type,
    code: spec.code !== undefined ? spec.code : d.code,
    param: spec.param ?? null,
    headers: { ...d.headers, ...spec.headers },
  });
}
