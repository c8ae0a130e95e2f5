/**
 * `POST /moderations`: one result per input string (a multimodal array is one input), with all thirteen
 * categories. Scores come from the text: words and phrases about violence, hate, harassment, self-harm,
 * sexual content or illicit acts raise their categories (1 − e^(−weight), so several hits add up), and
 * everything else keeps a tiny score seeded by the text; a category is flagged from 0.5 on, and the
 * result when any category is. `category_applied_input_types` says which inputs each category looked at:
 * the image-capable categories also name `image` when the input has one.
 */

import type { RequestContext } from '../engine/context.js';
import { OpenAIHttpError } from '../engine/errors.js';
import { json, type OperationHandler } from '../engine/handler.js';
import { createRandom, hashString, type Random } from '../fixtures/index.js';
import { chatErrors } from './chat/errors.js';

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
] as const;
type Category = (typeof CATEGORIES)[number];

/** The categories omni-moderation also applies to images. */
const IMAGE_CATEGORIES = new Set<Category>([
  'self-harm',
  'self-harm/instructions',
  'self-harm/intent',
  'sexual',
  'violence',
  'violence/graphic',
]);
/** Categories the text-moderation models do not have. */
const OMNI_ONLY = new Set<Category>(['illicit', 'illicit/violent']);

const THRESHOLD = 0.5;

type Weights = Partial<Record<Category, number>>;

