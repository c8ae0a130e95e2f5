/** openai-mock: the engine and its factories. Doors and rooms have their own entry points (./server, ./msw, ./nock, ./client, ./fixtures). */

export type { Contract, Operation, Violation } from './contract/index.js';
export { loadContract, locateSpec, SpecNotFoundError } from './contract/index.js';
export * from './engine/index.js';
export * from './record/index.js';
export type { MockServer, StartMockServerOptions } from './server/fastify/start.js';
export { startMockServer } from './server/fastify/start.js';
