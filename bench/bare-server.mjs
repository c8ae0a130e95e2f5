// The baseline for cold start: a plain fastify process (no TypeScript loader) that only parses the
// OpenAPI document, then serves the three first requests the cold-start benchmark times, with fixed bodies.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const doc = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const app = Fastify();
app.get('/v1/models', async () => ({ object: 'list', data: [], version: doc.info.version }));
app.post('/v1/chat/completions', async (req) => ({
  object: 'chat.completion',
  model: req.body.model,
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
}));
app.post('/v1/responses', async (req) => ({
  object: 'response',
  model: req.body.model,
  output: [{ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'ok' }] }],
}));
await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`listening on http://127.0.0.1:${app.server.address().port}/v1\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
