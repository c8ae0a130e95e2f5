import { type AdminRequest, adminJson, adminNoContent } from '../../engine/admin.js';
import type { EngineCore } from '../../engine/context.js';
import { OpenAIHttpError } from '../../engine/errors.js';
import type { RuleSet } from './rule-set.js';
import { FaultRuleError } from './types.js';

/** The scope an admin call speaks for: `?scope=`, else its own `x-mock-test-id` header. */
function scopeOf(req: AdminRequest): string | undefined {
  const q = req.query['scope'];
  return typeof q === 'string' ? q : req.headers['x-mock-test-id'];
}

/**
 * `POST /__mock/faults` (a rule or a list; 201 `{ id }` / `{ ids }`), `GET /__mock/faults`,
 * `DELETE /__mock/faults` (runtime rules, of one scope when given) and `DELETE /__mock/faults/:id`.
 * A rule posted with an `x-mock-test-id` header applies to that test's requests only.
 */
export function installFaultAdminRoutes(engine: EngineCore, rules: RuleSet): void {
  engine.admin.route('POST', 'faults', (req) => {
    const scope = req.headers['x-mock-test-id'] ?? null;
    const add = (input: unknown, where: string) => {
      try {
        return rules.add(input, 'runtime', scope, where);
      } catch (error) {
        if (error instanceof FaultRuleError)
          throw new OpenAIHttpError(400, `POST /__mock/faults: ${error.message}`);
        throw error;
      }
    };
    if (Array.isArray(req.body)) {
      const added = req.body.map((rule, i) => add(rule, `rule ${i}`));
      return adminJson({ ids: added.map((r) => r.id), rules: added }, 201);
    }
    if (req.body === undefined)
      throw new OpenAIHttpError(
        400,
        'POST /__mock/faults: expected a JSON rule, e.g. { "status": 429, "times": 2 }.',
      );
    const rule = add(req.body, 'rule');
    return adminJson({ ...rule, id: rule.id }, 201);
  });
  engine.admin.route('GET', 'faults', (req) => adminJson({ rules: rules.list(scopeOf(req)) }));
  engine.admin.route('DELETE', 'faults', (req) => {
    rules.clear({ scope: scopeOf(req) });
    return adminNoContent();
  });
  engine.admin.route('DELETE', 'faults/:id', (_req, params) => {
    const id = params['id'] ?? '';
    if (!rules.remove(id)) throw new OpenAIHttpError(404, `No fault rule found with id '${id}'.`);
    return adminNoContent();
  });
}
