// A lesson as the build ships it (issue 18 §5), in two parts:
//   compileLesson: parsed from its Markdown (cells, front matter), for the language's chunk, which
//     every page of that language loads (the sidebar and the welcome page list every lesson);
//   compileExtras: each Markdown cell rendered to HTML (markdown-it + KaTeX, as an imported
//     notebook's cells are rendered in the page) and each code cell's knob use found (acorn), in a
//     chunk per lesson, loaded when that lesson is opened.
// The first lesson then paints without markdown-it, KaTeX's JavaScript or DOMPurify, and without
// parsing any lesson on the main thread. Runs in Node, at build time (vite-plugin.ts) and in the unit
// tests; e2e/lessonHtml.spec.ts checks that DOMPurify, as the page configures it, removes nothing
// from any lesson's HTML.
import { parseLesson, type Lesson } from '../notebook/core/lesson';
import { renderMarkdown } from '../notebook/core/markdown';
import { serialKnobUse, staticKnobUse, type SerialKnobUse } from '../notebook/core/knobUse';

/** A lesson's build-time extras, by cell index: HTML for a Markdown cell, knob use for a code cell (null for the other kind). */
export interface LessonExtras { html: (string | null)[]; knobUse: (SerialKnobUse | null)[] }

export function compileLesson(raw: string, slug: string, lang: string): Lesson {
  return parseLesson(raw, slug, lang);
}

export function compileExtras(raw: string, slug: string, lang: string): LessonExtras {
  const { cells } = parseLesson(raw, slug, lang);
  return {
    html: cells.map((c) => (c.kind === 'markdown' ? renderMarkdown(c.source) : null)),
    knobUse: cells.map((c) => (c.kind === 'code' ? serialKnobUse(staticKnobUse(c.source)) : null)),
  };
}
