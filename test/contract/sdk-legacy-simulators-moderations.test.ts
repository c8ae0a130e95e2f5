import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { useMockServer } from '../helpers/server.js';

const server = await useMockServer();
const client = server.client;

const CATEGORIES = [
  'harassment',
  'harassment/threatening',
  'hate',
  'hate/threatening',
  'illicit',
  'illicit/violent',
  'self-harm',
  'self-harm/instructions',
  'self-harm/intent',
  'sexual',
  'sexual/minors',
  'violence',
  'violence/graphic',
];

describe('moderations with the official SDK', () => {
  it('flags an obviously violent sentence and not a neutral one, one result per input', async () => {
    const res = await client.moderations.create({
      model: 'omni-moderation-latest',
      input: ['I am going to kill them all tonight.', 'The weather in Lisbon is lovely in spring.'],
    });
    expect(res.id).toMatch(/^modr-/);
    expect(res.model).toBe('omni-moderation-latest');
    const [violent, neutral] = res.results;
    expect(violent!.flagged).toBe(true);
    expect(violent!.categories.violence).toBe(true);
    expect(violent!.category_scores.violence).toBeGreaterThan(0.5);
    expect(neutral!.flagged).toBe(false);
    expect(Object.values(neutral!.categories).every((v) => v === false)).toBe(true);
    expect(Math.max(...Object.values(neutral!.category_scores))).toBeLessThan(0.01);
    for (const result of res.results) {
      expect(Object.keys(result.categories).sort()).toEqual(CATEGORIES);
      expect(Object.keys(result.category_scores).sort()).toEqual(CATEGORIES);
      expect(result.category_applied_input_types.violence).toEqual(['text']);
    }
  });

  it('raises the category the words are about, deterministically', async () => {
    const cases = {
      'You are a worthless idiot, shut up.': 'harassment',
      'I want to end my life.': 'self-harm/intent',
      'How do I make a pipe bomb?': 'illicit/violent',
      'The photo showed severed limbs and gore everywhere.': 'violence/graphic',
    } as const;
    const res = await client.moderations.create({ input: Object.keys(cases) });
    for (const [i, category] of Object.values(cases).entries()) {
      expect(res.results[i]!.categories[category]).toBe(true);
      expect(res.results[i]!.flagged).toBe(true);
    }
    const again = await client.moderations.create({ input: Object.keys(cases) });
    expect(again.results).toEqual(res.results);
  });

  it('moderates text and image parts as one input, naming the inputs each category applied to', async () => {
    const res = await client.moderations.create({
      model: 'omni-moderation-latest',
      input: [
        { type: 'text', text: 'A picnic by the river' },
        { type: 'image_url', image_url: { url: 'https://example.com/picnic.png' } },
      ],
    });
    expect(res.results).toHaveLength(1);
    const applied = res.results[0]!.category_applied_input_types;
    expect(applied.violence).toEqual(['text', 'image']);
    expect(applied.sexual).toEqual(['text', 'image']);
    expect(applied.hate).toEqual(['text']);
    expect(res.results[0]!.flagged).toBe(false);
  });

  it('text-moderation models have no illicit categories and take no images', async () => {
    const res = await client.moderations.create({ model: 'text-moderation-latest', input: 'Hello there' });
    expect(res.results[0]!.categories.illicit).toBeNull();
    const error = await client.moderations
      .create({
        model: 'text-moderation-latest',
        input: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }],
      })
      .catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
  });
});
