import { crc32, inflateSync } from 'node:zlib';
import { createOpenAI } from '@ai-sdk/openai';
import { experimental_generateImage as generateImage } from 'ai';
import OpenAI, { toFile } from 'openai';
import { describe, expect, it } from 'vitest';
import { countTokens } from '../../src/fixtures/index.js';
import { useMockServer } from '../helpers/server.js';

const server = await useMockServer();
const client = server.client;

/** Reads a PNG the way a decoder does: signature, chunk CRCs, IHDR, and the inflated pixel rows. */
function decodePng(bytes: Buffer) {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('ascii', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    expect(bytes.readUInt32BE(at + 8 + length)).toBe(crc32(bytes.subarray(at + 4, at + 8 + length)) >>> 0);
    chunks.push({ type, data });
    at += 12 + length;
  }
  expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  const ihdr = chunks[0]!.data;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const channels = ihdr[9] === 6 ? 4 : 3;
  const pixels = inflateSync(chunks[1]!.data);
  expect(pixels.length).toBe(height * (1 + width * channels));
  return { width, height, channels };
}

const ratio = (size: string) => {
  const [w, h] = size.split('x').map(Number) as [number, number];
  return w / h;
};

describe('image generation with the official SDK', () => {
  it('dall-e-2 answers n stable https URLs by default', async () => {
    const body = { prompt: 'A lighthouse on a cliff at dusk', n: 3 };
    const res = await client.images.generate(body);
    expect(res.created).toBeTypeOf('number');
    expect(res.data).toHaveLength(3);
    const urls = res.data!.map((d) => d.url!);
    for (const url of urls) expect(new URL(url).protocol).toBe('https:');
    expect(new Set(urls).size).toBe(3);
    const again = await client.images.generate(body);
    expect(again.data!.map((d) => d.url)).toEqual(urls);
  });

  it.each(['1024x1024', '1792x1024', '1024x1792'])(
    'dall-e-3 answers a decodable PNG with the %s aspect ratio and a revised prompt',
    async (size) => {
      const res = await client.images.generate({
        model: 'dall-e-3',
        prompt: 'A red fox asleep in the snow',
        size: size as '1024x1024',
        response_format: 'b64_json',
      });
      const [image] = res.data!;
      expect(image!.revised_prompt).toMatch(/^A red fox asleep in the snow, .{20,}/);
      const png = decodePng(Buffer.from(image!.b64_json!, 'base64'));
      expect(png.width / png.height).toBeCloseTo(ratio(size), 5);
    },
  );

  it('gpt-image-1 answers base64 with usage, size, quality, background and output format', async () => {
    const prompt = 'A watercolour map of an imaginary island';
    const res = await client.images.generate({
      model: 'gpt-image-1',
      prompt,
      size: '1536x1024',
      quality: 'low',
    });
    expect(res).toMatchObject({
      background: 'opaque',
      output_format: 'png',
      quality: 'low',
      size: '1536x1024',
    });
    const png = decodePng(Buffer.from(res.data![0]!.b64_json!, 'base64'));
    expect(png.width / png.height).toBeCloseTo(1.5, 5);
    const text = countTokens(prompt, 'gpt-image-1');
    expect(res.usage).toEqual({
      input_tokens: text,
      input_tokens_details: { image_tokens: 0, text_tokens: text },
      output_tokens: 400,
      total_tokens: text + 400,
    });
    const transparent = await client.images.generate({
      model: 'gpt-image-1',
      prompt,
      background: 'transparent',
    });
    expect(decodePng(Buffer.from(transparent.data![0]!.b64_json!, 'base64')).channels).toBe(4);
    const jpeg = await client.images.generate({ model: 'gpt-image-1', prompt, output_format: 'jpeg' });
    const bytes = Buffer.from(jpeg.data![0]!.b64_json!, 'base64');
    expect([...bytes.subarray(0, 3), ...bytes.subarray(-2)]).toEqual([0xff, 0xd8, 0xff, 0xff, 0xd9]);
  });

  it('gpt-image-1 streams partial images, then the completed image with its usage', async () => {
    const stream = await client.images.generate({
      model: 'gpt-image-1',
      prompt: 'A paper boat',
      stream: true,
      partial_images: 2,
    });
    const events = [];
    for await (const event of stream) events.push(event);
    expect(events.map((e) => e.type)).toEqual([
      'image_generation.partial_image',
      'image_generation.partial_image',
      'image_generation.completed',
    ]);
    for (const e of events) decodePng(Buffer.from(e.b64_json, 'base64'));
    expect(events.at(-1)).toMatchObject({ usage: { output_tokens: 4160 } });
  });

  it('answers the real API errors for model limits', async () => {
    const cases = [
      [{ model: 'dall-e-3', prompt: 'x', n: 2 }, 'You must provide n=1 for this model.'],
      [
        { model: 'gpt-image-1', prompt: 'x', response_format: 'url' },
        "Unknown parameter: 'response_format'.",
      ],
      [{ prompt: 'x', size: '1792x1024' }, "Invalid value: '1792x1024'."],
    ] as const;
    for (const [body, message] of cases) {
      const error = await client.images
        .generate(body as OpenAI.ImageGenerateParamsNonStreaming)
        .catch((e) => e);
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect(error.message).toContain(message);
    }
  });
});

