// Waiting for another operation to end (a restart waits for the deploy it started), from the `op` events.
import type { OperationSnapshot } from '../../../shared/operations';
import type { ServiceContext } from '../context';

export function operationEnded(
  deps: Pick<ServiceContext, 'operations' | 'events'>,
  id: string,
  signal: AbortSignal,
): Promise<OperationSnapshot> {
  return new Promise((resolve, reject) => {
    const finish = (s: OperationSnapshot) => {
      off();
      signal.removeEventListener('abort', aborted);
      resolve(s);
    };
    const aborted = () => {
      off();
      deps.operations.cancel(id);
      reject(signal.reason instanceof Error ? signal.reason : new Error('stopped'));
    };
    const off = deps.events.on('op', (e) => {
      if (e.opId === id && (e.type === 'done' || e.type === 'error')) finish(e.snapshot);
    });
    signal.addEventListener('abort', aborted, { once: true });
    const now = deps.operations.get(id);
    if (now.status !== 'running') finish(now);
  });
}
