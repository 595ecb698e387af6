// Keeps one part of the page that fails to render (a malformed output, a bad imported title) from
// taking the rest down: that part shows what went wrong and everything else keeps working.
import { Component, type ReactNode } from 'react';
import { t, type Lang } from '../../i18n';
import { safeJson } from '../../notebook/outputs';

interface Props {
  lang: Lang;
  children: ReactNode;
}

export class ErrorBoundary extends Component<Props, { error: unknown }> {
  state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error: error ?? 'unknown error' };
  }

  render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    const e = this.state.error;
    const message = e instanceof Error ? e.message : safeJson(e);
    return <p className="out-error" role="alert" data-testid="render-error">{t(this.props.lang, 'renderError', { message })}</p>;
  }
}
