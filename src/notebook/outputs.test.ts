import { describe, expect, it } from 'vitest';
import { finishedRace } from '../test/raceFixture';
import { checkedOutput, MAX_RACE_POINTS, outputProblem } from './outputs';

const chart = { type: 'line', title: 't', x: 'step', y: ['loss'], data: [{ step: 1, loss: 0.5 }] };

describe('output shapes', () => {
  it('lets every well-formed kind through unchanged', () => {
    const good = [
      { id: 'a', kind: 'text', text: 'hi' },
      { id: 'a2', kind: 'text', text: 'x\ny', folded: 2 },
      { id: 'b', kind: 'error', message: 'boom', line: 3, name: 'Error' },
      { id: 'c', kind: 'table', columns: ['x', 'y'], rows: [[1, 'a'], [2, 'b']] },
      { id: 'd', kind: 'chart', spec: { ...chart, logX: true, dashed: ['ideal'], note: 'n' } },
      { id: 'd2', kind: 'chart', spec: { ...chart, unit: 'ms', markers: [{ x: 469.5, label: 'epoch 2' }, { x: 939, label: 'epoch 3' }] } },
      { id: 'd3', kind: 'chart', spec: { ...chart, markers: [] } },
      { id: 'e', kind: 'digits', images: new Uint8Array(2 * 784), labels: new Uint8Array(2), predictions: new Uint8Array(2) },
      { id: 'f', kind: 'progress', label: 'MNIST', value: 1, max: 2 }, // saved before `detail` existed: still valid
      { id: 'f2', kind: 'progress', label: 'Training js', value: 120, max: 469, detail: 'batch 120 of 469 · 5,230 samples/s · ~9 s left' },
      { id: 'g', kind: 'code', source: 'x', language: 'python' },
      { id: 'h', kind: 'race', race: finishedRace() },
      { id: 'h2', kind: 'race', race: finishedRace({ concurrent: true, finished: false, lanes: [] }) },
    ];
    for (const o of good) {
      expect(outputProblem(o), o.kind).toBeNull();
      expect(checkedOutput(o, 'x')).toBe(o);
    }
  });

  it('turns a malformed output into an error output that says what was wrong', () => {
    const hostile = { toString: 1 }; // String(hostile) throws
    const race = finishedRace();
    const bad: [unknown, RegExp][] = [
      [{ id: 'a', kind: 'table', columns: 5, rows: [] }, /columns/],
      [{ id: 'b', kind: 'text', text: {} }, /text/],
      [{ id: 'b2', kind: 'text', text: '', folded: -1 }, /folded/],
      [{ id: 'c', kind: 'chart', spec: { ...chart, y: undefined } }, /"y"/],
      [{ id: 'd', kind: 'chart', spec: { ...chart, data: 5 } }, /data/],
      [{ id: 'e', kind: 'chart', spec: { ...chart, data: [{ step: hostile }] } }, /data/],
      [{ id: 'm1', kind: 'chart', spec: { ...chart, markers: 5 } }, /markers/],
      [{ id: 'm2', kind: 'chart', spec: { ...chart, markers: [{ x: '469', label: 'epoch 2' }] } }, /markers/],
      [{ id: 'm3', kind: 'chart', spec: { ...chart, markers: [{ x: 469 }] } }, /markers/],
      [{ id: 'm4', kind: 'chart', spec: { ...chart, markers: [{ x: Infinity, label: 'far' }] } }, /markers/],
      [{ id: 'm5', kind: 'chart', spec: { ...chart, markers: Array.from({ length: 1001 }, (_, i) => ({ x: i, label: 'm' })) } }, /markers/],
      [{ id: 'u', kind: 'chart', spec: { ...chart, unit: 5 } }, /option of the wrong type/],
      [{ id: 'f', kind: 'digits', images: new Uint8Array(10), labels: new Uint8Array(2) }, /784/],
      [{ id: 'g', kind: hostile }, /unknown output kind/],
      [{ id: 'p1', kind: 'progress', label: 'x', value: 1, max: 2, detail: 5 }, /"detail"/],
      [{ id: 'p2', kind: 'progress', label: 'x', value: '1', max: 2 }, /progress bar/],
      [{ id: 'r1', kind: 'race' }, /a race needs/],
      [{ id: 'r2', kind: 'race', race: { ...race, lanes: [{ ...race.lanes[0], backend: 'cuda' }] } }, /a race needs/],
      [{ id: 'r3', kind: 'race', race: { ...race, lanes: [{ ...race.lanes[0], status: 'won' }] } }, /a race needs/],
      [{ id: 'r4', kind: 'race', race: { ...race, lanes: [{ ...race.lanes[0], points: [{ t: 1, step: 1, loss: 'x' }] }] } }, /a race needs/],
      [{ id: 'r5', kind: 'race', race: { ...race, lanes: [{ ...race.lanes[0], points: Array.from({ length: MAX_RACE_POINTS + 1 }, (_, i) => ({ t: i, step: i, loss: 1 })) }] } }, /a race needs/],
      [{ id: 'r6', kind: 'race', race: { ...race, cores: Infinity } }, /a race needs/],
      [{ id: 'r7', kind: 'race', race: { ...race, lanes: [{ ...race.lanes[0], accuracy: '90%' }] } }, /a race needs/],
      [{ kind: 'text', text: 'no id' }, /id/],
      [5, /object/],
      [null, /object/],
    ];
    for (const [o, why] of bad) {
      const out = checkedOutput(o, 'fallback');
      expect(out.kind, JSON.stringify(why)).toBe('error');
      if (out.kind === 'error') expect(out.message).toMatch(why);
    }
    expect(checkedOutput({ id: 'keep', kind: 'text', text: 1 }, 'fallback').id).toBe('keep');
    expect(checkedOutput({ kind: 'text' }, 'fallback').id).toBe('fallback');
  });
});

describe('a refused output in the student\'s language', () => {
  it('says why in Spanish on a Spanish page, and in English by default', () => {
    const es = checkedOutput({ id: 'a', kind: 'table', columns: 5, rows: [] }, 'x', 'es');
    expect(es.kind === 'error' && es.message).toBe('se rechazó una salida: una tabla necesita "columns", una lista de textos');
    const en = checkedOutput({ id: 'b', kind: 'nope' }, 'x');
    expect(en.kind === 'error' && en.message).toBe('an output was refused: unknown output kind "nope"');
  });
});

describe('a race output in storage', () => {
  it('is saved and read back as it was, and a damaged one is refused on the way back', async () => {
    const { toStored, fromStored } = await import('./savedOutputs');
    const race = { id: 'race-0', kind: 'race' as const, race: finishedRace() };
    const stored = JSON.parse(JSON.stringify(toStored({ outputs: [race], count: 3 }, 'tab')));
    expect(fromStored(stored, 'en').outputs).toEqual([race]);
    stored.outputs[0].race.lanes[0].points = 'lost';
    expect(fromStored(stored, 'en').outputs[0].kind).toBe('error');
  });
});
