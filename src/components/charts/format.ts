// Numbers on charts, in the student's language: 1.300 and 0,208 in Spanish, 1,300 and 0.208 in English.
// Measured values (tooltips, the summary) are rounded to three significant digits: a loss of
// 0.20812345678901234 is 0.208, an epoch of 1184 ms is 1180 ms. Axis ticks are round numbers already:
// integers are written whole, anything else to three significant digits.
import type { Lang } from '../../i18n';

const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Lang, kind: 'value' | 'integer'): Intl.NumberFormat {
  const key = `${lang}:${kind}`;
  let f = formats.get(key);
  if (!f) {
    // useGrouping: true groups thousands in Spanish too (1.300, not 1300), as the rest of the app does
    const opts: Intl.NumberFormatOptions = kind === 'value' ? { maximumSignificantDigits: 3, useGrouping: true } : { maximumFractionDigits: 0, useGrouping: true };
    f = new Intl.NumberFormat(lang === 'es' ? 'es-ES' : 'en-US', opts);
    formats.set(key, f);
  }
  return f;
}

/** A measured value to three significant digits ("–" when it is not a finite number). */
export function formatValue(v: number, lang: Lang): string {
  if (!Number.isFinite(v)) return '–';
  return numberFormat(lang, 'value').format(v);
}

/** An axis tick or an x position: integers whole, other numbers to three significant digits. */
export function formatTick(v: number, lang: Lang): string {
  if (!Number.isFinite(v)) return '–';
  return numberFormat(lang, Number.isInteger(v) ? 'integer' : 'value').format(v);
}

/** A formatted number with its unit: "120 ms", "2,5×" (a factor sits next to its number). */
export function withUnit(text: string, unit: string | undefined): string {
  if (!unit) return text;
  return unit === '×' ? `${text}×` : `${text} ${unit}`;
}
