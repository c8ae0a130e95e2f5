import type { FixtureRuleInput, RuleSummary } from '../../fixtures/core.js';

export interface AddedRules {
  ids: string[];
  /** Rules of this batch that can never fire because an earlier rule of the batch shadows them. */
  warnings: string[];
}

/** `engine.fixtures`: scripted replies added, listed and removed from code. */
export interface FixturesApi {
  /** Adds rules ahead of every earlier one (the newest batch wins); cleared by `reset()`. */
  add(rules: FixtureRuleInput | readonly FixtureRuleInput[]): AddedRules;
  /** Adds the rules of a parsed fixtures document (a list, `{ rules }` or one rule), as `POST /__mock/fixtures` does. */
  addDocument(doc: unknown, source?: string): AddedRules;
  /** Adds the rules of JSON/YAML files or directories at run time. */
  load(paths: string | readonly string[]): AddedRules;
  remove(id: string): boolean;
  /** Drops the rules added at run time and every call counter; rules loaded at start stay. */
  clear(): void;
  /** The rules in matching order, with how often each replied. */
  list(): RuleSummary[];
  /** No match → 400 naming the closest rule, instead of the generated reply. */
  strict: boolean;
}
