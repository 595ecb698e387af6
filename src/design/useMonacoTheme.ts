// Monaco draws its own colours: follow the page's theme (light or dark, from the system) with a theme
// built on `vs` / `vs-dark` whose background is the design's surface. Monaco's theme is global, so one
// hook in the app sets it for every editor; editors created later keep it (they are made without a
// `theme` option). This never loads Monaco: the theme is set when the first editor loads it.
import { useEffect } from 'react';
import { whenMonaco } from '../components/editor/loadMonaco';
import { PALETTES } from './tokens';
import { useTheme } from './useTheme';

export function useMonacoTheme(active: boolean): void {
  const theme = useTheme();
  useEffect(() => {
    if (!active) return;
    return whenMonaco(({ monaco }) => {
      const name = `paralelo-${theme}`;
      monaco.editor.defineTheme(name, {
        base: theme === 'dark' ? 'vs-dark' : 'vs', inherit: true,
        // vs-dark's comments (#608b4e, 4.16:1) and line numbers (#858585, 4.46:1) fall short of 4.5:1 on
        // the dark surface (axe, e2e/notebook.spec.ts): a lighter green (6.7:1) and the palette's muted text
        rules: theme === 'dark' ? [{ token: 'comment', foreground: '7fb27a' }] : [],
        colors: {
          'editor.background': PALETTES[theme].surface, 'editorGutter.background': PALETTES[theme].surface,
          'editorLineNumber.foreground': PALETTES[theme].muted,
        },
      });
      monaco.editor.setTheme(name);
    });
  }, [theme, active]);
}
