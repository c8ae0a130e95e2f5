import type { FixtureRuleInput } from '../../fixtures/scripted/index.js';

/** `EngineOptions.features.fixtures`: scripted replies for chat completions and the Responses API. */
export interface FixturesOptions {
  /** Rule files or directories (JSON or YAML) loaded at start; a malformed one stops the start. */
  files?: string | readonly string[];
  /** Rules given in code, checked before the file rules. */
  rules?: readonly FixtureRuleInput[];
  /**
   * When no rule matches, answer 400 naming the closest rule instead of the generated reply, so a test
   * notices an unscripted request. @default false
   */
  strict?: boolean;
  /** Where load-time warnings (shadowed rules) go. @default console.warn */
  warn?: (message: string) => void;
}

/** Options may come from a config file: checked at run time too. */
export function readFixturesOptions(raw: unknown): FixturesOptions {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw new TypeError('openai-mock: features.fixtures must be an object like { files: ["fixtures.yaml"] }');
  const o = raw as Record<string, unknown>;
  const files = o['files'];
  if (
    files !== undefined &&
    typeof files !== 'string' &&
    !(Array.isArray(files) && files.every((f) => typeof f === 'string'))
  )
    throw new TypeError('openai-mock: features.fixtures.files must be a path or a list of paths');
  if (o['rules'] !== undefined && !Array.isArray(o['rules']))
    throw new TypeError('openai-mock: features.fixtures.rules must be a list of rules');
  if (o['strict'] !== undefined && typeof o['strict'] !== 'boolean')
    throw new TypeError('openai-mock: features.fixtures.strict must be true or false');
  if (o['warn'] !== undefined && typeof o['warn'] !== 'function')
    throw new TypeError('openai-mock: features.fixtures.warn must be a function');
  return o as FixturesOptions;
}
