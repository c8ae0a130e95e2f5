import { describe, expect, it } from 'vitest';
import { errorFromResponse } from '../../src/client/error-from-response.js';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  isAPIError,
  isOpenAIClientError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from '../../src/client/errors.js';

const openaiBody = JSON.stringify({
  error: { message: 'Bad model', type: 'invalid_request_error', param: 'model', code: 'model_not_found' },
});

describe('errorFromResponse', () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
    [418, APIError],
  ])('maps status %i to its class', (status, Class) => {
    const error = errorFromResponse(status, new Headers(), openaiBody);
    expect(error).toBeInstanceOf(Class);
    expect(error.constructor).toBe(Class);
    expect(error.name).toBe(Class.name);
  });

  it('carries status, headers, request id and the body fields', () => {
    const error = errorFromResponse(404, new Headers({ 'x-request-id': 'req_123' }), openaiBody);
    expect(error).toMatchObject({
      status: 404,
      requestID: 'req_123',
      code: 'model_not_found',
      param: 'model',
      type: 'invalid_request_error',
      message: '404 Bad model',
      error: { message: 'Bad model' },
    });
    expect(error.headers?.get('x-request-id')).toBe('req_123');
  });

  it('describes an HTML gateway page by its title', () => {
    const html =
      '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
    const error = errorFromResponse(502, new Headers({ 'content-type': 'text/html' }), html);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message).toBe(
      '502 non-JSON error body (HTML, probably from a proxy or gateway in front of the API): "502 Bad Gateway"; the service or the gateway is failing, retrying later usually helps',
    );
    expect(error.error).toBeUndefined();
  });

  it('recognizes HTML without a content type and without a title', () => {
    const error = errorFromResponse(
      403,
      new Headers(),
      '<!DOCTYPE html><body><p>Access &amp; denied</p></body>',
    );
    expect(error.message).toBe(
      '403 non-JSON error body (HTML, probably from a proxy or gateway in front of the API): "Access & denied"',
    );
  });

  it('quotes a plain-text body, truncated', () => {
    const error = errorFromResponse(
      500,
      new Headers({ 'content-type': 'text/plain' }),
      `upstream connect error ${'x'.repeat(500)}`,
    );
    expect(error.message.startsWith('500 non-JSON error body: "upstream connect error xxx')).toBe(true);
    expect(error.message.length).toBeLessThan(260);
  });

  it('says when there is no body at all', () => {
    expect(errorFromResponse(503, new Headers(), '').message).toBe('503 status code (no body)');
  });

  it('uses a JSON body without an error wrapper as the error itself', () => {
    const error = errorFromResponse(400, new Headers(), '{"message":"flat","code":"x"}');
    expect(error).toMatchObject({ message: '400 flat', code: 'x' });
  });
});

describe('error classes', () => {
  it('have brands that survive without instanceof', () => {
    const foreign = Object.assign(Object.create(null), {
      [Symbol.for('openai-mock.client.api-error')]: true,
      [Symbol.for('openai-mock.client.error')]: true,
    });
    expect(isAPIError(foreign)).toBe(true);
    expect(isOpenAIClientError(new RateLimitError(429, undefined, 'x', new Headers()))).toBe(true);
    expect(isAPIError(new Error('plain'))).toBe(false);
  });

  it('give connection, timeout and abort errors their own names and no status', () => {
    const cause = new TypeError('fetch failed');
    const connection = new APIConnectionError('Connection error: GET x: fetch failed', { cause });
    expect(connection).toMatchObject({ name: 'APIConnectionError', status: undefined, cause });
    expect(new APIConnectionTimeoutError()).toBeInstanceOf(APIConnectionError);
    expect(new APIConnectionTimeoutError().name).toBe('APIConnectionTimeoutError');
    expect(new APIUserAbortError().message).toBe('Request was aborted.');
  });
});
