// Times on the welcome page and in a lesson's intro, written for the reader's language by Intl.
import type { Lang } from '../../i18n';

/** A lesson's time: "10 min". */
export function formatMinutes(lang: Lang, minutes: number): string {
  return new Intl.NumberFormat(lang, { style: 'unit', unit: 'minute', unitDisplay: 'short' }).format(minutes);
}

/** The whole course: minutes below an hour, else hours to the nearest half ("2 hours", "1,5 horas"). */
export function formatDuration(lang: Lang, minutes: number): string {
  if (minutes < 60) return formatMinutes(lang, minutes);
  const hours = Math.round(minutes / 30) / 2;
  return new Intl.NumberFormat(lang, { style: 'unit', unit: 'hour', unitDisplay: 'long', maximumFractionDigits: 1 }).format(hours);
}
