// Follows one long operation live: its snapshot from `operations.get` (also after a reload), then every `op` event.
import { useEffect, useState } from 'react';
import type { OperationEvent, OperationSnapshot } from '../../../shared/operations';
import { api } from '../api/client';

function apply(s: OperationSnapshot | undefined, ev: OperationEvent): OperationSnapshot | undefined {
  if (ev.type === 'started' || ev.type === 'done' || ev.type === 'error') return ev.snapshot;
  if (!s) return s;
  if (ev.type === 'step') return { ...s, steps: s.steps.map((st) => (st.id === ev.step.id ? ev.step : st)) };
  if (ev.type === 'progress')
    return {
      ...s,
      steps: s.steps.map((st) =>
        st.id === ev.stepId ? { ...st, progress: ev.progress, ...(ev.detail ? { detail: ev.detail } : {}) } : st,
      ),
    };
  return s;
}

export function useOperation(opId: string | undefined): { snapshot: OperationSnapshot | undefined; error: string | undefined } {
  // Kept per id, so a new id never shows the previous operation's state.
  const [state, setState] = useState<{ id: string; snapshot?: OperationSnapshot; error?: string }>();
  useEffect(() => {
    if (!opId) return;
    let live = true;
    const off = api.on('op', (ev) => {
      if (ev.opId !== opId) return;
      setState((cur) => ({ id: opId, snapshot: apply(cur?.id === opId ? cur.snapshot : undefined, ev) }));
    });
    api.invoke('operations.get', { id: opId }).then(
      (s) => {
        // An event may have brought a finished snapshot already; that one wins over an older running one.
        if (live)
          setState((cur) => (cur?.id === opId && cur.snapshot && cur.snapshot.status !== 'running' ? cur : { id: opId, snapshot: s }));
      },
      (e: Error) => live && setState({ id: opId, error: e.message }),
    );
    return () => {
      live = false;
      off();
    };
  }, [opId]);
  const mine = state && state.id === opId ? state : undefined;
  return { snapshot: mine?.snapshot, error: mine?.error };
}
