// Webhook verification as OpenAI signs webhooks (the Standard Webhooks scheme): the `webhook-signature`
// header holds one or more `v1,<base64>` signatures, each an HMAC-SHA256 over `${id}.${timestamp}.${body}`
// keyed with the secret (`whsec_…` secrets are base64 after the prefix; others are used as UTF-8 bytes);
// `webhook-timestamp` must be within `tolerance` seconds of now, either way, so a captured request cannot
// be replayed later. Web Crypto only, so it runs wherever fetch does.

import { OpenAIClientError } from './errors.js';

export type HeadersLike = Headers | Record<string, string | readonly string[] | null | undefined>;

/** The signature, timestamp or secret is wrong or missing. */
export class InvalidWebhookSignatureError extends OpenAIClientError {
  override name = 'InvalidWebhookSignatureError';
}

/** @default 300 seconds, as the official SDK */
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

export interface UnwrapWebhookEvent {
  id: string;
  type: string;
  created_at: number;
  object?: 'event';
  data: Record<string, unknown>;
  [key: string]: unknown;
}

export class Webhooks {
  constructor(
    private readonly defaultSecret: string | undefined,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Verifies the signature, then parses the body. Throws InvalidWebhookSignatureError when it does not verify. */
  async unwrap(
    payload: string,
    headers: HeadersLike,
    secret?: string | null,
    tolerance = DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  ): Promise<UnwrapWebhookEvent> {
    await this.verifySignature(payload, headers, secret, tolerance);
    return JSON.parse(payload) as UnwrapWebhookEvent;
  }

  /** Resolves when one of the signatures matches and the timestamp is within `tolerance` seconds. */
  async verifySignature(
    payload: string,
    headers: HeadersLike,
    secret?: string | null,
    tolerance = DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  ): Promise<void> {
    const key = secret ?? this.defaultSecret;
    if (!key) {
      throw new OpenAIClientError(
        'webhooks: no secret; pass one to unwrap()/verifySignature(), or set the webhookSecret option or OPENAI_WEBHOOK_SECRET',
      );
    }
    const id = header(headers, 'webhook-id');
    const timestamp = header(headers, 'webhook-timestamp');
    const signatures = header(headers, 'webhook-signature');
    if (!id || !timestamp || !signatures) {
      const missing = [
        !id && 'webhook-id',
        !timestamp && 'webhook-timestamp',
        !signatures && 'webhook-signature',
      ];
      throw new InvalidWebhookSignatureError(
        `webhooks: missing header ${missing.filter(Boolean).join(', ')}`,
      );
    }
    const seconds = Number(timestamp);
    if (!/^\d+$/.test(timestamp))
      throw new InvalidWebhookSignatureError('webhooks: invalid webhook-timestamp');
    const nowSeconds = Math.floor(this.now() / 1000);
    if (nowSeconds - seconds > tolerance)
      throw new InvalidWebhookSignatureError('webhooks: the webhook timestamp is too old');
    if (seconds - nowSeconds > tolerance)
      throw new InvalidWebhookSignatureError('webhooks: the webhook timestamp is too new');

    const expected = await sign(key, `${id}.${timestamp}.${payload}`);
    const matches = signatures
      .split(' ')
      .map((entry) => (entry.startsWith('v1,') ? entry.slice(3) : undefined))
      .some((candidate) => candidate !== undefined && sameBytes(decodeBase64(candidate), expected));
    if (!matches) throw new InvalidWebhookSignatureError('webhooks: the signature does not match');
  }
}

/** HMAC-SHA256 of `content` with the webhook secret. */
export async function sign(secret: string, content: string): Promise<Uint8Array> {
  const keyBytes = secret.startsWith('whsec_')
    ? decodeBase64(secret.slice(6))
    : new TextEncoder().encode(secret);
  const key = await globalThis.crypto.subtle.importKey(
    'raw',
    keyBytes as BufferSource,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', key, new TextEncoder().encode(content)));
}

function header(headers: HeadersLike, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  const value = Array.isArray(entry) ? entry.join(' ') : (entry as string | null | undefined);
  return value ?? undefined;
}

function decodeBase64(text: string): Uint8Array {
  try {
    const binary = atob(text);
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return new Uint8Array(0);
  }
}

/** Constant-time comparison (for equal lengths), so timing does not reveal how much of a guess matched. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}
