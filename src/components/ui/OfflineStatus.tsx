// A small status line in a corner of the page (issue 12 §6): "Ready to work offline" once, when the
// app and MNIST have been saved on this device; "Offline" while the browser is; "A new version is
// ready" with a Reload button, which refuses while a cell runs. The live region is always in the page,
// so a screen reader hears each change; data-* attributes carry the state for the e2e tests.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { t, type Lang } from '../../i18n';
import { applyUpdate, offline, watchKernel } from '../../offline/register';
import { statusView } from '../../offline/state';
import './OfflineStatus.css';

const READY_SHOWN_MS = 8000;

interface Props {
  lang: Lang;
  /** the kernel: a reload is refused while it runs a cell */
  kernel: { readonly busy: boolean };
}

export function OfflineStatus({ lang, kernel }: Props) {
  const s = useSyncExternalStore(offline.subscribe, offline.get);
  const [busyNote, setBusyNote] = useState(false);
  const view = statusView(s);
  const kind = view?.kind ?? null;

  useEffect(() => watchKernel(kernel), [kernel]);

  useEffect(() => {
    if (kind !== 'ready') return;
    const id = setTimeout(() => offline.dismiss(), READY_SHOWN_MS);
    return () => clearTimeout(id);
  }, [kind]);

  const reload = () => {
    if (kernel.busy) return setBusyNote(true);
    setBusyNote(false);
    void applyUpdate();
  };

  return (
    <div className="offline-status" role="status" aria-live="polite" data-testid="offline-status"
      data-app={s.app} data-data={s.data} data-online={String(s.online)} data-update={String(s.update)}>
      {view && (
        <div className={`offline-note offline-${view.kind}`} data-testid={`offline-${view.kind}`}>
          {view.kind === 'update' && <>
            <span>{t(lang, 'offlineUpdate')}</span>
            <button type="button" className="primary" data-testid="offline-reload" onClick={reload}>{t(lang, 'offlineReload')}</button>
            {busyNote && <span className="offline-busy" data-testid="offline-busy">{t(lang, 'offlineUpdateBusy')}</span>}
          </>}
          {view.kind === 'offline' && <span>{t(lang, view.ready ? 'offlineNow' : 'offlineNotReady')}</span>}
          {view.kind === 'ready' && <>
            <span>{t(lang, 'offlineReady')}</span>
            <button type="button" className="offline-dismiss" aria-label={t(lang, 'offlineDismiss')} title={t(lang, 'offlineDismiss')} onClick={() => offline.dismiss()}>×</button>
          </>}
        </div>
      )}
    </div>
  );
}
