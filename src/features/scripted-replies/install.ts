import type { EngineCore } from '../../engine/context.js';
import type { EngineFeature } from '../../engine/feature.js';
import {
  compileRule,
  createRuleSet,
  type FixtureRule,
  findShadowedRules,
  loadRuleFiles,
  parseRuleDocument,
} from '../../fixtures/core.js';
import { installFixtureRoutes } from './admin-routes.js';
import type { AddedRules, FixturesApi } from './api.js';
import { scriptedMiddleware } from './middleware.js';
import { type FixturesOptions, readFixturesOptions } from './options.js';

/** The fixtures feature: rules from options and files at start, the `fixtures` middleware, admin routes. */
export function installScripted(engine: EngineCore, rawOptions: FixturesOptions | undefined): FixturesApi {
  const options = readFixturesOptions(rawOptions);
  const rules = createRuleSet(engine.options.limits.tableEntries);
  let counter = 0;
  const nextId = () => `fx_${++counter}`;
  const compile = (inputs: readonly unknown[], source: string) =>
    inputs.map((input, i) => compileRule(input, nextId(), source, `${source}, rule ${i + 1}`));
  const warningsOf = (batch: readonly FixtureRule[]) => findShadowedRules(batch).map((w) => w.message);
  const addRuntime = (batch: FixtureRule[]): AddedRules => {
    rules.addRuntime(batch);
    return { ids: batch.map((r) => r.id), warnings: warningsOf(batch) };
  };

  const fromOptions = compile(options.rules ?? [], 'options');
  const files =
    options.files === undefined ? [] : typeof options.files === 'string' ? [options.files] : options.files;
  const fromFiles = loadRuleFiles(files, nextId);
  const statics = [...fromOptions, ...fromFiles];
  rules.addStatic(statics);
  for (const warning of warningsOf(statics)) (options.warn ?? console.warn)(`openai-mock: ${warning}`);

  let strict = options.strict ?? false;
  const api: FixturesApi = {
    add: (input) => addRuntime(compile(Array.isArray(input) ? input : [input], 'runtime')),
    addDocument: (doc, source = 'runtime') => addRuntime(parseRuleDocument(doc, source, nextId)),
    load: (paths) => addRuntime(loadRuleFiles(typeof paths === 'string' ? [paths] : paths, nextId)),
    remove: (id) => rules.remove(id),
    clear: () => rules.clearRuntime(),
    list: () => rules.summaries(),
    get strict() {
      return strict;
    },
    set strict(on: boolean) {
      strict = on;
    },
  };
  engine.use(
    'scripted',
    scriptedMiddleware(rules, () => strict),
  );
  engine.onReset(() => rules.clearRuntime());
  installFixtureRoutes(engine.admin, api);
  return api;
}

/**
 * Scripted replies as an engine feature. Its public name stays `fixtures` (`features.fixtures`,
 * `engine.fixtures`, `/__mock/fixtures`), as documented; the room is named for what it does.
 */
export const scriptedRepliesFeature: EngineFeature<'fixtures', FixturesOptions, FixturesApi> = {
  name: 'fixtures',
  install: installScripted,
};
