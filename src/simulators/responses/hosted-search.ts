/**
 * The searching tools: `web_search` answers with a `web_search_call` and a message citing its sources as
 * `url_citation` annotations over markdown links; `file_search` answers with a `file_search_call` and a
 * message citing files as `file_citation`s — the files uploaded to the Files simulator when there are any.
 */
import { promptKeywords, randomId } from '../../fixtures/index.js';
import {
  type HostedContext,
  type HostedResult,
  newItemId,
  promptOf,
  prose,
  searchQuery,
  sentences,
} from './hosted-context.js';
import type { Json } from './response-store.js';

interface Source {
  url: string;
  title: string;
  label: string;
}

export function webSearch(h: HostedContext): HostedResult {
  const query = searchQuery(h);
  const sources = webSources(h, query);
  const action: Json = { type: 'search', query, queries: [query] };
  if (h.req.include.has('web_search_call.action.sources'))
    action['sources'] = sources.map((s) => ({ type: 'url', url: s.url }));
  const call = { id: newItemId(h, 'web_search_call'), type: 'web_search_call', status: 'completed', action };
  let text = '';
  const annotations: Json[] = [];
  const said = sentences(prose(h, 'web-answer', 70));
  said.forEach((sentence, i) => {
    text += `${text ? ' ' : ''}${sentence}`;
    const source = sources[i];
    if (!source) return;
    const link = `[${source.label}](${source.url})`;
    const start = text.length + 2;
    text += ` (${link})`;
    annotations.push({
      type: 'url_citation',
      url: source.url,
      title: source.title,
      start_index: start,
      end_index: start + link.length,
    });
  });
  return { items: [call], message: { text, annotations } };
}

function webSources(h: HostedContext, query: string): Source[] {
  const keywords = promptKeywords(promptOf(h), 3);
  // Names (capitalised words) make the best article titles; else the longest keyword.
  const topic =
    keywords.find((k) => /^\p{Lu}/u.test(k)) ??
    [...keywords].sort((a, b) => b.length - a.length)[0] ??
    query.split(' ')[0] ??
    'search';
  const slug = encodeURIComponent(keywords.join('-').toLowerCase() || 'overview');
  const wiki = encodeURIComponent(topic.replace(/\s+/g, '_'));
  const allowed = h.tool['filters']?.['allowed_domains'];
  const domains: string[] =
    Array.isArray(allowed) && allowed.length
      ? allowed
      : ['en.wikipedia.org', 'www.britannica.com', 'www.reuters.com'];
  const count = h.random.fork('sources').int(2, Math.min(3, domains.length + 1));
  return Array.from({ length: count }, (_, i) => {
    const domain = domains[i % domains.length]!.replace(/^https?:\/\//, '').replace(/\/+$/, '');
    const path =
      domain === 'en.wikipedia.org'
        ? `wiki/${wiki}`
        : domain === 'www.britannica.com'
          ? `topic/${slug}`
          : `${slug}/${i + 1}`;
    const title =
      domain === 'en.wikipedia.org'
        ? `${topic} - Wikipedia`
        : `${capitalize(keywords.join(' ') || topic)} | ${domain.replace(/^www\./, '')}`;
    return { url: `https://${domain}/${path}?utm_source=openai`, title, label: domain.replace(/^www\./, '') };
  });
}

interface FileRef {
  id: string;
  filename: string;
}

export async function fileSearch(h: HostedContext): Promise<HostedResult> {
  const query = searchQuery(h);
  const max = typeof h.tool['max_num_results'] === 'number' ? Math.max(1, h.tool['max_num_results']) : 3;
  const files = (await uploadedFiles(h)).slice(0, Math.min(max, 3));
  const results = files.map((f, i) => ({
    file_id: f.id,
    filename: f.filename,
    score: Math.round((0.92 - i * 0.11 - h.random.fork(`score:${i}`).next() * 0.05) * 1e4) / 1e4,
    text: prose(h, `snippet:${i}`, 30),
    attributes: {},
  }));
  const call = {
    id: newItemId(h, 'file_search_call'),
    type: 'file_search_call',
    status: 'completed',
    queries: [query],
    results: h.req.include.has('file_search_call.results') ? results : null,
  };
  let text = '';
  const annotations: Json[] = [];
  const said = sentences(prose(h, 'file-answer', 60));
  said.forEach((sentence, i) => {
    const file = files[i];
    text += `${text ? ' ' : ''}${file ? `According to ${file.filename}, ${lower(sentence)}` : sentence}`;
    if (file)
      annotations.push({
        type: 'file_citation',
        file_id: file.id,
        filename: file.filename,
        index: text.length,
      });
  });
  return { items: [call], message: { text, annotations } };
}

const FALLBACK_FILES = ['product-handbook.pdf', 'onboarding-guide.md', 'quarterly-report.pdf'];

/** Live files of the Files simulator (store `files`), newest first; plausible names when none were uploaded. */
async function uploadedFiles(h: HostedContext): Promise<FileRef[]> {
  const stored = await h.engine.stores
    .store<{ id: string; filename: string; deleted?: boolean; expires_at?: number }>('files')
    .list();
  const now = h.engine.clock.now() / 1000;
  const live = stored.filter(
    (f) =>
      !f.deleted &&
      typeof f.id === 'string' &&
      typeof f.filename === 'string' &&
      !((f.expires_at ?? Infinity) <= now),
  );
  if (live.length) return live.reverse().map((f) => ({ id: f.id, filename: f.filename }));
  const random = h.random.fork('fallback-files');
  return FALLBACK_FILES.map((filename) => ({ id: randomId('file', random), filename }));
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const lower = (s: string) => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);
