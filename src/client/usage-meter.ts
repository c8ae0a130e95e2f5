// Totals tokens and cost per model and per endpoint. Pass it as `usageMeter` to a client (or feed it
// `record()` yourself) and read `snapshot()` at the end of a test run or a billing period.

import { DEFAULT_PRICES, findPrice, type ModelPrice } from './price-table.js';
import type { TokenUsage, UsageRecord } from './usage.js';

export interface UsageTotals {
  calls: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  totalTokens: number;
  /** USD, counting only calls whose model has a price. */
  costUSD: number;
}

export interface UsageSnapshot {
  total: UsageTotals;
  byModel: Record<string, UsageTotals>;
  byEndpoint: Record<string, UsageTotals>;
  /** Models seen without a price: their tokens are counted, their cost is not. */
  unpricedModels: string[];
}

export interface UsageMeterOptions {
  /**
   * Prices in USD per million tokens, merged over the defaults (or replacing them, see below).
   * @default DEFAULT_PRICES
   */
  prices?: Record<string, ModelPrice>;
  /**
   * Use only `prices`, ignoring the default table.
   * @default false
   */
  replaceDefaultPrices?: boolean;
}

export class UsageMeter {
  readonly prices: Readonly<Record<string, ModelPrice>>;
  #total = emptyTotals();
  #byModel = new Map<string, UsageTotals>();
  #byEndpoint = new Map<string, UsageTotals>();
  #unpriced = new Set<string>();

  constructor(options: UsageMeterOptions = {}) {
    this.prices = Object.freeze(
      options.replaceDefaultPrices ? { ...options.prices } : { ...DEFAULT_PRICES, ...options.prices },
    );
  }

  /** USD for `usage` on `model`, or undefined when the model has no price. */
  costOf(model: string, usage: TokenUsage): number | undefined {
    const price = findPrice(this.prices, model);
    if (!price) return undefined;
    const cached = Math.min(usage.cachedInputTokens, usage.inputTokens);
    const micro =
      (usage.inputTokens - cached) * price.input +
      cached * (price.cachedInput ?? price.input) +
      usage.outputTokens * (price.output ?? 0);
    return micro / 1_000_000;
  }

  record(record: UsageRecord): void {
    const cost = this.costOf(record.model, record.usage);
    if (cost === undefined) this.#unpriced.add(record.model);
    for (const totals of [
      this.#total,
      entry(this.#byModel, record.model),
      entry(this.#byEndpoint, record.endpoint),
    ]) {
      totals.calls += 1;
      totals.inputTokens += record.usage.inputTokens;
      totals.cachedInputTokens += record.usage.cachedInputTokens;
      totals.outputTokens += record.usage.outputTokens;
      totals.totalTokens += record.usage.totalTokens;
      totals.costUSD += cost ?? 0;
    }
  }

  /** A copy of the totals so far. */
  snapshot(): UsageSnapshot {
    return {
      total: { ...this.#total },
      byModel: Object.fromEntries([...this.#byModel].map(([k, v]) => [k, { ...v }])),
      byEndpoint: Object.fromEntries([...this.#byEndpoint].map(([k, v]) => [k, { ...v }])),
      unpricedModels: [...this.#unpriced].sort(),
    };
  }

  reset(): void {
    this.#total = emptyTotals();
    this.#byModel.clear();
    this.#byEndpoint.clear();
    this.#unpriced.clear();
  }
}

function entry(map: Map<string, UsageTotals>, key: string): UsageTotals {
  const found = map.get(key);
  if (found) return found;
  const totals = emptyTotals();
  map.set(key, totals);
  return totals;
}

function emptyTotals(): UsageTotals {
  return { calls: 0, inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, totalTokens: 0, costUSD: 0 };
}
