import { describe, expect, it } from 'vitest';
import { makeFmt } from './fmt';

// Intl puts a no-break space before "%" in Spanish (it keeps "9,9 %" on one line)
const nbsp = (s: string) => s.replace(/\u00a0/g, ' ');

describe('fmt: numbers in the notebook language', () => {
  it('Spanish: decimal comma, grouping point, a space before %', () => {
    const f = makeFmt('es');
    expect(f.num(0.451, 4)).toBe('0,4510');
    expect(nbsp(f.pct(0.099))).toBe('9,9 %');
    expect(nbsp(f.pct(0.91234, 2))).toBe('91,23 %');
    expect(f.num(5230)).toBe('5.230');
    expect(f.ms(1234.5)).toBe('1.235 ms');
    expect(f.times(1.904)).toBe('1,90×');
    expect(f.sci(1.234e-7)).toBe('1,2E-7');
  });

  it('English: decimal point, grouping comma, % right after the number', () => {
    const f = makeFmt('en');
    expect(f.num(0.451, 4)).toBe('0.4510');
    expect(f.pct(0.099)).toBe('9.9%');
    expect(f.num(5230)).toBe('5,230');
    expect(f.ms(0.1234, 3)).toBe('0.123 ms');
    expect(f.times(12.345, 1)).toBe('12.3×');
    expect(f.sci(0.00045, 2)).toBe('4.50E-4');
  });

  it('takes any digits a cell passes without throwing (clamped to 0–20, rounded)', () => {
    const f = makeFmt('en');
    expect(f.num(1.5, -3)).toBe('2');
    expect(f.num(1, 2.6)).toBe('1.000');
    expect(f.num(Math.PI, 99)).toMatch(/^3\.14159265358979\d{6}$/);
    expect(f.num(NaN)).toBe('NaN');
  });
});
