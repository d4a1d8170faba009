// Opens a tracked cluster's Flink Web UI (webui.open) and keeps what came back: how to show it, or why it cannot be
// (the access layer's reason); open again on Retry. An answer belongs to the request it came for: until the newest
// request has its answer, the state is "opening".
import { useCallback, useEffect, useState } from 'react';
import type { WebUiOpened } from '../../../../shared/contracts/webui';
import { AppError } from '../../../../shared/errors';
import { api } from '../../api/client';

export type WebUiState = { status: 'opening' } | { status: 'open'; ui: WebUiOpened } | { status: 'failed'; error: AppError };

export function useWebUi(id: string): { state: WebUiState; retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const request = `${id}#${attempt}`;
  const [answer, setAnswer] = useState<{ request: string; state: WebUiState }>();
  useEffect(() => {
    let live = true;
    api.invoke('webui.open', { id }).then(
      (ui) => live && setAnswer({ request, state: { status: 'open', ui } }),
      (e: unknown) =>
        live &&
        setAnswer({
          request,
          state: {
            status: 'failed',
            error: e instanceof AppError ? e : new AppError({ code: 'internal', message: e instanceof Error ? e.message : String(e) }),
          },
        }),
    );
    return () => {
      live = false;
    };
  }, [id, request]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state: answer?.request === request ? answer.state : { status: 'opening' }, retry };
}
