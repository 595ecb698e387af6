// Turns what a backend said (BackendMessage: an id and parameters) into text in the student's
// language, from the tables in backend.en.ts and backend.es.ts. {name} is a parameter (a nested
// message is rendered too); {name:bytes} formats a byte count; a key with _one/_other variants is
// chosen by the plural rule of its `count` parameter, in the language shown.
import type { BackendMessage, BackendText, MessageParam } from '../backends/messages';
import type { EpochStats, PartId } from '../backends/types';
import { backendEn } from './backend.en';
import { t, type Lang, type MessageKey } from './index';

type Keys = keyof typeof backendEn;
type PluralBase = { [K in Keys]: K extends `${infer B}_one` ? B : never }[Keys];
/** A message id: a key of the backend tables, or the base of a key with _one/_other variants. */
export type BackendKey = Exclude<Keys, `${PluralBase}_one` | `${PluralBase}_other`> | PluralBase;

function formatNumber(lang: Lang, n: number): string {
  return Number.isInteger(n) ? n.toLocaleString(lang) : n.toLocaleString(lang, { maximumFractionDigits: 1 });
}

function formatBytes(lang: Lang, bytes: number): string {
  const mb = bytes >= 1e6;
  return `${(bytes / (mb ? 1e6 : 1e3)).toLocaleString(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} ${mb ? 'MB' : 'kB'}`;
}

function param(lang: Lang, v: MessageParam | undefined, format?: string): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return format === 'bytes' ? formatBytes(lang, v) : formatNumber(lang, v);
  if (typeof v === 'string') return v;
  return backendText(lang, v);
}

/** The key a message shows: its id, or id_one / id_other by the plural rule of `count`. */
export function messageKey(lang: Lang, m: BackendMessage): MessageKey {
  const count = m.params?.count;
  if (typeof count !== 'number' || !(`${m.id}_other` in backendEn)) return m.id as MessageKey;
  const rule = new Intl.PluralRules(lang).select(count);
  return `${m.id}_${rule === 'one' ? 'one' : 'other'}` as MessageKey;
}

/** `text` in `lang`: a message, or clauses joined by '; '. */
export function backendText(lang: Lang, text: BackendText): string {
  if (Array.isArray(text)) return (text as readonly BackendMessage[]).map((m) => backendText(lang, m)).join('; ');
  const m = text as BackendMessage;
  return t(lang, messageKey(lang, m)).replace(/\{(\w+)(?::(\w+))?\}/g, (_, name: string, format?: string) => param(lang, m.params?.[name], format));
}

/** A breakdown part as shown: its id (compare this), its label and how it was measured, in words. */
export interface ShownPart {
  readonly id: PartId;
  readonly label: string;
  readonly ms: number;
  readonly method: string;
}

/** An epoch's record as a reader gets it: every message of the backend made into text. */
export type ShownEpoch = Omit<EpochStats, 'breakdown' | 'extra'> & {
  readonly breakdown: readonly ShownPart[];
  readonly extra?: Readonly<Record<string, number | string | boolean>>;
};

function isText(v: unknown): v is BackendText {
  return typeof v === 'object' && v !== null && (Array.isArray(v) || 'id' in v);
}

/** `s` with its breakdown labels, methods and notes in `lang`. */
export function showEpoch(lang: Lang, s: EpochStats): ShownEpoch {
  const { breakdown, extra: notes, ...rest } = s;
  const extra = notes && Object.fromEntries(Object.entries(notes).map(([k, v]) => [k, isText(v) ? backendText(lang, v) : v]));
  return {
    ...rest,
    breakdown: breakdown.map((p) => ({ id: p.id, label: t(lang, `part_${p.id}`), ms: p.ms, method: backendText(lang, p.method) })),
    ...(extra ? { extra: extra as Record<string, number | string | boolean> } : {}),
  };
}
