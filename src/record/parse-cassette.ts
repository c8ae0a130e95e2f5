import { CASSETTE_ERROR_CODES, CassetteError } from './errors.js';
import { CASSETTE_VERSION, type Cassette, type Interaction } from './format.js';

const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Reads a cassette's text into a `Cassette`, checking its shape so that a hand-edited or truncated file
 * fails once, at load, with a one-line message naming the file, the place and the fix, rather than later
 * as a puzzling miss.
 */
export function parseCassette(text: string, path: string): Cassette {
  const fail = (where: string, problem: string): never => {
    throw new CassetteError(
      CASSETTE_ERROR_CODES.corrupt,
      `openai-mock: cassette ${path} is corrupt: ${where}${problem}; fix the file or delete it and record again (mode 'record').`,
      { path },
    );
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return fail('', `not valid JSON (${(error as Error).message.split('\n')[0]})`);
  }
  if (!isObject(data)) return fail('', 'expected an object { version, meta, interactions }');
  if (typeof data['version'] === 'number' && data['version'] > CASSETTE_VERSION)
    throw new CassetteError(
      CASSETTE_ERROR_CODES.corrupt,
      `openai-mock: cassette ${path} has format version ${data['version']}, newer than this openai-mock reads (${CASSETTE_VERSION}); upgrade openai-mock.`,
      { path },
    );
  if (data['version'] !== CASSETTE_VERSION) fail('/version ', `must be ${CASSETTE_VERSION}`);
  const meta = data['meta'];
  if (!isObject(meta)) fail('/meta ', 'must be an object');
  const list = data['interactions'];
  if (!Array.isArray(list)) return fail('/interactions ', 'must be an array');
  for (const [i, item] of list.entries()) checkInteraction(item, `/interactions/${i}`, fail);
  return data as unknown as Cassette;
}

function checkInteraction(item: unknown, at: string, fail: (where: string, problem: string) => never): void {
  if (!isObject(item)) fail(`${at} `, 'must be an object { request, response }');
  const { request, response } = item as Record<string, unknown>;
  if (!isObject(request)) fail(`${at}/request `, 'must be an object');
  if (typeof request['method'] !== 'string') fail(`${at}/request/method `, 'must be a string');
  if (typeof request['path'] !== 'string' || !request['path'].startsWith('/'))
    fail(`${at}/request/path `, "must be a string starting with '/'");
  if (!isObject(request['query'])) fail(`${at}/request/query `, 'must be an object');
  if (!isObject(request['headers'])) fail(`${at}/request/headers `, 'must be an object');
  if (
    request['body'] !== undefined &&
    !['json', 'text', 'base64', 'multipart'].some((k) => k in (request['body'] as object))
  )
    fail(`${at}/request/body `, 'must hold one of json, text, base64, multipart');
  if (!isObject(response)) fail(`${at}/response `, 'must be an object');
  if (!Number.isInteger(response['status'])) fail(`${at}/response/status `, 'must be an integer');
  if (!isObject(response['headers'])) fail(`${at}/response/headers `, 'must be an object');
  const body = response['body'];
  if (body === undefined) return;
  if (!isObject(body)) fail(`${at}/response/body `, 'must be an object');
  if ('sse' in body) {
    if (!Array.isArray(body['sse'])) fail(`${at}/response/body/sse `, 'must be an array of events');
    (body['sse'] as unknown[]).forEach((ev, j) => {
      if (!isObject(ev) || typeof ev['ms'] !== 'number' || !('data' in ev))
        fail(`${at}/response/body/sse/${j} `, 'must be an object { ms, data }');
    });
    if (body['end'] !== 'done' && body['end'] !== 'cut')
      fail(`${at}/response/body/end `, "must be 'done' or 'cut'");
  } else if ('base64' in body || 'text' in body) {
    if (typeof body['contentType'] !== 'string') fail(`${at}/response/body/contentType `, 'must be a string');
  } else if (!('json' in body)) fail(`${at}/response/body `, 'must hold one of json, text, base64, sse');
}

export type { Interaction };
