import { OpenAIHttpError } from '../../engine/errors.js';

/**
 * The Responses API's answers to mistakes, worded as the real API words them (messages seen in public
 * bug reports against api.openai.com; where none could be found the wording follows the API's habits).
 */
export const responseErrors = {
  notFound: (id: string) => new OpenAIHttpError(404, `Response with id '${id}' not found.`),
  // The real API answers 400 here (public reports show `previous_response_not_found` with status 400).
  previousNotFound: (id: string) =>
    new OpenAIHttpError(400, `Previous response with id '${id}' not found.`, {
      param: 'previous_response_id',
      code: 'previous_response_not_found',
    }),
  conversationNotFound: (id: string, param: string | null = null) =>
    new OpenAIHttpError(404, `Conversation with id '${id}' not found.`, { param }),
  itemNotFound: (id: string, param: string | null = null) =>
    new OpenAIHttpError(404, `Item with id '${id}' not found.`, { param }),
  referenceNotFound: (id: string) =>
    new OpenAIHttpError(400, `Item with id '${id}' not found.`, { param: 'input', code: 'invalid_value' }),
  exclusive: () =>
    new OpenAIHttpError(
      400,
      "Mutually exclusive parameters: Ensure you are only providing one of: 'previous_response_id' or 'conversation'.",
      { param: 'conversation', code: 'mutually_exclusive_parameters' },
    ),
  missing: (param: string) =>
    new OpenAIHttpError(400, `Missing required parameter: '${param}'.`, {
      param,
      code: 'missing_required_parameter',
    }),
  unsupported: (param: string) =>
    new OpenAIHttpError(400, `Unsupported parameter: '${param}' is not supported with this model.`, {
      param,
      code: 'unsupported_parameter',
    }),
  backgroundNeedsStore: () =>
    new OpenAIHttpError(
      400,
      'Background mode requires `store` to be true; remove `store: false` or `background: true`.',
      {
        param: 'background',
        code: 'invalid_value',
      },
    ),
  noToolCall: (callId: string) =>
    new OpenAIHttpError(400, `No tool call found for function call output with call_id ${callId}.`, {
      param: 'input',
    }),
  noToolOutput: (callId: string) =>
    new OpenAIHttpError(400, `No tool output found for function call ${callId}.`, { param: 'input' }),
  toolChoiceNotFound: (kind: string) =>
    new OpenAIHttpError(400, `Tool choice '${kind}' not found in 'tools' parameter.`, {
      param: 'tool_choice',
    }),
  cancelSynchronous: () => new OpenAIHttpError(400, 'Cannot cancel a synchronous response.'),
  cancelFinished: (status: string) => new OpenAIHttpError(400, `Cannot cancel a ${status} response.`),
  contextLength: () =>
    new OpenAIHttpError(
      400,
      'Your input exceeds the context window of this model. Please adjust your input and try again.',
      {
        param: 'input',
        code: 'context_length_exceeded',
      },
    ),
  startingAfter: (value: string) =>
    new OpenAIHttpError(400, `Invalid 'starting_after': expected an integer, but got '${value}' instead.`, {
      param: 'starting_after',
      code: 'invalid_type',
    }),
};
