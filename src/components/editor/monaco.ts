// Monaco, loaded lazily (a few MB) so a lesson's text appears before the editor does. The notebook
// API's typed declarations feed JavaScript autocomplete.
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker?worker';
import { language as javascript } from 'monaco-editor/languages/definitions/javascript/javascript';
import apiDts from '../../notebook/generated/notebook-api.d.ts?raw';
import { withUnicodeIdentifiers } from './unicodeJs';

(self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
  getWorker: (_id: string, label: string) => (label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker()),
};

type JsDefaults = { addExtraLib(src: string, path: string): void; setCompilerOptions(o: Record<string, unknown>): void; setDiagnosticsOptions(o: Record<string, unknown>): void };
const ts = (monaco as unknown as { typescript?: { javascriptDefaults: JsDefaults } }).typescript
  ?? (monaco.languages as unknown as { typescript?: { javascriptDefaults: JsDefaults } }).typescript;
if (ts) {
  ts.javascriptDefaults.setCompilerOptions({ target: 99, allowNonTsExtensions: true, lib: ['es2022'], checkJs: false });
  // cells use top-level await and share globals: syntax errors only, no semantic noise
  ts.javascriptDefaults.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: false, diagnosticCodesToIgnore: [1375, 1378, 1108] });
  ts.javascriptDefaults.addExtraLib(apiDts, 'ts:paralelo/notebook-api.d.ts');
}

// Accented identifiers (`época`) are identifiers, not `invalid` (unicodeJs.ts). Registered before any
// editor exists, this factory replaces Monaco's lazy one for JavaScript (one factory per language).
monaco.languages.registerTokensProviderFactory('javascript', { create: () => withUnicodeIdentifiers(javascript) });

export { monaco };
