import { describe, expect, it } from 'vitest';
import { newCell, transitionCell } from './cell';
import { demoFromSearch, searchWithDemo } from './demo';
import { knobsFromOptions } from './knobs';
import { checkedTrainUses } from './trainUse';

describe('the demo settings', () => {
  it('come from the URL, valid ones only, under their short names', () => {
    expect(demoFromSearch('?samples=2000&batch=128&epochs=0&workers=x&threads=2&repeats=3&present')).toEqual({ samples: 2000, batchSize: 128, threads: 2, repeats: 3 });
    expect(demoFromSearch('?samples=&batch=1.5')).toEqual({});
  });

  it('are written back with the other parameters kept, and removed when unset', () => {
    expect(searchWithDemo('?present=1&samples=9', { batchSize: 64 })).toBe('?present=1&batch=64');
    expect(searchWithDemo('?samples=9', {})).toBe('');
  });

  it('replace a cell\'s lesson values; a knob the user changed keeps theirs when they change', () => {
    const spec = { index: 0, kind: 'code' as const, source: 'await train()', options: { batchSize: 512, epochs: 2 } };
    expect(knobsFromOptions(spec.options, { batchSize: 64 })).toMatchObject({ batchSize: 64, epochs: 2 });
    let c = newCell(spec, knobsFromOptions(spec.options, {}));
    c = transitionCell(c, { type: 'setKnobs', knobs: { epochs: 5 } });
    c = transitionCell(c, { type: 'rebase', knobs: knobsFromOptions(spec.options, { batchSize: 64, epochs: 1 }) });
    expect(c.knobs).toMatchObject({ batchSize: 64, epochs: 5 });
    c = transitionCell(c, { type: 'reset' });
    expect(c.knobs).toMatchObject({ batchSize: 64, epochs: 1 });
  });
});

describe('train records from the kernel', () => {
  it('are shape-checked: a forged one is dropped whole, unknown keys are left out', () => {
    expect(checkedTrainUses([{ options: { backend: 'js', epochs: 2, colour: 'red' }, fromCode: ['epochs', 'colour', 3] }])).toEqual([{ options: { backend: 'js', epochs: 2 }, fromCode: ['epochs'] }]);
    expect(checkedTrainUses([{ options: { epochs: -1 }, fromCode: [] }])).toBeNull();
    expect(checkedTrainUses('x')).toBeNull();
    expect(checkedTrainUses(undefined)).toBeNull();
  });
});
