import { describe, expect, it } from 'vitest';
import { formatTick, formatValue, withUnit } from './format';

describe('chart numbers in the student\'s language', () => {
  it('rounds measured values to three significant digits, with the language\'s separators', () => {
    expect(formatValue(0.20812345678901234, 'en')).toBe('0.208');
    expect(formatValue(0.20812345678901234, 'es')).toBe('0,208');
    expect(formatValue(1184, 'en')).toBe('1,180');
    expect(formatValue(1184, 'es')).toBe('1.180');
    expect(formatValue(12345.6, 'es')).toBe('12.300');
    expect(formatValue(2.5, 'es')).toBe('2,5');
    expect(formatValue(NaN, 'en')).toBe('–');
  });

  it('writes integer ticks whole and others to three significant digits', () => {
    expect(formatTick(1300, 'en')).toBe('1,300');
    expect(formatTick(1300, 'es')).toBe('1.300');
    expect(formatTick(12345, 'es')).toBe('12.345');
    expect(formatTick(0.30000000000000004, 'en')).toBe('0.3');
    expect(formatTick(0.125, 'es')).toBe('0,125');
    expect(formatTick(Infinity, 'es')).toBe('–');
  });

  it('puts the unit after the number, a factor right against it', () => {
    expect(withUnit('120', 'ms')).toBe('120 ms');
    expect(withUnit('2,5', '×')).toBe('2,5×');
    expect(withUnit('0,208', undefined)).toBe('0,208');
  });
});
