import { OpenAIHttpError } from '../engine/errors.js';
import { json, type OperationHandler } from '../engine/handler.js';
import type { ModelInfo } from '../engine/models.js';

const toApi = (m: ModelInfo) => ({ id: m.id, object: 'model', created: m.created, owned_by: m.ownedBy });

const notFound = (id: string) =>
  new OpenAIHttpError(404, `The model '${id}' does not exist`, { param: 'model', code: 'model_not_found' });

export const modelHandlers: OperationHandler[] = [
  {
    operationId: 'listModels',
    method: 'GET',
    path: '/models',
    handle: (ctx) => json({ object: 'list', data: ctx.engine.models.list().map(toApi) }),
  },
  {
    operationId: 'retrieveModel',
    method: 'GET',
    path: '/models/{model}',
    handle(ctx) {
      const id = ctx.params['model']!;
      const model = ctx.engine.models.find(id);
      if (!model) throw notFound(id);
      return json(toApi(model));
    },
  },
  {
    operationId: 'deleteModel',
    method: 'DELETE',
    path: '/models/{model}',
    handle(ctx) {
      const id = ctx.params['model']!;
      const model = ctx.engine.models.find(id);
      if (!model) throw notFound(id);
      // Only fine-tuned models can be deleted, as with the real API.
      if (!id.startsWith('ft:'))
        throw new OpenAIHttpError(
          403,
          `You have insufficient permissions for this operation: ${id} is not a fine-tuned model you own.`,
        );
      ctx.engine.models.remove(id);
      return json({ id, object: 'model', deleted: true });
    },
  },
];
