// The whole log of one step, followed live (see step-log.ts); a new operation or step starts afresh.
import { useEffect, useState } from 'react';
import { api, onReconnect } from '../../api/client';
import { followStepLog, type StepLog } from './step-log';

const empty: StepLog = { lines: [], loading: true };

export function useStepLog(opId: string, stepId: string | undefined): StepLog {
  const [state, setState] = useState<{ key: string; log: StepLog }>();
  const key = `${opId}/${stepId ?? ''}`;
  useEffect(() => {
    if (!stepId) return;
    return followStepLog(api, onReconnect, opId, stepId, (log) => setState({ key: `${opId}/${stepId}`, log }));
  }, [opId, stepId]);
  return state?.key === key ? state.log : empty;
}
