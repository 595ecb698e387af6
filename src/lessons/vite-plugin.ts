// `import lesson from './es/00-intro.md?lesson'`: the lesson parsed at build time (compile.ts), as a
// module whose default export is the Lesson; `…/00-intro.md?lesson-extras`: its cells' HTML and knob
// use (LessonExtras). In dev the file is watched: an edit reloads it.
// compile.ts (and what it imports from src/) is loaded through Vite's own module runner, not imported
// by vite.config.ts, so the config stays small and its loader sees no app code.
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport, type Plugin } from 'vite';
import type * as Compile from './compile';

const QUERY = /\.md\?(lesson|lesson-extras)$/;
const COMPILE = join(dirname(fileURLToPath(import.meta.url)), 'compile.ts');

export function lessonsAtBuild(): Plugin {
  let compiler: Promise<{ module: typeof Compile }> | null = null;
  return {
    name: 'paralelo:lessons-at-build',
    enforce: 'pre',
    async load(id) {
      const m = QUERY.exec(id);
      if (!m) return null;
      const file = id.slice(0, id.lastIndexOf('?'));
      compiler ??= runnerImport<typeof Compile>(COMPILE, { configFile: false, logLevel: 'warn', plugins: [] });
      const { module } = await compiler;
      this.addWatchFile(file);
      const args = [readFileSync(file, 'utf8'), basename(file, '.md'), basename(dirname(file))] as const;
      const value = m[1] === 'lesson' ? module.compileLesson(...args) : module.compileExtras(...args);
      // a JSON literal (JSON.parse of a string would escape every quote and line break a second time: a third more gzip)
      return { code: `export default ${JSON.stringify(value)};`, map: null };
    },
  };
}
