/**
 * The acting tools, each a schema-valid call item with plausible content: code interpreter (code that
 * runs, with its logs), image generation (a decodable PNG), remote MCP servers (tools listed, then a call
 * or an approval request), computer use (an action per turn) and local shell (a command).
 */
import { sampleSchema, USER_SCHEMA } from '../../fixtures/index.js';
import { type HostedContext, type HostedResult, newItemId, promptOf, prose } from './hosted-context.js';
import type { Json } from './response-store.js';
import { solidPngBase64 } from './tiny-png.js';

export function codeInterpreter(h: HostedContext): HostedResult {
  const random = h.random.fork('code');
  const fromPrompt = (promptOf(h).match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number).slice(0, 6);
  const numbers =
    fromPrompt.length >= 2 ? fromPrompt : Array.from({ length: random.int(3, 5) }, () => random.int(2, 99));
  const total = Math.round(numbers.reduce((a, b) => a + b, 0) * 1e6) / 1e6;
  const mean = Math.round((total / numbers.length) * 1e4) / 1e4;
  const code = `numbers = [${numbers.join(', ')}]\ntotal = sum(numbers)\nmean = total / len(numbers)\nprint(f"total={total}, mean={mean:.4f}")`;
  const logs = `total=${total}, mean=${mean.toFixed(4)}\n`;
  const container = h.tool['container'];
  const call = {
    type: 'code_interpreter_call',
    id: newItemId(h, 'code_interpreter_call'),
    status: 'completed',
    container_id:
      typeof container === 'string' ? container : h.engine.ids.next('cntr', h.random.fork('container')),
    code,
    outputs: h.req.include.has('code_interpreter_call.outputs') ? [{ type: 'logs', logs }] : null,
  };
  const text = `I ran the numbers: the total is ${total} and the mean is ${mean.toFixed(4)}. ${prose(h, 'code-answer', 30)}`;
  return { items: [call], message: { text, annotations: [] } };
}

export function imageGeneration(h: HostedContext): HostedResult {
  const random = h.random.fork('image');
  const rgb: [number, number, number] = [random.int(0, 255), random.int(0, 255), random.int(0, 255)];
  const size = typeof h.tool['size'] === 'string' && h.tool['size'] !== 'auto' ? h.tool['size'] : '1024x1024';
  const call = {
    type: 'image_generation_call',
    id: newItemId(h, 'image_generation_call'),
    status: 'completed',
    result: solidPngBase64(rgb),
    output_format: typeof h.tool['output_format'] === 'string' ? h.tool['output_format'] : 'png',
    size,
    quality:
      typeof h.tool['quality'] === 'string' && h.tool['quality'] !== 'auto' ? h.tool['quality'] : 'medium',
    background: 'opaque',
    revised_prompt: promptOf(h).trim() || 'An image',
  };
  return { items: [call] };
}

const DEFAULT_MCP_TOOLS = ['search', 'fetch'];

/** Remote MCP: tools listed once per conversation, then a call (approved or `require_approval: never`) or an approval request. */
export function mcp(h: HostedContext): HostedResult {
  const label = String(h.tool['server_label'] ?? 'mcp');
  const items: Json[] = [];
  const listed = h.items.some((i) => i['type'] === 'mcp_list_tools' && i['server_label'] === label);
  const allowed = h.tool['allowed_tools'];
  const names: string[] = Array.isArray(allowed)
    ? allowed
    : Array.isArray(allowed?.['tool_names'])
      ? allowed['tool_names']
      : DEFAULT_MCP_TOOLS;
  const inputSchema = {
    type: 'object',
    properties: { query: { type: 'string' } },
    required: ['query'],
    additionalProperties: false,
  };
  if (!listed)
    items.push({
      type: 'mcp_list_tools',
      id: newItemId(h, 'mcp_list_tools'),
      server_label: label,
      tools: names.map((name) => ({
        name,
        description: `${name} on ${label}`,
        input_schema: inputSchema,
        annotations: null,
      })),
      error: null,
    });
  const name = names[0] ?? 'search';
  const args = JSON.stringify(
    sampleSchema(inputSchema, {
      random: h.random.fork('mcp-args'),
      hints: { query: () => promptOf(h).slice(0, 80) },
      ...USER_SCHEMA,
    }),
  );
  const approval = lastApproval(h.items);
  if (approval?.approve === false)
    return {
      items,
      message: {
        text: `The ${name} call on ${label} was not approved. ${prose(h, 'mcp-denied', 24)}`,
        annotations: [],
      },
    };
  if (needsApproval(h.tool, name) && !approval) {
    items.push({
      type: 'mcp_approval_request',
      id: newItemId(h, 'mcp_approval_request'),
      server_label: label,
      name,
      arguments: args,
    });
    return { items };
  }
  const output = prose(h, 'mcp-output', 40);
  items.push({
    type: 'mcp_call',
    id: newItemId(h, 'mcp_call'),
    server_label: label,
    name,
    arguments: args,
    output,
    error: null,
    status: 'completed',
    approval_request_id: approval?.approval_request_id ?? null,
  });
  return { items, message: { text: `${label} says: ${output}`, annotations: [] } };
}

function needsApproval(tool: Json, name: string): boolean {
  const rule = tool['require_approval'];
  if (rule === 'never') return false;
  if (rule && typeof rule === 'object') {
    const never = rule['never']?.['tool_names'];
    if (Array.isArray(never) && never.includes(name)) return false;
  }
  return true;
}

/** The approval sent in this turn's input, if the last item answers an approval request. */
function lastApproval(items: readonly Json[]): Json | undefined {
  const last = items[items.length - 1];
  return last?.['type'] === 'mcp_approval_response' ? last : undefined;
}

/** Computer use: a screenshot first, then an action after each screenshot sent back, until three rounds answer. */
export function computer(h: HostedContext): HostedResult {
  const rounds = h.items.filter((i) => i['type'] === 'computer_call_output').length;
  if (rounds >= 3)
    return { items: [], message: { text: `Done. ${prose(h, 'computer-done', 24)}`, annotations: [] } };
  const random = h.random.fork('computer');
  const width = typeof h.tool['display_width'] === 'number' ? h.tool['display_width'] : 1024;
  const height = typeof h.tool['display_height'] === 'number' ? h.tool['display_height'] : 768;
  const actions: Json[] = [
    { type: 'screenshot' },
    { type: 'click', button: 'left', x: random.int(0, width - 1), y: random.int(0, height - 1) },
    { type: 'type', text: promptOf(h).slice(0, 40) || 'hello' },
  ];
  const call = {
    type: 'computer_call',
    id: newItemId(h, 'computer_call'),
    call_id: h.engine.ids.next('call', random.fork('call-id')),
    action: actions[rounds],
    pending_safety_checks: [],
    status: 'completed',
  };
  return { items: [call] };
}

export function localShell(h: HostedContext): HostedResult {
  if (h.items[h.items.length - 1]?.['type'] === 'local_shell_call_output') return { items: [] };
  const call = {
    type: 'local_shell_call',
    id: newItemId(h, 'local_shell_call'),
    call_id: h.engine.ids.next('call', h.random.fork('call-id')),
    action: {
      type: 'exec',
      command: ['ls', '-la'],
      env: {},
      timeout_ms: null,
      working_directory: null,
      user: null,
    },
    status: 'completed',
  };
  return { items: [call] };
}
