// A lesson is Markdown: fenced blocks whose info string starts with `js cell` become code cells
// (options after `cell` as key=value set that cell's knobs); everything else is markdown.

export interface CellSpec {
  index: number; // position in the lesson, stable across edits
  kind: 'markdown' | 'code';
  source: string;
  options: Record<string, string | number | boolean>;
  /** a lesson's Markdown cell: its HTML, rendered at build time (src/lessons/compile.ts), once that lesson's extras have loaded */
  html?: string;
}

export interface Lesson {
  key: string; // 'NN' shared by the es and en versions
  slug: string; // 'NN-slug' (differs per language)
  lang: string;
  title: string;
  cells: CellSpec[];
  /** estimated minutes to read and run it (front matter `minutes:`) */
  minutes?: number;
  /** one sentence for the path on the welcome page (front matter `summary:`) */
  summary?: string;
  /** what a student can do after it (front matter `goals:` followed by `- …` lines) */
  goals?: string[];
}

/** The number a lesson is shown with: its key (`00` → 0, `04` → 4), so the sidebar, the path and the
 * address agree; null for a notebook without one (an imported notebook). */
export function lessonNumber(key: string): number | null {
  return /^\d+$/.test(key) ? Number(key) : null;
}

export interface FrontMatter { minutes?: number; summary?: string; goals: string[] }

/**
 * A lesson may open with front matter between two `---` lines:
 *   minutes: 15
 *   summary: one sentence
 *   goals:
 *   - a goal
 * Returns it and the rest of the source; unknown keys are ignored, and a source without it is returned whole.
 */
export function splitFrontMatter(source: string): { meta: FrontMatter; body: string } {
  const meta: FrontMatter = { goals: [] };
  const m = source.match(/^---\n([\s\S]*?)\n---\n/);
  if (!m) return { meta, body: source };
  let inGoals = false;
  for (const line of m[1].split('\n')) {
    const item = line.match(/^\s*-\s+(.+)$/);
    if (item && inGoals) { meta.goals.push(item[1].trim()); continue; }
    const kv = line.match(/^(\w+):\s*(.*)$/);
    if (!kv) continue;
    inGoals = kv[1] === 'goals';
    if (kv[1] === 'minutes' && Number.isFinite(Number(kv[2])) && kv[2] !== '') meta.minutes = Number(kv[2]);
    if (kv[1] === 'summary' && kv[2]) meta.summary = kv[2].trim();
  }
  return { meta, body: source.slice(m[0].length) };
}

const FENCE = /^(`{3,}|~{3,})\s*(.*)$/;

function parseOptions(rest: string): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const pair of rest.split(/\s+/).filter(Boolean)) {
    const [k, v = 'true'] = pair.split('=');
    out[k] = v === 'true' ? true : v === 'false' ? false : Number.isFinite(Number(v)) && v !== '' ? Number(v) : v;
  }
  return out;
}

export function parseLesson(raw: string, slug: string, lang: string): Lesson {
  const { meta, body: source } = splitFrontMatter(raw.replace(/\r\n?/g, '\n'));
  const lines = source.split('\n');
  const cells: CellSpec[] = [];
  let md: string[] = [];
  const flushMd = () => {
    const text = md.join('\n').trim();
    if (text) cells.push({ index: cells.length, kind: 'markdown', source: text, options: {} });
    md = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const m = lines[i].match(FENCE);
    const info = m?.[2].trim() ?? '';
    const cell = m && /^(js|javascript)\s+cell\b/.test(info);
    if (!m || !cell) {
      // an ordinary fence: copy it whole so a ``` inside it cannot start a cell
      if (m) {
        const close = m[1];
        md.push(lines[i]);
        for (i++; i < lines.length && !lines[i].startsWith(close); i++) md.push(lines[i]);
        if (i < lines.length) md.push(lines[i]);
      } else md.push(lines[i]);
      continue;
    }
    flushMd();
    const close = m[1];
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i].startsWith(close); i++) body.push(lines[i]);
    cells.push({ index: cells.length, kind: 'code', source: body.join('\n'), options: parseOptions(info.replace(/^(js|javascript)\s+cell\b/, '')) });
  }
  flushMd();
  const title = source.match(/^#\s+(.+)$/m)?.[1].trim() ?? slug;
  return { key: slug.split('-')[0], slug, lang, title, cells, ...meta };
}
