/**
 * Which hosted (built-in) tool, if any, a generated turn uses. A forced `tool_choice` wins; a tool result
 * continues the loop it belongs to (computer use, MCP approvals); otherwise the tool the prompt asks for
 * by topic, else the first hosted tool listed — unless a function tool is what the prompt names, or is
 * listed first, in which case the function route (the shared default reply) answers.
 */
import type { ConversationView } from '../../fixtures/scripted/index.js';
import type { HostedContext, HostedResult } from './hosted-context.js';
import { fileSearch, webSearch } from './hosted-search.js';
import { codeInterpreter, computer, imageGeneration, localShell, mcp } from './hosted-tools.js';
import { hostedFamily, type ResponseRequest } from './response-request.js';
import type { Json } from './response-store.js';

export type HostedBuilder = (h: HostedContext) => HostedResult | Promise<HostedResult>;

const BUILDERS: Record<string, HostedBuilder> = {
  web_search: webSearch,
  file_search: fileSearch,
  code_interpreter: codeInterpreter,
  image_generation: imageGeneration,
  mcp,
  computer,
  local_shell: localShell,
};

const TOPICS: Record<string, RegExp> = {
  web_search: /\b(search|news|latest|today|current|web|online|look up|recent)\b/i,
  file_search: /\b(files?|documents?|docs|handbook|report|pdf|uploaded|manual)\b/i,
  code_interpreter: /\b(calculate|compute|python|code|plot|sum|average|mean|analy[sz]e)\b/i,
  image_generation: /\b(image|draw|picture|illustration|logo|photo|sketch|paint)\b/i,
  computer: /\b(click|browser|screen|website|open)\b/i,
};

export const builderFor = (type: string): HostedBuilder | undefined => BUILDERS[hostedFamily(type)];

export function hostedToolFor(
  req: ResponseRequest,
  view: ConversationView,
  items: readonly Json[],
): Json | undefined {
  const choice = req.body['tool_choice'];
  if (choice === 'none' || req.body['max_tool_calls'] === 0) return undefined;
  let hosted = req.tools.filter((t) => builderFor(String(t['type'])));
  if (choice && typeof choice === 'object') {
    const type = String(choice['type']);
    if (type === 'mcp')
      return hosted.find((t) => t['type'] === 'mcp' && t['server_label'] === choice['server_label']);
    if (builderFor(type)) return hosted.find((t) => hostedFamily(String(t['type'])) === hostedFamily(type));
    if (type === 'allowed_tools' && Array.isArray(choice['tools'])) {
      const allowed: Json[] = choice['tools'];
      hosted = hosted.filter((t) =>
        allowed.some((a) => hostedFamily(String(a['type'])) === hostedFamily(String(t['type']))),
      );
    } else return undefined; // a forced function or custom tool
  }
  if (!hosted.length) return undefined;
  const last = items[items.length - 1];
  if (last?.['type'] === 'computer_call_output')
    return hosted.find((t) => hostedFamily(String(t['type'])) === 'computer');
  if (last?.['type'] === 'mcp_approval_response') return followedMcp(hosted, items, last);
  if (view.endsWithToolResult) return undefined;
  const functions = req.tools.filter((t) => t['type'] === 'function' || t['type'] === 'custom');
  if (functions.some((f) => mentioned(view.lastUser, String(f['name'])))) return undefined;
  const byTopic = hosted.find((t) => {
    const family = hostedFamily(String(t['type']));
    if (family === 'mcp') return mentioned(view.lastUser, String(t['server_label'] ?? ''));
    return TOPICS[family]?.test(view.lastUser);
  });
  if (byTopic) return byTopic;
  const first = req.tools[0];
  return first && (first['type'] === 'function' || first['type'] === 'custom') ? undefined : hosted[0];
}

/** The MCP server whose approval request this response answers. */
function followedMcp(hosted: Json[], items: readonly Json[], approval: Json): Json | undefined {
  const request = items.find(
    (i) => i['type'] === 'mcp_approval_request' && i['id'] === approval['approval_request_id'],
  );
  return hosted.find(
    (t) => t['type'] === 'mcp' && (!request || t['server_label'] === request['server_label']),
  );
}

/** The prompt names the tool: every word of `get_current_weather` past the verb appears in it. */
function mentioned(prompt: string, name: string): boolean {
  const words = name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(
      (w) => w.length >= 3 && !['get', 'set', 'fetch', 'list', 'create', 'current', 'lookup'].includes(w),
    );
  const text = prompt.toLowerCase();
  return words.length > 0 && words.some((w) => text.includes(w.replace(/s$/, '')));
}
