import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cassetteServer, tempDir } from './helpers/cassette-server.js';
import { type FakeUpstream, startFakeUpstream } from './helpers/fake-upstream.js';

const ask = (content: string, extra: object = {}) => ({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user' as const, content }],
  ...extra,
});

describe('a request with no recording', () => {
  const dir = tempDir();
  let upstream: FakeUpstream;

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    const recorder = await cassetteServer({ dir, cassette: 'miss', mode: 'record', upstream: upstream.url });
    await recorder.client.chat.completions.create(ask('Say hi', { temperature: 0.2 }));
    await recorder.client.models.list();
    await recorder.close();
    upstream.seen.length = 0;
  });
  afterAll(() => upstream.close());

  it('fails in replay mode with the request named and a diff against the nearest recording', async () => {
    const replayer = await cassetteServer({ dir, cassette: 'miss', mode: 'replay', upstream: upstream.url });
    const error = await replayer.client.chat.completions
      .create(ask('Say hello', { temperature: 0.2 }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    const { message, code, type } = (error as InstanceType<typeof OpenAI.APIError>).error as {
      message: string;
      code: string;
      type: string;
    };
    expect({ code, type }).toEqual({ code: 'cassette_miss', type: 'openai_mock_error' });
    expect(message).toContain('no recording for POST /v1/chat/completions');
    expect(message).toContain('miss.json');
    expect(message).toContain('Nearest recording, #0 POST /v1/chat/completions, differs at:');
    expect(message).toContain('/body/messages/0/content: recorded "Say hi", sent "Say hello"');
    expect(message).not.toContain('temperature');
    expect(message).toContain('OPENAI_MOCK_CASSETTE_MODE=update');
    expect(replayer.engine.cassettes.misses).toHaveLength(1);
    expect(replayer.journal.entries()[0]?.source).toBe('cassette-miss');
    await replayer.close();
    expect(upstream.seen, 'replay mode never reaches the network').toEqual([]);
  });

  it('is not retried by the SDK', async () => {
    const replayer = await cassetteServer({ dir, cassette: 'miss', mode: 'replay' });
    const client = new OpenAI({ apiKey: 'sk-any-key-1234567890', baseURL: replayer.url, maxRetries: 3 });
    await expect(client.chat.completions.create(ask('other'))).rejects.toThrow(/no recording/);
    expect(replayer.journal.entries()).toHaveLength(1);
    await replayer.close();
  });

  it('is answered by the simulator in replay-or-mock mode while hits still replay', async () => {
    const replayer = await cassetteServer({ dir, cassette: 'miss', mode: 'replay-or-mock' });
    const hit = await replayer.client.chat.completions.create(ask('Say hi', { temperature: 0.2 }));
    const simulated = await replayer.client.chat.completions.create(ask('Say hello'));
    const [first, second] = replayer.journal.entries();
    await replayer.close();
    expect(hit.choices[0]?.message.content).toBe('You said: Say hi');
    expect(simulated.object).toBe('chat.completion');
    expect(first?.source).toBe('cassette');
    expect(second?.source).not.toBe('cassette');
    expect(second?.status).toBe(200);
  });

  it('says so when the cassette does not exist yet', async () => {
    const replayer = await cassetteServer({ dir, cassette: 'never-recorded', mode: 'replay' });
    const error = await replayer.client.models.list().catch((e: unknown) => e);
    await replayer.close();
    expect(String((error as Error).message)).toMatch(
      /no recording for GET \/v1\/models in cassette .*never-recorded\.json[\s\S]*The cassette has no interactions yet/,
    );
  });
});
