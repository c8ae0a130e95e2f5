import type { ResponseInputItem, ResponseItem } from './responses.js';
import type { Metadata, OrderedListParams } from './shared.js';

export interface Conversation {
  id: string;
  object: 'conversation';
  created_at: number;
  metadata: Metadata | null;
}

export interface ConversationCreateParams {
  /** Up to 20 items to start the conversation with. */
  items?: ResponseInputItem[] | null;
  metadata?: Metadata | null;
}

export interface ConversationUpdateParams {
  metadata: Metadata | null;
}

export interface ConversationDeleted {
  id: string;
  object: 'conversation.deleted';
  deleted: boolean;
}

export interface ConversationItemCreateParams {
  items: ResponseInputItem[];
  include?: string[];
}

/** The items just added (not paginated: `has_more` is always false). */
export interface ConversationItemList {
  object: 'list';
  data: ResponseItem[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

export interface ConversationItemListParams extends OrderedListParams {
  include?: string[];
}

export interface ConversationItemRetrieveParams {
  include?: string[];
}
