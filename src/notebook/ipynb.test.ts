import { describe, expect, it } from 'vitest';
import { newCell, transitionCell } from './core/cell';
import { parseLesson } from './core/lesson';
import { knobsFromOptions } from './core/knobs';
import { exportIpynb, importIpynb, IpynbError } from './ipynb';

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
});

