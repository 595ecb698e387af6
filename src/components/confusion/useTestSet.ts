import { useEffect, useState } from 'react';
import type { Dataset } from '../../data/dataset';
import { loadTestSet } from '../../data/testSet';

export type TestSetState = { status: 'loading' } | { status: 'ready'; set: Dataset } | { status: 'failed'; reason: string };

/** The page's copy of the MNIST test set, loaded when a view first needs it. */
export function useTestSet(): TestSetState {
  const [state, setState] = useState<TestSetState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    loadTestSet().then(
      (set) => { if (live) setState({ status: 'ready', set }); },
      (e: unknown) => { if (live) setState({ status: 'failed', reason: e instanceof Error ? e.message : String(e) }); },
    );
    return () => { live = false; };
  }, []);
  return state;
}
