/**
 * The image endpoints' parameters, from a JSON body (generations, JSON edits) or a multipart form (edits,
 * variations), checked per model family as the real API checks them: DALL·E 2 and 3 sizes and counts,
 * `response_format` (which gpt-image models reject: they always answer base64), quality, output format,
 * background, streaming with partial images.
 */
import { isMultipart } from '../../engine/body.js';
import type { RequestContext } from '../../engine/context.js';
import { OpenAIHttpError } from '../../engine/errors.js';
import type { MultipartFile } from '../../engine/types.js';
import { chatErrors } from '../chat/errors.js';
import type { ImageFormat } from './encode.js';

export type Family = 'dall-e-2' | 'dall-e-3' | 'gpt-image';
export type Operation = 'generate' | 'edit' | 'variation';

export interface ImageParams {
  op: Operation;
  model: string;
  family: Family;
  prompt: string;
  n: number;
  /** The size answered (`auto` resolved). */
  size: string;
  width: number;
  height: number;
  responseFormat: 'url' | 'b64_json';
  /** gpt-image: `low` | `medium` | `high`; DALL·E 3: `standard` | `hd`; DALL·E 2: `standard`. */
  quality: string;
  style: string | null;
  outputFormat: ImageFormat;
  background: 'transparent' | 'opaque';
  stream: boolean;
  partialImages: number;
  images: MultipartFile[];
}

const SIZES: Record<Family, readonly string[]> = {
  'dall-e-2': ['256x256', '512x512', '1024x1024'],
  'dall-e-3': ['1024x1024', '1792x1024', '1024x1792'],
  'gpt-image': ['1024x1024', '1536x1024', '1024x1536', 'auto'],
};
const QUALITIES: Record<Family, readonly string[]> = {
  'dall-e-2': ['standard', 'auto'],
  'dall-e-3': ['standard', 'hd', 'auto'],
  'gpt-image': ['low', 'medium', 'high', 'auto'],
};
const PROMPT_LIMIT: Record<Family, number> = { 'dall-e-2': 1000, 'dall-e-3': 4000, 'gpt-image': 32000 };
/** What each operation uses when no model is named (the document's defaults). */
const DEFAULT_MODEL: Record<Operation, string> = {
  generate: 'dall-e-2',
  edit: 'gpt-image-1.5',
  variation: 'dall-e-2',
};
const OPERATION_MODELS: Record<Operation, readonly Family[]> = {
  generate: ['dall-e-2', 'dall-e-3', 'gpt-image'],
  edit: ['dall-e-2', 'gpt-image'],
  variation: ['dall-e-2'],
};
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];

export function familyOf(model: string): Family {
  if (/^dall-e-3/.test(model)) return 'dall-e-3';
  if (/^dall-e-2/.test(model)) return 'dall-e-2';
  return 'gpt-image';
}

export function readImageParams(ctx: RequestContext, op: Operation): ImageParams {
  const { fields, files } = readBody(ctx.body);
  const model = typeof fields['model'] === 'string' && fields['model'] ? fields['model'] : DEFAULT_MODEL[op];
  const info = ctx.engine.models.find(model);
  if (info && info.kind !== 'image') throw unsupportedModel(model, op);
  const family = familyOf(model);
  if (!OPERATION_MODELS[op].includes(family)) throw unsupportedModel(model, op);

  const prompt = op === 'variation' ? '' : readPrompt(fields['prompt'], family);
  const images = op === 'generate' ? [] : readImages(files, family, op, fields['images']);

  const n = integer(fields, 'n', 1, 10) ?? 1;
  if (family === 'dall-e-3' && n !== 1)
    throw new OpenAIHttpError(400, 'You must provide n=1 for this model.', { param: 'n' });

  const sizes = op === 'variation' ? SIZES['dall-e-2'] : SIZES[family];
  const requested = text(fields, 'size') ?? (family === 'gpt-image' ? 'auto' : '1024x1024');
  if (!sizes.includes(requested)) throw chatErrors.invalidValue('size', requested, sizes);
  const size = requested === 'auto' ? '1024x1024' : requested;
  const [width, height] = size.split('x').map(Number) as [number, number];

  let responseFormat: ImageParams['responseFormat'] = family === 'gpt-image' ? 'b64_json' : 'url';
  const format = text(fields, 'response_format');
  if (format !== undefined) {
    if (family === 'gpt-image')
      throw new OpenAIHttpError(400, "Unknown parameter: 'response_format'.", {
        param: 'response_format',
        code: 'unknown_parameter',
      });
    if (format !== 'url' && format !== 'b64_json')
      throw chatErrors.invalidValue('response_format', format, ['url', 'b64_json']);
    responseFormat = format;
  }

  const qualityAsked = text(fields, 'quality') ?? 'auto';
  if (!QUALITIES[family].includes(qualityAsked))
    throw chatErrors.invalidValue('quality', qualityAsked, QUALITIES[family]);
  const quality = qualityAsked !== 'auto' ? qualityAsked : family === 'gpt-image' ? 'high' : 'standard';

  const style = family === 'dall-e-3' ? (text(fields, 'style') ?? 'vivid') : null;
  if (style !== null && style !== 'vivid' && style !== 'natural')
    throw chatErrors.invalidValue('style', style, ['vivid', 'natural']);

  const outputFormat = (
    family === 'gpt-image' ? (text(fields, 'output_format') ?? 'png') : 'png'
  ) as ImageFormat;
  if (!['png', 'jpeg', 'webp'].includes(outputFormat))
    throw chatErrors.invalidValue('output_format', outputFormat, ['png', 'jpeg', 'webp']);
  const background =
    family === 'gpt-image' && text(fields, 'background') === 'transparent' ? 'transparent' : 'opaque';
  if (background === 'transparent' && outputFormat === 'jpeg')
    throw new OpenAIHttpError(
      400,
      "Invalid value for 'background': 'transparent' is only supported with 'output_format' 'png' or 'webp'.",
      { param: 'background', code: 'invalid_value' },
    );
  const compression = integer(fields, 'output_compression', 0, 100);
  if (compression !== undefined && outputFormat === 'png')
    throw new OpenAIHttpError(
      400,
      "Invalid value for 'output_compression': compression is only supported with 'output_format' 'jpeg' or 'webp'.",
      { param: 'output_compression', code: 'invalid_value' },
    );

  const stream = fields['stream'] === true || fields['stream'] === 'true';
  if (stream && family !== 'gpt-image')
    throw new OpenAIHttpError(400, `Streaming is not supported for model '${model}'.`, {
      param: 'stream',
      code: 'unsupported_value',
    });
  const partialImages = integer(fields, 'partial_images', 0, 3) ?? 0;

  return {
    op,
    model,
    family,
    prompt,
    n,
    size,
    width,
    height,
    responseFormat,
    quality,
    style,
    outputFormat,
    background,
    stream,
    partialImages,
    images,
  };
}