/** What raises which category, and by how much (1.6 alone flags; 0.6–0.9 flags only with company). */
const RULES: [RegExp, Weights][] = [
  [
    /\b(murder\w*|stab(s|bed|bing)?|slaughter\w*|massacre\w*|strangl\w*|tortur\w*|behead\w*)\b/,
    { violence: 1.6 },
  ],
  [
    /\b(kill(s|ed|ing)?|shoot(s|ing)?|attack\w*|punch\w*|fight\w*|hurt\w*|guns?|knife|knives|weapons?|bombs?|assault\w*|violent|violence)\b/,
    { violence: 0.6 },
  ],
  [
    /\b(gore|gory|dismember\w*|mutilat\w*|disembowel\w*|decapitat\w*|entrails|severed|blood(y|bath)?)\b/,
    { 'violence/graphic': 1.6, violence: 0.8 },
  ],
  [
    /\b(kill|hurt|murder|shoot|stab|beat|destroy|strangle)\s+(you|u|them|him|her|everyone|people|someone|somebody)\b/,
    { violence: 1.2, 'harassment/threatening': 1.4 },
  ],
  [
    /\b(you('re| are) dead|watch your back|i know where you live)\b/,
    { 'harassment/threatening': 1.8, harassment: 0.8 },
  ],
  [
    /\b(idiot|stupid|moron|loser|worthless|pathetic|dumb|ugly|shut up|nobody likes you|disgusting)\b/,
    { harassment: 0.9 },
  ],
  [
    /\b(subhuman|vermin|inferior races?|racial purity|go back to your country)\b/,
    { hate: 1.8, harassment: 0.8 },
  ],
  [
    /\bi hate (all )?(immigrants|foreigners|muslims|jews|christians|black people|white people|asians|women|men|gays|trans people)\b/,
    { hate: 1.8 },
  ],
  [
    /\b(ethnic cleansing|genocide|exterminate (them|all)|wipe (them|all of them) out)\b/,
    { 'hate/threatening': 1.8, hate: 1.2, violence: 1.2 },
  ],
  [
    /\b(suicid\w*|kill(ing)? myself|end(ing)? my (own )?life|take my own life|self[- ]harm\w*|cut(ting)? myself|hurt(ing)? myself)\b/,
    { 'self-harm': 1.8 },
  ],
  [
    /\bi\s*('m| am)?\s*(want|going|plan(ning)?|intend|ready)\s+to\s+(die|kill myself|end (it all|my life)|hurt myself)\b/,
    { 'self-harm/intent': 2, 'self-harm': 0.8 },
  ],
  [
    /\b(how (do i|to|can i)|best way to|easiest way to)\s+(kill myself|commit suicide|overdose|cut myself|die painlessly)\b/,
    { 'self-harm/instructions': 2, 'self-harm': 0.8 },
  ],
  [/\b(sex|sexual(ly)?|nude|nudes|naked|porn\w*|erotic\w*|orgasm\w*|nsfw|explicit)\b/, { sexual: 1.2 }],
  [
    /\b(steal\w*|stole|shoplift\w*|launder\w*|counterfeit\w*|hack into|phishing|cocaine|heroin|meth|fentanyl|drug deal\w*|smuggl\w*|forged? documents)\b/,
    { illicit: 1.4 },
  ],
  [
    /\b(make|build|assemble|buy)\s+(a |an )?(bomb|pipe bomb|explosives?|gun|untraceable gun|weapon)\b|\bhire a hitman\b/,
    { 'illicit/violent': 1.8, illicit: 1, violence: 0.6 },
  ],
];
const LEXICON = RULES.map(([pattern, weights]) => [new RegExp(pattern.source, 'g'), weights] as const);
const MINORS =
  /\b(child|children|kids?|minors?|underage|teens?|schoolgirls?|schoolboys?|little (girl|boy)s?)\b/;

interface Part {
  kind: 'text' | 'image';
  text: string;
}

function readInputs(raw: unknown): Part[][] {
  if (raw === undefined || raw === null) throw chatErrors.missing('input');
  if (typeof raw === 'string') return [[{ kind: 'text', text: raw }]];
  if (!Array.isArray(raw)) throw chatErrors.invalidType('input', 'a string or an array', raw);
  if (raw.length === 0) throw chatErrors.emptyArray('input');
  if (raw.every((x) => typeof x === 'string')) return raw.map((text) => [{ kind: 'text', text }]);
  // An array of content parts is one multimodal input, answered with one result.
  return [
    raw.map((part, i): Part => {
      const p = (part && typeof part === 'object' ? part : {}) as Record<string, any>;
      if (p['type'] === 'text' && typeof p['text'] === 'string') return { kind: 'text', text: p['text'] };
      if (p['type'] === 'image_url' && typeof p['image_url']?.url === 'string')
        return { kind: 'image', text: p['image_url'].url };
      throw new OpenAIHttpError(
        400,
        `Invalid value for 'input[${i}]': expected a text or an image_url part.`,
        {
          param: `input[${i}]`,
          code: 'invalid_value',
        },
      );
    }),
  ];
}

function moderate(parts: Part[], omni: boolean, seed: number) {
  const text = parts.map((p) => p.text).join('\n');
  const lower = text.toLowerCase();
  const weights: Record<string, number> = {};
  for (const [pattern, raise] of LEXICON) {
    const hits = lower.match(pattern)?.length ?? 0;
    for (const [category, w] of Object.entries(raise))
      weights[category] = (weights[category] ?? 0) + w * hits;
  }
  if ((weights['sexual'] ?? 0) > 0 && MINORS.test(lower))
    weights['sexual/minors'] = (weights['sexual/minors'] ?? 0) + 2.4;
  const random = createRandom(`${seed}:moderation:${hashString(text).toString(36)}`);
  const hasText = parts.some((p) => p.kind === 'text');
  const hasImage = parts.some((p) => p.kind === 'image');
  const categories: Record<string, boolean | null> = {};
  const scores: Record<string, number> = {};
  const applied: Record<string, string[]> = {};
  for (const category of CATEGORIES) {
    const score =
      omni || !OMNI_ONLY.has(category) ? scoreOf(weights[category] ?? 0, random.fork(category)) : 0;
    scores[category] = score;
    categories[category] = omni || !OMNI_ONLY.has(category) ? score >= THRESHOLD : null;
    const types: string[] = [];
    if (hasText) types.push('text');
    if (hasImage && IMAGE_CATEGORIES.has(category)) types.push('image');
    applied[category] = types;
  }
  return {
    flagged: Object.values(categories).some((v) => v === true),
    categories,
    category_scores: scores,
    category_applied_input_types: applied,
  };
}

/** 1 − e^(−weight) for what the text says, over a tiny seeded baseline (log-uniform in 1e-6…5e-4). */
function scoreOf(weight: number, random: Random): number {
  const baseline = 10 ** (-6 + random.next() * 2.7);
  const score = Math.min(0.9999, baseline + (1 - Math.exp(-weight)) * (0.97 + random.next() * 0.03));
  return Number(score.toPrecision(6));
}

function createModeration(ctx: RequestContext) {
  const body = (
    ctx.body && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? ctx.body : {}
  ) as Record<string, unknown>;
  const model = typeof body['model'] === 'string' && body['model'] ? body['model'] : 'omni-moderation-latest';
  const info = ctx.engine.models.find(model);
  if (info && info.kind !== 'moderation')
    throw chatErrors.invalidValue('model', model, ['omni-moderation-latest', 'text-moderation-latest']);
  const omni = !/^text-moderation/.test(model);
  const inputs = readInputs(body['input']);
  if (!omni && inputs.some((parts) => parts.some((p) => p.kind === 'image')))
    throw new OpenAIHttpError(400, `The model '${model}' does not support image inputs.`, {
      param: 'input',
      code: 'invalid_value',
    });
  return json({
    id: ctx.engine.ids.next('modr', ctx.random.fork('id')),
    model,
    results: inputs.map((parts) => moderate(parts, omni, ctx.engine.options.seed)),
  });
}

export const moderationHandlers: OperationHandler[] = [
  { operationId: 'createModeration', method: 'POST', path: '/moderations', handle: createModeration },
];
