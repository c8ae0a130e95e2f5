// Default prices in USD per million tokens, as published by OpenAI in mid-2025. Prices change: treat this
// table as an example and pass your own to `new UsageMeter({ prices })` when the numbers matter.
// Dated snapshots (`gpt-4o-2024-08-06`) are priced by their longest matching prefix.

export interface ModelPrice {
  /** USD per million uncached input tokens. */
  input: number;
  /** USD per million cached input tokens. @default input */
  cachedInput?: number;
  /** USD per million output tokens (reasoning tokens included). @default 0 */
  output?: number;
}

export const DEFAULT_PRICES: Readonly<Record<string, ModelPrice>> = Object.freeze({
  'gpt-5': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
  'gpt-5-nano': { input: 0.05, cachedInput: 0.005, output: 0.4 },
  'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 },
  'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, cachedInput: 0.025, output: 0.4 },
  'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
  'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
  o3: { input: 2, cachedInput: 0.5, output: 8 },
  'o4-mini': { input: 1.1, cachedInput: 0.275, output: 4.4 },
  'gpt-3.5-turbo': { input: 0.5, output: 1.5 },
  'text-embedding-3-small': { input: 0.02 },
  'text-embedding-3-large': { input: 0.13 },
  'text-embedding-ada-002': { input: 0.1 },
});

/** The price of `model`: an exact entry, else the longest entry that prefixes it (`gpt-4o-2024-08-06`). */
export function findPrice(
  prices: Readonly<Record<string, ModelPrice>>,
  model: string,
): ModelPrice | undefined {
  const exact = prices[model];
  if (exact) return exact;
  let best: string | undefined;
  for (const name of Object.keys(prices)) {
    if (model.startsWith(`${name}-`) && (best === undefined || name.length > best.length)) best = name;
  }
  return best === undefined ? undefined : prices[best];
}
