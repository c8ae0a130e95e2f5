// Turns a non-2xx response into the right APIError subclass. OpenAI answers with
// `{ "error": { message, type, param, code } }`, but a gateway or proxy in front of it may answer with an
// HTML page or plain text; those still give an error whose message says what came back.

import { type APIError, type APIErrorBody, errorClassForStatus } from './errors.js';

const MAX_TEXT_IN_MESSAGE = 200;

/** Builds the error for a response with `status` whose body (already read) is `text`. */
export function errorFromResponse(status: number, headers: Headers, text: string): APIError {
  const Class = errorClassForStatus(status);
  const json = parseJSON(text);
  if (json !== undefined && json !== null && typeof json === 'object') {
    const inner = (json as Record<string, unknown>)['error'];
    const body = (isObject(inner) ? inner : json) as APIErrorBody;
    return new Class(status, body, `${status} ${messageOf(body)}`, headers);
  }
  return new Class(status, undefined, `${status} ${describeNonJSON(status, headers, text)}`, headers);
}

function messageOf(body: APIErrorBody): string {
  if (typeof body.message === 'string' && body.message !== '') return body.message;
  if (body.message !== undefined && body.message !== null) return JSON.stringify(body.message);
  return JSON.stringify(body);
}

/** A one-line description of a body that is not JSON (HTML from a gateway, plain text, nothing). */
export function describeNonJSON(status: number, headers: Headers, text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return `status code (no body)`;
  const contentType = headers.get('content-type') ?? '';
  if (contentType.includes('html') || /^<(!doctype|html|head|body|title|center|h1)\b/i.test(trimmed)) {
    const summary = htmlSummary(trimmed);
    return (
      `non-JSON error body (HTML, probably from a proxy or gateway in front of the API)` +
      (summary ? `: "${summary}"` : '') +
      (status >= 500 ? '; the service or the gateway is failing, retrying later usually helps' : '')
    );
  }
  return `non-JSON error body: "${truncate(collapse(trimmed))}"`;
}

function htmlSummary(html: string): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const heading = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1];
  const chosen = title ?? heading ?? html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, '');
  return truncate(collapse(decodeEntities(chosen.replace(/<[^>]*>/g, ' '))));
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function truncate(text: string): string {
  return text.length > MAX_TEXT_IN_MESSAGE ? `${text.slice(0, MAX_TEXT_IN_MESSAGE)}…` : text;
}

function parseJSON(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