describe('image edits and variations (multipart) with the official SDK', () => {
  const source = async () => {
    const res = await client.images.generate({ prompt: 'x', size: '256x256', response_format: 'b64_json' });
    return toFile(Buffer.from(res.data![0]!.b64_json!, 'base64'), 'source.png', { type: 'image/png' });
  };

  it('edits with dall-e-2 and gpt-image-1, billing the input image to gpt-image-1', async () => {
    const edited = await client.images.edit({
      model: 'dall-e-2',
      image: await source(),
      prompt: 'Add a hat',
      n: 2,
    });
    expect(edited.data!.map((d) => new URL(d.url!).protocol)).toEqual(['https:', 'https:']);
    const gpt = await client.images.edit({
      model: 'gpt-image-1',
      image: await source(),
      prompt: 'Add a hat',
    });
    decodePng(Buffer.from(gpt.data![0]!.b64_json!, 'base64'));
    expect(gpt.usage!.input_tokens_details.image_tokens).toBeGreaterThan(0);
  });

  it('makes variations of the requested size, and rejects an image that is not a PNG', async () => {
    const res = await client.images.createVariation({
      image: await source(),
      size: '512x512',
      response_format: 'b64_json',
    });
    const png = decodePng(Buffer.from(res.data![0]!.b64_json!, 'base64'));
    expect(png.width).toBe(png.height);
    const error = await client.images
      .createVariation({ image: await toFile(Buffer.from('GIF89a'), 'cat.gif') })
      .catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.message).toContain('must be a PNG');
  });
});

describe('image generation with the Vercel AI SDK', () => {
  it("experimental_generateImage with openai.image('dall-e-3') returns a decodable PNG and the revised prompt", async () => {
    const openai = createOpenAI({ baseURL: server.url, apiKey: 'sk-test-key' });
    const result = await generateImage({
      model: openai.image('dall-e-3'),
      prompt: 'A blue tram climbing a hill in Lisbon',
      size: '1792x1024',
    });
    expect(result.images).toHaveLength(1);
    const png = decodePng(Buffer.from(result.image.uint8Array));
    expect(png.width / png.height).toBeCloseTo(1.75, 5);
    expect(result.image.mediaType).toBe('image/png');
    const metadata = result.providerMetadata['openai'] as { images: { revisedPrompt?: string }[] };
    expect(metadata.images[0]!.revisedPrompt).toContain('A blue tram climbing a hill in Lisbon');
  });

  it('generates several gpt-image-1 images in one call', async () => {
    const openai = createOpenAI({ baseURL: server.url, apiKey: 'sk-test-key' });
    const result = await generateImage({ model: openai.image('gpt-image-1'), prompt: 'A green kite', n: 2 });
    expect(result.images).toHaveLength(2);
    for (const image of result.images) decodePng(Buffer.from(image.uint8Array));
    expect(server.journal.entries()).toMatchObject([{ path: '/v1/images/generations', status: 200 }]);
  });
});
