/** The baseline for cold start: a fastify process that only parses the OpenAPI document, then serves. */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const doc = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { info: { version: string } };
const app = Fastify();
app.get('/v1/models', async () => ({ object: 'list', data: [], version: doc.info.version }));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/v1\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
