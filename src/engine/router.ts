import type { Contract, Operation } from '../contract/index.js';
import { apiErrors } from './errors.js';
import type { OperationHandler } from './handler.js';

export interface Route {
  operation: Operation;
  params: Record<string, string>;
}

/** Both `/v1/chat/completions` and `/chat/completions` are served: SDK test suites use the bare root. */
export function stripVersion(path: string): string {
  const p = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return p === '/v1' ? '/' : p.startsWith('/v1/') ? p.slice(3) : p;
}

/**
 * Finds the operation for a request: through the contract's index when there is a document, else through
 * the simulators' own routes (so the server still simulates its endpoints without one).
 */
export function createRouter(contract: Contract | undefined, handlers: readonly OperationHandler[]) {
  const fallback = contract ? undefined : handlerRoutes(handlers);
  return (method: string, rawPath: string, query: Record<string, string | string[]> = {}): Route => {
    const path = stripVersion(rawPath);
    if (contract) {
      const found = contract.match(method, path, query);
      if (found.operation) return { operation: found.operation, params: found.params };
      if (found.allowedMethods.length)
        throw apiErrors.methodNotAllowed(method, rawPath, found.allowedMethods);
      throw apiErrors.unknownRoute(method, rawPath);
    }
    return fallback!(method, path, rawPath);
  };
}

function handlerRoutes(handlers: readonly OperationHandler[]) {
  const table = handlers.map((h) => ({
    handler: h,
    segments: h.path.split('/').filter(Boolean),
    operation: operationFromHandler(h),
  }));
  return (method: string, path: string, rawPath: string): Route => {
    const parts = path.split('/').filter(Boolean);
    const allowed: string[] = [];
    for (const entry of table) {
      const params = matchTemplate(entry.segments, parts);
      if (!params) continue;
      if (entry.handler.method === method) return { operation: entry.operation, params };
      allowed.push(entry.handler.method);
    }
    if (allowed.length) throw apiErrors.methodNotAllowed(method, rawPath, allowed);
    throw apiErrors.unknownRoute(method, rawPath);
  };
}

function matchTemplate(segments: string[], parts: string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (s.startsWith('{')) params[s.slice(1, -1)] = decodeURIComponent(parts[i]!);
    else if (s !== parts[i]) return undefined;
  }
  return params;
}

function operationFromHandler(h: OperationHandler): Operation {
  return {
    id: h.operationId,
    method: h.method,
    path: h.path,
    pointer: '',
    tags: [],
    deprecated: false,
    pathParams: [...h.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!),
    queryParams: [],
    success: undefined,
    streaming: h.streaming ?? false,
  };
}
