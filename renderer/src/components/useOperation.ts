// Follows one long operation live (see api/follow-operation.ts): snapshot, events, and a fresh snapshot after a
// reconnect.
import { useEffect, useState } from 'react';
import type { OperationSnapshot } from '../../../shared/operations';
import { api, onReconnect } from '../api/client';
import { followOperation, type FollowedOperation } from '../api/follow-operation';

export function useOperation(opId: string | undefined): { snapshot: OperationSnapshot | undefined; error: string | undefined } {
  // Kept per id, so a new id never shows the previous operation's state.
  const [state, setState] = useState<FollowedOperation & { id: string }>();
  useEffect(() => {
    if (!opId) return;
    return followOperation(api, onReconnect, opId, (s) => setState({ id: opId, ...s }));
  }, [opId]);
  const mine = state && state.id === opId ? state : undefined;
  return { snapshot: mine?.snapshot, error: mine?.error };
}
