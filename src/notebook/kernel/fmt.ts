// `fmt`: numbers in the notebook's language for cell code (0,4510 and 9,9 % in Spanish; 0.4510 and
// 9.9% in English). Built on Intl.NumberFormat with the locales the kernel's own outputs use
// (measure.ts's numberLocale), so a lesson's table reads like the app's: grouping always on
// ("5.230" in Spanish too, where CLDR would leave four digits ungrouped).
import type { Lang } from './protocol';

/** The number formatter cell code gets as `fmt`; every method follows the notebook's language. */
export interface Fmt {
  /** `x` with exactly `digits` decimals (default 0), grouped: fmt.num(0.451, 4) → "0,4510" (es), "0.4510" (en) */
  num(x: number, digits?: number): string;
  /** a fraction as a percentage with `digits` decimals (default 1): fmt.pct(0.099) → "9,9 %" (es), "9.9%" (en) */
  pct(fraction: number, digits?: number): string;
  /** milliseconds with `digits` decimals (default 0) and the unit: fmt.ms(1234.5) → "1.235 ms" (es), "1,235 ms" (en) */
  ms(ms: number, digits?: number): string;
  /** a ratio such as a speedup, with `digits` decimals (default 2) and "×": fmt.times(1.904) → "1,90×" (es), "1.90×" (en) */
  times(ratio: number, digits?: number): string;
  /** scientific notation with `digits` decimals (default 1), for tiny gaps: fmt.sci(1.234e-7) → "1,2E-7" (es), "1.2E-7" (en) */
  sci(x: number, digits?: number): string;
}

export const localeOf = (lang: Lang): string => (lang === 'es' ? 'es-ES' : 'en-US');

/** Decimals a cell asks for, kept to what Intl accepts (0–20); a non-integer is rounded. */
function decimals(digits: number | undefined, fallback: number): number {
  if (digits === undefined || !Number.isFinite(digits)) return fallback;
  return Math.min(20, Math.max(0, Math.round(digits)));
}

export function makeFmt(lang: Lang): Fmt {
  const locale = localeOf(lang);
  const cache = new Map<string, Intl.NumberFormat>();
  const formatter = (style: 'decimal' | 'percent' | 'scientific', d: number) => {
    const key = `${style}${d}`;
    let f = cache.get(key);
    const shape = style === 'scientific' ? { notation: 'scientific' as const } : { style, useGrouping: 'always' as const };
    if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, { ...shape, minimumFractionDigits: d, maximumFractionDigits: d })));
    return f;
  };
  const num = (x: number, digits?: number) => formatter('decimal', decimals(digits, 0)).format(x);
  return {
    num,
    pct: (fraction, digits) => formatter('percent', decimals(digits, 1)).format(fraction),
    ms: (ms, digits) => `${num(ms, digits)} ms`,
    times: (ratio, digits) => `${num(ratio, decimals(digits, 2))}×`,
    sci: (x, digits) => formatter('scientific', decimals(digits, 1)).format(x),
  };
}
