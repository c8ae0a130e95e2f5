import { adminJson, adminNoContent } from './admin.js';
import type { EngineCore } from './context.js';

/** The admin API's core routes; features add theirs (faults, fixtures, clock) when they install. */
export function installAdminRoutes(engine: EngineCore & { reset(): Promise<void> }): void {
  engine.admin.route('GET', 'health', () => adminJson({ status: 'ok' }));
  engine.admin.route('GET', 'journal', (req) => {
    const scope = typeof req.query['scope'] === 'string' ? req.query['scope'] : req.headers['x-mock-test-id'];
    return adminJson({ requests: engine.journal.entries({ scope }) });
  });
  engine.admin.route('DELETE', 'journal', () => {
    engine.journal.clear();
    return adminNoContent();
  });
  engine.admin.route('POST', 'reset', async () => {
    await engine.reset();
    return adminNoContent();
  });
}
