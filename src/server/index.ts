export type { BuildAppOptions } from './fastify/app.js';
export { buildApp } from './fastify/app.js';
export type { MockServer, StartMockServerOptions } from './fastify/start.js';
export { startMockServer } from './fastify/start.js';
