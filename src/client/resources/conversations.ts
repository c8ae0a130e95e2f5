import type { APIPromise } from '../api-promise.js';
import type { OpenAIClient } from '../client.js';
import type { RequestOptions } from '../options.js';
import type { PagePromise } from '../pagination.js';
import type {
  Conversation,
  ConversationCreateParams,
  ConversationDeleted,
  ConversationItemCreateParams,
  ConversationItemList,
  ConversationItemListParams,
  ConversationItemRetrieveParams,
  ConversationUpdateParams,
} from '../types/conversations.js';
import type { ResponseItem } from '../types/responses.js';

const at = (id: string) => `/conversations/${encodeURIComponent(id)}`;

export class Conversations {
  readonly items: ConversationItems;

  constructor(private readonly client: OpenAIClient) {
    this.items = new ConversationItems(client);
  }

  create(body: ConversationCreateParams = {}, options?: RequestOptions): APIPromise<Conversation> {
    return this.client._json({ method: 'post', path: '/conversations', body, options });
  }

  retrieve(conversationId: string, options?: RequestOptions): APIPromise<Conversation> {
    return this.client._json({ method: 'get', path: at(conversationId), options });
  }

  update(
    conversationId: string,
    body: ConversationUpdateParams,
    options?: RequestOptions,
  ): APIPromise<Conversation> {
    return this.client._json({ method: 'post', path: at(conversationId), body, options });
  }

  delete(conversationId: string, options?: RequestOptions): APIPromise<ConversationDeleted> {
    return this.client._json({ method: 'delete', path: at(conversationId), options });
  }
}

export class ConversationItems {
  constructor(private readonly client: OpenAIClient) {}

  /** Appends up to 20 items; resolves to the items added. */
  create(
    conversationId: string,
    params: ConversationItemCreateParams,
    options?: RequestOptions,
  ): APIPromise<ConversationItemList> {
    const { include, ...body } = params;
    return this.client._json({
      method: 'post',
      path: `${at(conversationId)}/items`,
      query: { include },
      body,
      options,
    });
  }

  list(
    conversationId: string,
    query: ConversationItemListParams = {},
    options?: RequestOptions,
  ): PagePromise<ResponseItem> {
    return this.client._list({
      method: 'get',
      path: `${at(conversationId)}/items`,
      query: { ...query },
      options,
    });
  }

  retrieve(
    itemId: string,
    params: { conversation_id: string } & ConversationItemRetrieveParams,
    options?: RequestOptions,
  ): APIPromise<ResponseItem> {
    const { conversation_id, ...query } = params;
    return this.client._json({
      method: 'get',
      path: `${at(conversation_id)}/items/${encodeURIComponent(itemId)}`,
      query,
      options,
    });
  }

  /** Deletes an item; resolves to the conversation. */
  delete(
    itemId: string,
    params: { conversation_id: string },
    options?: RequestOptions,
  ): APIPromise<Conversation> {
    return this.client._json({
      method: 'delete',
      path: `${at(params.conversation_id)}/items/${encodeURIComponent(itemId)}`,
      options,
    });
  }
}
