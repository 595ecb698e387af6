import { expect, it } from 'vitest';
import { toCsv } from './csv';

it('quotes cells with commas, quotes and newlines', () => {
  expect(toCsv(['a', 'b'], [[1, 'x,y'], ['say "hi"', undefined]])).toBe('a,b\n1,"x,y"\n"say ""hi""",\n');
});
