/**
 * Places where the document disagrees with what the real API sends, corrected at load (before
 * normalization) so that real traffic and our faithful simulation validate. Each entry says what the API
 * does; bump NORMALIZE_VERSION when this list changes, since cached validators are built from it.
 */
export function applyErrata(doc: any): string[] {
  const schemas = doc?.components?.schemas ?? {};
  const applied: string[] = [];

  // `encoding_format: "base64"` (the official SDKs' default) returns the vector as a base64 string.
  const embedding = schemas.Embedding?.properties?.embedding;
  if (embedding?.type === 'array') {
    const { description, ...floats } = embedding;
    schemas.Embedding.properties.embedding = {
      description,
      anyOf: [floats, { type: 'string', description: 'base64 of little-endian float32s' }],
    };
    applied.push('Embedding.embedding may be a base64 string');
  }

  // Stored-completion messages list the request's messages, whatever their role (the document's own
  // example shows `user`), while ChatCompletionResponseMessage allows only `assistant`.
  const items = schemas.ChatCompletionMessageList?.properties?.data?.items;
  const message = schemas.ChatCompletionResponseMessage;
  if (
    Array.isArray(items?.allOf) &&
    items.allOf[0]?.$ref === '#/components/schemas/ChatCompletionResponseMessage' &&
    message
  ) {
    const { title: _title, ...rest } = message;
    items.allOf[0] = {
      ...rest,
      properties: {
        ...message.properties,
        role: { type: 'string', enum: ['developer', 'system', 'user', 'assistant', 'tool', 'function'] },
      },
    };
    applied.push('ChatCompletionMessageList messages may have any role');
  }
  // `detail` "defaults to `auto`" by the document's own words, and the AI SDK and LangChain leave it out.
  const image = schemas.InputImageContent;
  if (Array.isArray(image?.required) && image.required.includes('detail')) {
    image.required = image.required.filter((name: string) => name !== 'detail');
    applied.push('InputImageContent.detail is optional');
  }
  // `stream: true` on the legacy completions endpoint sends `text_completion` chunks (finish_reason null
  // until the last one, usage null until the usage chunk), but the document declares no event stream.
  const completions = doc?.paths?.['/completions']?.post?.responses?.['200']?.content;
  const completion = schemas.CreateCompletionResponse;
  if (completions && !completions['text/event-stream'] && completion?.properties?.choices?.items) {
    const choice = completion.properties.choices.items;
    schemas.CreateCompletionStreamChunk = {
      ...completion,
      title: 'CreateCompletionStreamChunk',
      properties: {
        ...completion.properties,
        choices: {
          ...completion.properties.choices,
          items: {
            ...choice,
            properties: {
              ...choice.properties,
              finish_reason: { ...choice.properties.finish_reason, nullable: true },
            },
          },
        },
        usage: { anyOf: [{ $ref: '#/components/schemas/CompletionUsage' }, { type: 'null' }] },
      },
    };
    completions['text/event-stream'] = {
      schema: { $ref: '#/components/schemas/CreateCompletionStreamChunk' },
    };
    applied.push('POST /completions streams CreateCompletionStreamChunk events');
  }
  // Real Responses bodies carry `"user": null` when no user was given; the document allows only a string.
  for (const name of ['ModelResponseProperties', 'BetaModelResponseProperties']) {
    const user = schemas[name]?.properties?.user;
    if (user?.type === 'string') {
      schemas[name].properties.user = { ...user, type: ['string', 'null'] };
      applied.push(`${name}.user may be null`);
    }
  }
  // Chat completions recorded before refusals existed have no `message.refusal`; the document requires it.
  const chatMessage = schemas.ChatCompletionResponseMessage;
  if (Array.isArray(chatMessage?.required) && chatMessage.required.includes('refusal')) {
    chatMessage.required = chatMessage.required.filter((name: string) => name !== 'refusal');
    applied.push('ChatCompletionResponseMessage.refusal is optional');
  }
  // Real Responses usage has no `input_tokens_details.cache_write_tokens`; the document requires it.
  for (const name of ['ResponseUsage', 'BetaResponseUsage']) {
    const details = schemas[name]?.properties?.input_tokens_details;
    if (Array.isArray(details?.required) && details.required.includes('cache_write_tokens')) {
      details.required = details.required.filter((field: string) => field !== 'cache_write_tokens');
      applied.push(`${name}.input_tokens_details.cache_write_tokens is optional`);
    }
  }
  return applied;
}
