export type ModerationInput =
  | string
  | string[]
  | Array<{ type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } }>;

export interface ModerationCreateParams {
  input: ModerationInput;
  /** @default 'omni-moderation-latest' on the API side */
  model?: string;
}

export interface Moderation {
  flagged: boolean;
  categories: Record<string, boolean>;
  category_scores: Record<string, number>;
  category_applied_input_types?: Record<string, Array<'text' | 'image'>>;
}

export interface ModerationCreateResponse {
  id: string;
  model: string;
  results: Moderation[];
}
