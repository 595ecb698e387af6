// What backends say is data: a message id with parameters, never a sentence. The words are made once,
// when shown, from the es/en tables (src/i18n/backend.*.ts), so cell code compares ids (a breakdown
// part's `id`, an error's `code`) and never translated words.
import type { BackendKey } from '../i18n/backendText';
import { backendText } from '../i18n/backendText';
import type { BackendName } from './types';

export type MessageParam = string | number | BackendMessage;

export interface BackendMessage {
  readonly id: BackendKey;
  readonly params?: Readonly<Record<string, MessageParam>>;
}

/** One message, or clauses shown joined by '; '. */
export type BackendText = BackendMessage | readonly BackendMessage[];

export function msg(id: BackendKey, params?: Record<string, MessageParam>): BackendMessage {
  return params ? { id, params } : { id };
}

/** An error a student can meet, as a code and parameters; `message` is its English text (for logs). */
export class BackendError extends Error {
  constructor(readonly backend: BackendName, readonly code: BackendKey, readonly params: Readonly<Record<string, MessageParam>> = {}) {
    super(backendText('en', { id: code, params }));
    this.name = 'BackendError';
  }

  get text(): BackendMessage {
    return { id: this.code, params: this.params };
  }
}