function readBody(body: unknown): {
  fields: Record<string, unknown>;
  files: Record<string, MultipartFile[]>;
} {
  if (isMultipart(body)) {
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(body.fields))
      fields[key] = Array.isArray(value) ? value[0] : value;
    return { fields, files: body.files };
  }
  if (body && typeof body === 'object' && !Array.isArray(body))
    return { fields: body as Record<string, unknown>, files: {} };
  return { fields: {}, files: {} };
}

function readPrompt(raw: unknown, family: Family): string {
  if (raw === undefined || raw === null || raw === '') throw chatErrors.missing('prompt');
  if (typeof raw !== 'string') throw chatErrors.invalidType('prompt', 'a string', raw);
  const limit = PROMPT_LIMIT[family];
  if (raw.length > limit)
    throw new OpenAIHttpError(
      400,
      `Invalid 'prompt': string too long. Expected a string with maximum length ${limit}, but got a string with length ${raw.length} instead.`,
      { param: 'prompt', code: 'string_above_max_length' },
    );
  return raw;
}

function readImages(
  files: Record<string, MultipartFile[]>,
  family: Family,
  op: Operation,
  references: unknown,
): MultipartFile[] {
  const images = [...(files['image'] ?? []), ...(files['image[]'] ?? [])];
  // A JSON edit names its images (`images: [{ image_url } | { file_id }]`) instead of uploading them.
  if (images.length === 0 && family === 'gpt-image' && Array.isArray(references))
    images.push(...references.map(() => ({ filename: 'image', contentType: '', data: new Uint8Array() })));
  if (images.length === 0) throw chatErrors.missing('image');
  if (family === 'dall-e-2') {
    if (images.length > 1)
      throw new OpenAIHttpError(
        400,
        `Invalid 'image': ${op === 'edit' ? 'dall-e-2 edits' : 'variations'} take one image.`,
        {
          param: 'image',
        },
      );
    if (!PNG_MAGIC.every((b, i) => images[0]!.data[i] === b))
      throw new OpenAIHttpError(400, 'Uploaded image must be a PNG and less than 4 MB.', { param: 'image' });
  } else if (images.length > 16) {
    throw new OpenAIHttpError(
      400,
      `Invalid 'image': array too long. Expected an array with maximum length 16, but got an array with length ${images.length} instead.`,
      { param: 'image', code: 'array_above_max_length' },
    );
  }
  return images;
}

function unsupportedModel(model: string, op: Operation) {
  const families = OPERATION_MODELS[op];
  const names = families.map((f) => (f === 'gpt-image' ? 'gpt-image-1' : f));
  return chatErrors.invalidValue('model', model, names);
}

function text(fields: Record<string, unknown>, name: string): string | undefined {
  const v = fields[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw chatErrors.invalidType(name, 'a string', v);
  return v;
}

/** An integer field, from JSON or from a form's text. */
function integer(
  fields: Record<string, unknown>,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const raw = fields[name];
  if (raw === undefined || raw === null || raw === '') return undefined;
  const v = typeof raw === 'string' ? Number(raw) : raw;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw chatErrors.invalidType(name, 'an integer', raw);
  if (v < min || v > max) throw chatErrors.outOfRange(name, v, min, max, true);
  return v;
}
