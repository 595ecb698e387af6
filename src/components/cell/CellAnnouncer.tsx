import { useState } from 'react';
import { useT } from '../../i18n/react';
import type { CellStatus, RunResult } from '../../notebook/core/cell';
import type { MessageKey } from '../../i18n';

const SAID: Record<RunResult, MessageKey> = { ok: 'srCellOk', error: 'srCellError', stopped: 'srCellStopped', interrupted: 'srCellInterrupted' };

/**
 * What a screen reader hears about a cell's run: one polite line when it starts and one when it
 * ends ("Cell 2 finished", "… finished with an error"), never its outputs as they stream in (an
 * error output is an alert of its own; the rest is read where it is). Nothing is said on load.
 */
export function CellAnnouncer({ n, status, result }: { n: number; status: CellStatus; result: RunResult | null }) {
  const t = useT();
  // the line changes only when the status does (React's "adjust state on a prop change" pattern)
  const [last, setLast] = useState<{ status: CellStatus; key: MessageKey | null }>({ status, key: null });
  if (last.status !== status) {
    const key = status === 'running' ? 'srCellRunning' : status === 'idle' && last.status === 'running' && result ? SAID[result] : last.key;
    setLast({ status, key });
  }
  return <span className="visually-hidden" role="status" data-testid="cell-announcer">{last.key ? t(last.key, { n }) : ''}</span>;
}
