// The baseline for cold start: a plain fastify process (no TypeScript loader) that only parses the
// OpenAPI document, then serves one route.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const doc = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const app = Fastify();
app.get('/v1/models', async () => ({ object: 'list', data: [], version: doc.info.version }));
await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`listening on http://127.0.0.1:${app.server.address().port}/v1\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
