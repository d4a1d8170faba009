// A job's builds (build.list), read again when one of its builds starts or ends (the `op` events of its build
// resource, jobs.changed) and after a reconnect. A job not saved yet has none.
import { useCallback, useEffect, useState } from 'react';
import type { BuildRecordView } from '../../../../shared/contracts/build';
import { AppError } from '../../../../shared/errors';
import { api, onReconnect } from '../../api/client';

export function useJobBuilds(job: string | undefined): { builds: BuildRecordView[] | undefined; error: string | undefined } {
  const [state, setState] = useState<{ job: string; builds?: BuildRecordView[]; error?: string }>();
  const load = useCallback(() => {
    if (!job) return;
    api.invoke('build.list', { name: job }).then(
      (builds) => setState({ job, builds }),
      (e: unknown) =>
        setState(
          e instanceof AppError && e.code === 'not-found'
            ? { job, builds: [] }
            : { job, error: e instanceof Error ? e.message : String(e) },
        ),
    );
  }, [job]);
  useEffect(() => {
    if (!job) return;
    load();
    const offJobs = api.on('jobs.changed', (e) => e.name === job && load());
    const offOp = api.on('op', (ev) => {
      if ((ev.type === 'started' || ev.type === 'done' || ev.type === 'error') && ev.snapshot.resource === `build:${job}`) load();
    });
    const offReconnect = onReconnect(load);
    return () => {
      offJobs();
      offOp();
      offReconnect();
    };
  }, [job, load]);
  if (!job) return { builds: [], error: undefined };
  const mine = state?.job === job ? state : undefined;
  return { builds: mine?.builds, error: mine?.error };
}
