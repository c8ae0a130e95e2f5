// Webhook verification against fixed vectors computed here with node:crypto (not with the code under
// test), cross-checked with the official SDK's `webhooks.unwrap`: both accept the same good deliveries and
// reject the same bad ones. (The fake server's webhook sender is issue 18; it does not exist yet.)

import { createHmac } from 'node:crypto';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { InvalidWebhookSignatureError, OpenAIClient } from '../../src/client/index.js';

const rawKey = Buffer.from('a fixed 32-byte key for the tests!!');
const secret = `whsec_${rawKey.toString('base64')}`;
const body = JSON.stringify({
  id: 'evt_685c059ae3a481909bdc86819b066fb6',
  object: 'event',
  created_at: 1750861210,
  type: 'response.completed',
  data: { id: 'resp_123' },
});
const id = 'wh_685c059ae39c8190b81d8f8a3d8e1d3b';

function signed(at: number, content = body, key: Buffer = rawKey, msgId = id) {
  const signature = createHmac('sha256', key).update(`${msgId}.${at}.${content}`).digest('base64');
  return { 'webhook-id': msgId, 'webhook-timestamp': String(at), 'webhook-signature': `v1,${signature}` };
}

const now = () => Math.floor(Date.now() / 1000);
const ours = new OpenAIClient({ apiKey: 'k', webhookSecret: secret });
const sdk = new OpenAI({ apiKey: 'k', webhookSecret: secret });

/** 'ok' or the error's class name, for both clients. */
async function verdicts(headers: Record<string, string>, content = body, key?: string) {
  const run = (p: Promise<unknown>) => p.then(() => 'ok').catch((e: Error) => e.constructor.name);
  return {
    ours: await run(ours.webhooks.unwrap(content, headers, key)),
    sdk: await run(sdk.webhooks.unwrap(content, headers, key)),
  };
}

describe('webhooks.unwrap / verifySignature', () => {
  it('accepts a delivery signed with the secret and parses the event, as the SDK does', async () => {
    const headers = signed(now());
    expect(await ours.webhooks.unwrap(body, headers)).toEqual(JSON.parse(body));
    expect(await ours.webhooks.unwrap(body, new Headers(headers))).toMatchObject({
      type: 'response.completed',
    });
    expect(await verdicts(headers)).toEqual({ ours: 'ok', sdk: 'ok' });
  });

  it('matches a fixed vector: one of several signatures may match', async () => {
    // HMAC-SHA256(rawKey, "wh_….1750861210.<body>") as node:crypto computes it.
    const at = 1750861210;
    const good = signed(at)['webhook-signature'];
    const headers = {
      ...signed(at),
      'webhook-signature': `v1,${Buffer.alloc(32).toString('base64')} ${good}`,
    };
    const frozen = new OpenAIClient({ apiKey: 'k', webhookSecret: secret });
    const clock = at * 1000 + 5_000;
    const verifier = new (
      frozen.webhooks.constructor as new (
        s: string,
        n: () => number,
      ) => typeof frozen.webhooks
    )(secret, () => clock);
    await expect(verifier.verifySignature(body, headers)).resolves.toBeUndefined();
  });

  it('rejects what the SDK rejects: tampered body, wrong secret, old or future timestamp, missing headers', async () => {
    const cases: Array<[string, Record<string, string>, string?, string?]> = [
      ['tampered body', signed(now()), body.replace('resp_123', 'resp_999')],
      ['wrong secret', signed(now(), body, Buffer.from('another key entirely, 32 bytes!!'))],
      ['too old', signed(now() - 301)],
      ['too new', signed(now() + 301)],
      ['other id', { ...signed(now()), 'webhook-id': 'wh_other' }],
      [
        'not v1',
        { ...signed(now()), 'webhook-signature': signed(now())['webhook-signature'].replace('v1,', 'v2,') },
      ],
    ];
    for (const [name, headers, content] of cases) {
      const result = await verdicts(headers, content ?? body);
      expect(result, name).toEqual({
        ours: 'InvalidWebhookSignatureError',
        sdk: 'InvalidWebhookSignatureError',
      });
    }
    // A missing header: the SDK throws a plain Error; we throw the same typed error as for a bad signature.
    expect(await verdicts({ 'webhook-id': id, 'webhook-timestamp': String(now()) })).toEqual({
      ours: 'InvalidWebhookSignatureError',
      sdk: 'Error',
    });
    await expect(ours.webhooks.verifySignature(body, signed(now() - 301))).rejects.toThrow(/too old/);
    expect(InvalidWebhookSignatureError.name).toBe('InvalidWebhookSignatureError');
  });

  it('accepts within the tolerance window, and a custom tolerance', async () => {
    expect(await verdicts(signed(now() - 290))).toEqual({ ours: 'ok', sdk: 'ok' });
    await expect(
      ours.webhooks.verifySignature(body, signed(now() - 1000), undefined, 2000),
    ).resolves.toBeUndefined();
  });

  it('uses a secret without the whsec_ prefix as UTF-8 bytes, as the SDK does', async () => {
    const plain = 'plain-text-secret';
    const headers = signed(now(), body, Buffer.from(plain, 'utf8'));
    expect(await verdicts(headers, body, plain)).toEqual({ ours: 'ok', sdk: 'ok' });
  });

  it('says how to give a secret when there is none', async () => {
    const bare = new OpenAIClient({ apiKey: 'k', webhookSecret: null });
    const saved = process.env['OPENAI_WEBHOOK_SECRET'];
    delete process.env['OPENAI_WEBHOOK_SECRET'];
    try {
      await expect(bare.webhooks.unwrap(body, signed(now()))).rejects.toThrow(
        /webhookSecret option or OPENAI_WEBHOOK_SECRET/,
      );
    } finally {
      if (saved !== undefined) process.env['OPENAI_WEBHOOK_SECRET'] = saved;
    }
  });
});
