// The Models page (#/es/models): the models panel on its own, with the kernel's model in use.
// The Digits page embeds the same panel.
import { useCallback, useSyncExternalStore } from 'react';
import type { Lang } from '../../i18n';
import { useT } from '../../i18n/react';
import type { KernelClient } from '../../notebook/kernelClient';
import { ModelsPanel } from './ModelsPanel';

export function ModelsPage({ lang, kernel }: { lang: Lang; kernel: KernelClient }) {
  const t = useT();
  const subscribe = useCallback((fn: () => void) => kernel.onModel(fn), [kernel]);
  const current = useSyncExternalStore(subscribe, () => kernel.latestModel);
  return (
    <div className="models-page" data-testid="models-page">
      <h1>{t('modelsPageTitle')}</h1>
      <p className="models-lede">{t('modelsIntro')}</p>
      <ModelsPanel lang={lang} current={current} onUse={(m) => kernel.adoptModel(m)} />
    </div>
  );
}
