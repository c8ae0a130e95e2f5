import { type AdminRouter, adminJson, adminNoContent } from '../../engine/admin.js';
import { OpenAIHttpError } from '../../engine/errors.js';
import { FixtureRuleError } from '../../fixtures/core.js';
import type { FixturesApi } from './api.js';

/**
 * `POST /__mock/fixtures` (a rule, a list, or `{ "rules": [...] }`, as in files) → 201 `{ id?, ids, warnings }`;
 * `GET /__mock/fixtures` → the rules in matching order with their reply counts; `DELETE /__mock/fixtures`
 * drops the runtime rules; `DELETE /__mock/fixtures/{id}` drops one rule.
 */
export function installFixtureRoutes(admin: AdminRouter, api: FixturesApi): void {
  admin.route('POST', 'fixtures', (req) => {
    try {
      const added = api.addDocument(req.body, 'POST /__mock/fixtures');
      return adminJson({ ...(added.ids.length === 1 && { id: added.ids[0] }), ...added }, 201);
    } catch (error) {
      if (error instanceof FixtureRuleError)
        throw new OpenAIHttpError(400, error.message, { code: 'invalid_fixture' });
      throw error;
    }
  });
  admin.route('GET', 'fixtures', () => adminJson({ strict: api.strict, rules: api.list() }));
  admin.route('DELETE', 'fixtures', () => {
    api.clear();
    return adminNoContent();
  });
  admin.route('DELETE', 'fixtures/:id', (_req, params) => {
    const id = params['id']!;
    if (!api.remove(id)) throw new OpenAIHttpError(404, `No fixture rule with id '${id}'.`);
    return adminNoContent();
  });
}
