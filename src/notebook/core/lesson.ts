// A lesson is Markdown: fenced blocks whose info string starts with `js cell` become code cells
// (options after `cell` as key=value set that cell's knobs); everything else is markdown.

export interface CellSpec {
  index: number; // position in the lesson, stable across edits
  kind: 'markdown' | 'code';
  source: string;
  options: Record<string, string | number | boolean>;
}

export interface Lesson {
  key: string; // 'NN' shared by the es and en versions
  slug: string; // 'NN-slug' (differs per language)
  lang: string;
  title: string;
  cells: CellSpec[];
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

export function parseLesson(source: string, slug: string, lang: string): Lesson {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
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
  return { key: slug.split('-')[0], slug, lang, title, cells };
}
