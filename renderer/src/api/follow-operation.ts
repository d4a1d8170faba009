// Follows one long operation: its snapshot from `operations.get` (also after a reload), then every `op` event, and the
// snapshot again whenever the connection comes back, because the events sent while it was down are lost (a
// verification that finished meanwhile must not stay "running" on the page). Plain code, so the Node tests can drive
// it against the real serve host; the React hook is a thin wrapper.
import type { Client } from '../../../shared/client';
import type { OperationEvent, OperationSnapshot } from '../../../shared/operations';

export interface FollowedOperation {
  snapshot?: OperationSnapshot;
  error?: string;
}

export function applyOperationEvent(s: OperationSnapshot | undefined, ev: OperationEvent): OperationSnapshot | undefined {
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

const finished = (s: OperationSnapshot | undefined) => s !== undefined && s.status !== 'running';

export function followOperation(
  client: Client,
  onReconnect: (cb: () => void) => () => void,
  opId: string,
  onChange: (state: FollowedOperation) => void,
): () => void {
  let live = true;
  let state: FollowedOperation = {};
  const set = (next: FollowedOperation) => {
    state = next;
    if (live) onChange(next);
  };
  const offEvents = client.on('op', (ev) => {
    if (ev.opId === opId) set({ snapshot: applyOperationEvent(state.snapshot, ev) });
  });
  const fetch = () => {
    client.invoke('operations.get', { id: opId }).then(
      // The host answers in order on one socket, so a fetched snapshot is as new as every event before it; only a
      // finished one from an event is kept, as nothing comes after it.
      (s) => !finished(state.snapshot) && set({ snapshot: s }),
      (e: Error) => !state.snapshot && set({ error: e.message }),
    );
  };
  fetch();
  const offReconnect = onReconnect(() => {
    if (!finished(state.snapshot)) fetch();
  });
  return () => {
    live = false;
    offEvents();
    offReconnect();
  };
}
