// The en lessons, parsed at build time (compile.ts, by the plugin in vite-plugin.ts) into a chunk
// of their own (index.ts loads it). Each lesson's HTML and knob use come in a chunk per lesson (index.ts).
import type { Lesson } from '../notebook/core/lesson';

const files = import.meta.glob('./en/*.md', { query: '?lesson', import: 'default', eager: true }) as Record<string, Lesson>;

export const lessons: Lesson[] = Object.values(files).sort((a, b) => a.slug.localeCompare(b.slug));
