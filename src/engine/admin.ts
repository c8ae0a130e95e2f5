import { OpenAIHttpError } from './errors.js';
import type { MockResponse } from './types.js';

/** The admin API's prefix: `/__mock/health`, `/__mock/journal`, … on the same server as the API. */
export const ADMIN_PREFIX = '/__mock/';

export interface AdminRequest {
  method: string;
  /** The path after `/__mock/`, e.g. `faults` or `faults/abc`. */
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: unknown;
}

export type AdminHandler = (
  request: AdminRequest,
  params: Record<string, string>,
) => Promise<MockResponse> | MockResponse;

/** A tiny router for the admin API; features add their own routes (`faults`, `fixtures`, `clock`, …). */
export interface AdminRouter {
  /** `path` may hold `:name` segments, e.g. `faults/:id`. */
  route(method: string, path: string, handler: AdminHandler): void;
  handle(request: AdminRequest): Promise<MockResponse>;
}

interface Route {
  method: string;
  segments: string[];
  handler: AdminHandler;
}

export function createAdminRouter(): AdminRouter {
  const routes: Route[] = [];
  return {
    route(method, path, handler) {
      routes.push({ method: method.toUpperCase(), segments: path.split('/').filter(Boolean), handler });
    },
    async handle(request) {
      const parts = request.path.split('/').filter(Boolean);
      let pathMatched = false;
      for (const route of routes) {
        const params = matchSegments(route.segments, parts);
        if (!params) continue;
        pathMatched = true;
        if (route.method === request.method) return route.handler(request, params);
      }
      const verb = pathMatched ? 'Invalid method for' : 'Unknown';
      throw new OpenAIHttpError(
        pathMatched ? 405 : 404,
        `${verb} admin route ${request.method} ${ADMIN_PREFIX}${request.path}; see the README's "Admin API" section.`,
      );
    },
  };
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const v = parts[i]!;
    if (p.startsWith(':')) params[p.slice(1)] = decodeURIComponent(v);
    else if (p !== v) return undefined;
  }
  return params;
}

export const adminJson = (value: unknown, status = 200): MockResponse => ({
  status,
  headers: {},
  body: { kind: 'json', value },
});

export const adminNoContent = (): MockResponse => ({ status: 204, headers: {}, body: { kind: 'none' } });

/** Reads a required JSON object body for an admin route, or answers 400 naming what was expected. */
export function adminObjectBody(request: AdminRequest, what: string): Record<string, unknown> {
  const body = request.body;
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new OpenAIHttpError(
      400,
      `${request.method} ${ADMIN_PREFIX}${request.path}: expected a JSON object (${what}).`,
    );
  return body as Record<string, unknown>;
}
