import type { RequestContext } from './context.js';
import { OpenAIHttpError } from './errors.js';

/**
 * A body sent with a content type the operation does not take (JSON as `application/xml`, a form post to a
 * JSON endpoint) is refused as the real API refuses it, instead of being read anyway. Lenient where clients
 * commonly leave the type out or generic: no header, and `text/plain` (fetch's default for a string body).
 */
export function checkContentType(ctx: RequestContext): void {
  const { contract, options } = ctx.engine;
  const accepted = ctx.operation.requestBody?.contentTypes;
  const header = ctx.request.headers['content-type'];
  if (!contract || options.validation === 'off' || !accepted?.length || !header) return;
  if (!ctx.request.rawBody?.byteLength) return;
  const media = header.split(';')[0]!.trim().toLowerCase();
  if (media === 'text/plain' || accepted.some((type) => type.toLowerCase() === media)) return;
  if (media.endsWith('+json') && accepted.includes('application/json')) return;
  const expected = accepted.join("' or '");
  const error = new OpenAIHttpError(
    400,
    `Unsupported content type: '${header}'. This API method only accepts '${expected}' requests, but you specified the header 'Content-Type: ${header}'. Please try again with a supported content type.`,
    { code: 'unsupported_content_type' },
  );
  if (options.validation === 'strict') throw error;
  ctx.violations.push({ in: 'body', pointer: '', message: error.message, keyword: 'contentType' });
}
