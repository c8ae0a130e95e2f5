import { OpenAIHttpError } from './errors.js';
import type { ModelInfo, ModelKind } from './models.js';

/**
 * Route to model: which kinds of model each generating endpoint takes, and what the real API answers
 * for a model of another kind. Images, audio and moderations check their own model families (they
 * name the supported values in their 400s); this table covers the endpoints that answer by kind.
 */
interface Fit {
  kinds: readonly ModelKind[];
  /** The answer for a model of the wrong kind. */
  reject: (model: ModelInfo) => OpenAIHttpError;
}

const TEXT: readonly ModelKind[] = ['chat', 'reasoning'];

const notChatModel = () =>
  new OpenAIHttpError(
    404,
    'This is not a chat model and thus not supported in the v1/chat/completions endpoint. Did you mean to use v1/completions?',
    { param: 'model' },
  );

const FITS: Readonly<Record<string, Fit>> = {
  createChatCompletion: { kinds: TEXT, reject: notChatModel },
  createResponse: {
    kinds: TEXT,
    reject: (m) =>
      new OpenAIHttpError(400, `The requested model '${m.id}' is not supported with the Responses API.`, {
        param: 'model',
        code: 'model_not_supported',
      }),
  },
  createEmbedding: {
    kinds: ['embedding'],
    // The real API answers a chat model on /embeddings with a 403 and no param or code.
    reject: () => new OpenAIHttpError(403, 'You are not allowed to generate embeddings from this model'),
  },
  createCompletion: {
    kinds: ['completion'],
    reject: (m) =>
      new OpenAIHttpError(
        404,
        m.kind === 'chat' || m.kind === 'reasoning'
          ? 'This is a chat model and not supported in the v1/completions endpoint. Did you mean to use v1/chat/completions?'
          : 'This model is not supported in the v1/completions endpoint.',
        { param: 'model' },
      ),
  },
  createVideo: {
    kinds: ['video'],
    reject: (m) =>
      new OpenAIHttpError(400, `Invalid value: '${m.id}'. Supported values are: 'sora-2' and 'sora-2-pro'.`, {
        param: 'model',
        code: 'invalid_value',
      }),
  },
};

/** Throws the real API's error when `model` is of a kind `operationId` does not serve. */
export function checkModelFits(operationId: string, model: ModelInfo): void {
  const fit = FITS[operationId];
  if (!fit) return;
  if (!fit.kinds.includes(model.kind)) throw fit.reject(model);
  // Models the document lists only for the Responses API (o1-pro, deep research, codex, …).
  if (operationId === 'createChatCompletion' && model.responsesOnly)
    throw new OpenAIHttpError(
      404,
      'This model is only supported in v1/responses and not in v1/chat/completions.',
      { param: 'model' },
    );
}
