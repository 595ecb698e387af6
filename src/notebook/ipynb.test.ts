import { describe, expect, it } from 'vitest';
import { newCell, transitionCell } from './core/cell';
import { parseLesson } from './core/lesson';
import { knobsFromOptions } from './core/knobs';
import { exportIpynb, importIpynb, IpynbError, tableHtml } from './ipynb';
import type { Output } from './kernel/protocol';
import { finishedRace } from '../test/raceFixture';

describe('ipynb', () => {
  it('round-trips cells, knobs and outputs (digits included)', () => {
    const pixels = Uint8Array.from({ length: 784 }, (_, i) => (i * 7) % 256);
    const lesson = parseLesson('# T\nhola\n```js cell batchSize=256\nconst a = 1;\n```\n', '01-x', 'es');
    let code = newCell(lesson.cells[1], knobsFromOptions(lesson.cells[1].options));
    code = transitionCell(code, { type: 'start', count: 4 });
    code = transitionCell(code, { type: 'output', output: { id: 'a', kind: 'text', text: 'hi' } });
    code = transitionCell(code, { type: 'output', output: { id: 'b', kind: 'digits', images: pixels, labels: new Uint8Array([3]), predictions: new Uint8Array([5]) } });
    const nb = exportIpynb(lesson, [newCell(lesson.cells[0], knobsFromOptions({})), code]);
    const back = importIpynb(JSON.stringify(nb), 'x.ipynb');
    expect(back.lesson.title).toBe('T');
    expect(back.lesson.cells.map((c) => [c.kind, c.source])).toEqual([['markdown', '# T\nhola'], ['code', 'const a = 1;']]);
    expect(back.knobs.get(1)?.batchSize).toBe(256);
    const outs = back.outputs.get(1)!;
    expect(outs.count).toBe(4);
    expect(outs.outputs[0]).toMatchObject({ kind: 'text', text: 'hi' });
    expect(outs.outputs[1]).toMatchObject({ kind: 'digits', images: pixels, predictions: new Uint8Array([5]) });
  });

  it('exports a weights view with a text summary and imports it back with its int8 filters', () => {
    const lesson = parseLesson('# T\n```js cell\nawait show.weights(run);\n```\n', '02-x', 'en');
    const filters = Int8Array.from({ length: 16 * 784 }, (_, i) => ((i * 37) % 255) - 127);
    const image = Uint8Array.from({ length: 784 }, (_, i) => i % 256);
    const classes = Array.from({ length: 10 }, (_, v) => ({ logit: v - 4.5, top: [{ unit: v, contribution: 0.5 * v }] }));
    const weights = { label: 'js', hidden: 16, scale: 0.42, filters, digits: [{ index: 3, label: 0, prediction: 6, image, activations: Array.from({ length: 16 }, (_, j) => (j % 3 ? 0 : j)), classes }] };
    let code = newCell(lesson.cells[1], knobsFromOptions({}));
    code = transitionCell(code, { type: 'start', count: 1 });
    code = transitionCell(code, { type: 'output', output: { id: 'weights-0', kind: 'weights', weights } });
    const nb = exportIpynb(lesson, [newCell(lesson.cells[0], knobsFromOptions({})), code]);
    const out = nb.cells[1].outputs![0] as { data: Record<string, string> };
    expect(out.data['text/plain']).toContain('16 first-layer filters');
    expect(out.data['text/plain']).toContain('Test image 3: label 0, predicted 6 · 5 of 16 hidden units are active');
    const back = importIpynb(JSON.stringify(nb), 'x.ipynb').outputs.get(1)!.outputs[0];
    expect(back).toMatchObject({ kind: 'weights', weights: { label: 'js', hidden: 16, scale: 0.42, digits: [{ index: 3, image, classes }] } });
    expect(back.kind === 'weights' && Array.from(back.weights.filters)).toEqual(Array.from(filters));
  });

  it('exports a race as its results table (text and HTML) and imports it back as a race', () => {
    const lesson = parseLesson('# T\n```js cell\nawait show.race();\n```\n', '03-x', 'es');
    let code = newCell(lesson.cells[1], knobsFromOptions({}));
    code = transitionCell(code, { type: 'start', count: 1 });
    code = transitionCell(code, { type: 'output', output: { id: 'race-0', kind: 'race', race: finishedRace() } });
    const nb = exportIpynb(lesson, [newCell(lesson.cells[0], knobsFromOptions({})), code]);
    const out = nb.cells[1].outputs![0] as { data: Record<string, string> };
    expect(out.data['text/plain']).toMatch(/^carril\s+qué corrió\s+ms \/ época/);
    expect(out.data['text/plain']).toContain('2,00×');
    expect(out.data['text/html']).toContain('<td>workers ×2</td>');
    const back = importIpynb(JSON.stringify(nb), 'x.ipynb').outputs.get(1)!.outputs[0];
    expect(back).toMatchObject({ kind: 'race', race: { lanes: [{ label: 'js' }, { label: 'workers ×2' }, { status: 'failed' }] } });
  });

  it('exports a training run\'s export output as words and imports it back with its options (the Rosetta panel and Export need them)', () => {
    const lesson = parseLesson('# T\n```js cell\nawait train();\n```\n', '02-x', 'es');
    const options = { backend: 'workers', workers: 2, threads: 2, batchSize: 1024, learningRate: 0.05, epochs: 1, samples: 12000, seed: 3, hiddenSize: 128 } as const;
    let code = newCell(lesson.cells[1], knobsFromOptions({}));
    code = transitionCell(code, { type: 'start', count: 1 });
    code = transitionCell(code, { type: 'output', output: { id: 'export-0', kind: 'export', experiment: { options } } });
    const nb = exportIpynb(lesson, [newCell(lesson.cells[0], knobsFromOptions({})), code]);
    const out = nb.cells[1].outputs![0] as { data: Record<string, string> };
    expect(out.data['text/plain']).toContain('Entrenamiento en workers: lote 1024, tasa de aprendizaje 0,05, 12.000 imágenes, semilla 3.');
    const back = importIpynb(JSON.stringify(nb), 'x.ipynb').outputs.get(1)!.outputs[0];
    expect(back).toEqual({ id: 'imported-0', kind: 'export', experiment: { options } });
  });

  it('rejects malformed files with a clear message', () => {
    expect(() => importIpynb('{', 'a.ipynb')).toThrowError(/a.ipynb is not valid JSON/);
    expect(() => importIpynb('{"nbformat":3,"cells":[]}', 'b.ipynb')).toThrowError(/only nbformat 4 notebooks are supported \(found 3\)/);
    expect(() => importIpynb('{"nbformat":4}', 'c.ipynb')).toThrowError(/"cells" must be an array/);
    expect(() => importIpynb('{"nbformat":4,"cells":[{"cell_type":"code","source":5}]}', 'd.ipynb')).toThrowError(IpynbError);
    expect(() => importIpynb('{"nbformat":4,"cells":[{"cell_type":"video","source":""}]}', 'e.ipynb')).toThrowError(/cell 1 has unknown cell_type "video"/);
  });

  it('a hostile file cannot break the page: non-string titles and malformed outputs of our kinds', () => {
    const nb = {
      nbformat: 4, metadata: { paralelo: { title: { toString: 1 }, lang: { evil: true } } },
      cells: [{
        cell_type: 'code', source: 'x', metadata: {}, outputs: [
          { output_type: 'display_data', data: { 'application/vnd.paralelo.output+json': { kind: 'table', columns: 5 } } },
          { output_type: 'error', ename: { toString: 1 }, evalue: ['a', 'b'] },
        ],
      }],
    };
    const r = importIpynb(JSON.stringify(nb), 'evil.ipynb');
    expect(r.lesson.title).toBe('evil');
    expect(r.lesson.lang).toBe('en');
    const outs = r.outputs.get(0)!.outputs;
    expect(outs[0]).toMatchObject({ kind: 'error', name: 'InvalidOutput' });
    expect(outs[1]).toMatchObject({ kind: 'error', name: 'Error', message: '' });
  });

  it('garbage knobs in a cell\'s metadata: each is checked against its option; invalid and unknown ones are dropped with a note, valid ones kept', () => {
    const code = (knobs: unknown) => ({ cell_type: 'code', source: 'x', metadata: { paralelo: { knobs } }, outputs: [] });
    const nb = {
      nbformat: 4, metadata: {},
      cells: [
        { cell_type: 'markdown', source: '# t', metadata: {} },
        code({ batchSize: 0, learningRate: 'NaN', epochs: 2, backend: 'evil', workers: 64, threads: 1.5, simd: 'yes', mode: 'naive', samples: 1e9, __proto__x: 1, toString: { a: 1 } }),
        code([1, 2]),
        code('batchSize=64'),
        code({ backend: 'wasm', threads: 2, learningRate: 0.05 }),
      ],
    };
    const r = importIpynb(JSON.stringify(nb), 'knobs.ipynb');
    // code cells sit at lesson indices 1..4; only valid values survive
    expect(r.knobs.get(1)).toEqual({ epochs: 2, mode: 'naive' });
    expect(r.knobs.has(2)).toBe(false);
    expect(r.knobs.has(3)).toBe(false);
    expect(r.knobs.get(4)).toEqual({ backend: 'wasm', threads: 2, learningRate: 0.05 });
    const invalid = r.notes.filter((n) => n.kind === 'knobInvalid').map((n) => n.kind === 'knobInvalid' && `${n.cell} ${n.problem.key}=${n.problem.got}`);
    expect(invalid).toEqual(['1 batchSize=0', '1 learningRate="NaN"', '1 backend="evil"', '1 workers=64', '1 threads=1.5', '1 simd="yes"', '1 samples=1000000000']);
    expect(r.notes.filter((n) => n.kind === 'knobUnknown').map((n) => n.kind === 'knobUnknown' && n.key)).toEqual(['__proto__x', 'toString']);
    expect(r.notes.filter((n) => n.kind === 'knobsNotObject').map((n) => n.cell)).toEqual([2, 3]);
  });

  it('HTML, SVG and JavaScript outputs are never rendered: the plain text is shown, else the source as text, and each is noted', () => {
    const html = '<img src=x onerror="window.__pwned=1">';
    const nb = {
      nbformat: 4, metadata: {},
      cells: [{
        cell_type: 'code', source: 'x', metadata: {}, outputs: [
          { output_type: 'display_data', data: { 'text/html': html, 'text/plain': 'a table' } },
          { output_type: 'display_data', data: { 'text/html': [html] } },
          { output_type: 'execute_result', data: { 'image/svg+xml': '<svg onload="alert(1)"/>' } },
          { output_type: 'display_data', data: { 'application/javascript': 'alert(1)' } },
          { output_type: 'display_data', data: { 'image/png': 'iVBORw0KGgo=' } },
        ],
      }],
    };
    const r = importIpynb(JSON.stringify(nb), 'rich.ipynb');
    expect(r.outputs.get(0)!.outputs).toEqual([
      { id: 'imported-0', kind: 'text', text: 'a table' },
      { id: 'imported-1', kind: 'code', language: 'html', source: html },
      { id: 'imported-2', kind: 'code', language: 'svg', source: '<svg onload="alert(1)"/>' },
      { id: 'imported-3', kind: 'code', language: 'javascript', source: 'alert(1)' },
    ]);
    expect(r.notes.map((n) => 'mime' in n && `${n.kind} ${n.mime}`)).toEqual([
      'outputHidden text/html', 'outputAsText text/html', 'outputAsText image/svg+xml', 'outputAsText application/javascript', 'outputHidden image/png',
    ]);
    expect(r.fileName).toBe('rich.ipynb');
  });

  it('exports charts as their data plus the picture on screen, tables as escaped HTML plus text, text as stream and result; import restores ours', () => {
    const lesson = parseLesson('```js cell\nx\n```\n', '01-x', 'en');
    const outputs: Output[] = [
      { id: 'text-0', kind: 'text', text: 'printed' },
      { id: 'table-1', kind: 'table', columns: ['digit', '<b>'], rows: [[0, '<script>alert(1)</script>'], [1, 'a & b']] },
      { id: 'chart-2', kind: 'chart', spec: { type: 'line', title: 'Loss', x: 'step', y: ['js'], data: [{ step: 1, js: 2.3 }, { step: 2, js: 1.1 }] } },
      { id: 'chart-3', kind: 'chart', spec: { type: 'bar', title: 'Off screen', x: 'run', y: ['ms'], data: [{ run: 'js', ms: 5 }] } },
      { id: 'value', kind: 'text', text: '42' },
    ];
    let code = transitionCell(newCell(lesson.cells[0], knobsFromOptions({})), { type: 'start', count: 2 });
    code = transitionCell(code, { type: 'outputs', outputs });
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    const nb = exportIpynb(lesson, [code], new Map([['0/chart-2', `data:image/png;base64,${png}`]]));
    const outs = nb.cells[0].outputs as { output_type: string; data?: Record<string, unknown>; text?: string; execution_count?: number }[];
    expect(outs.map((o) => o.output_type)).toEqual(['stream', 'display_data', 'display_data', 'display_data', 'execute_result']);
    expect(outs[0].text).toBe('printed');
    const html = outs[1].data!['text/html'] as string;
    expect(html).toContain('<th>&#60;b&#62;</th>');
    expect(html).toContain('<td>&#60;script&#62;alert(1)&#60;/script&#62;</td>');
    expect(html).toContain('<td>a &#38; b</td>');
    expect(html).not.toMatch(/<script|<b>/);
    expect(outs[1].data!['text/plain']).toBe('digit  <b>\n0      <script>alert(1)</script>\n1      a & b');
    expect(outs[2].data).toMatchObject({ 'image/png': png, 'text/plain': 'Loss', 'application/vnd.paralelo.output+json': { kind: 'chart' } });
    expect(outs[3].data!['image/png']).toBeUndefined(); // not on screen: its data alone
    expect(outs[4]).toMatchObject({ execution_count: 2, data: { 'text/plain': '42' } });

    const back = importIpynb(JSON.stringify(nb), 'x.ipynb');
    const got = back.outputs.get(0)!;
    expect(got.count).toBe(2);
    expect(got.outputs.map((o) => o.kind)).toEqual(['text', 'table', 'chart', 'chart', 'text']);
    expect(got.outputs[1]).toMatchObject({ columns: ['digit', '<b>'], rows: [[0, '<script>alert(1)</script>'], [1, 'a & b']] });
    expect(got.outputs[2]).toMatchObject({ spec: { title: 'Loss', data: [{ step: 1, js: 2.3 }, { step: 2, js: 1.1 }] } });
    expect(got.outputs[4]).toMatchObject({ kind: 'text', text: '42' });
    expect(back.notes).toEqual([]); // our own outputs: nothing dropped, nothing shown as text
  });

  it('exports a progress bar with its words as text and imports it back, with or without `detail`', () => {
    const lesson = parseLesson('```js cell\nx\n```\n', '01-x', 'en');
    const outputs: Output[] = [
      { id: 'progress-0', kind: 'progress', label: 'Training js', value: 469, max: 469, detail: 'done: 469 batches in 4 s · 15,000 samples/s' },
      { id: 'progress-1', kind: 'progress', label: 'Loading MNIST', value: 5, max: 10 },
    ];
    let code = transitionCell(newCell(lesson.cells[0], knobsFromOptions({})), { type: 'start', count: 1 });
    code = transitionCell(code, { type: 'outputs', outputs });
    const nb = exportIpynb(lesson, [code]);
    const outs = nb.cells[0].outputs as { data: Record<string, unknown> }[];
    expect(outs.map((o) => o.data['text/plain'])).toEqual(['Training js: done: 469 batches in 4 s · 15,000 samples/s', 'Loading MNIST']);
    const back = importIpynb(JSON.stringify(nb), 'x.ipynb').outputs.get(0)!.outputs;
    expect(back).toEqual([{ ...outputs[0], id: 'imported-0' }, { ...outputs[1], id: 'imported-1' }]);
    // a forged detail that is not text is refused, as any malformed output
    const forged = JSON.parse(JSON.stringify(nb));
    forged.cells[0].outputs[0].data['application/vnd.paralelo.output+json'].detail = { html: '<b>' };
    const refused = importIpynb(JSON.stringify(forged), 'x.ipynb').outputs.get(0)!.outputs[0];
    expect(refused.kind === 'error' && refused.message).toMatch(/"detail"/);
  });

  it('another tool\'s HTML table is shown as its plain text, never as HTML', () => {
    const nb = { nbformat: 4, metadata: {}, cells: [{ cell_type: 'code', source: 'df', metadata: {}, outputs: [
      { output_type: 'execute_result', execution_count: 1, data: { 'text/html': tableHtml(['a'], [['<img src=x onerror=alert(1)>']]), 'text/plain': '   a\n0  x' }, metadata: {} },
    ] }] };
    const r = importIpynb(JSON.stringify(nb), 'pandas.ipynb');
    expect(r.outputs.get(0)!.outputs).toEqual([{ id: 'imported-0', kind: 'text', text: '   a\n0  x' }]);
    expect(r.notes).toEqual([{ kind: 'outputHidden', cell: 1, mime: 'text/html' }]);
  });
});
