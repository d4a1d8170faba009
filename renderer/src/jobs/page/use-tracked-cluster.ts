// One tracked cluster, kept live: read from tracking.list, then again on each tracking.changed about it (and at the
// job-status interval, for what no event carries: the poll age, the metrics).
import { useEffect, useState } from 'react';
import type { TrackedClusterView } from '../../../../shared/contracts/tracking';
import { api, onReconnect } from '../../api/client';
import { failureMessage } from '../../api/failure';

export function useTrackedCluster(
  id: string,
  refreshMs = 5000,
): { cluster?: TrackedClusterView; missing: boolean; error?: string; now: number } {
  const [state, setState] = useState<{ cluster?: TrackedClusterView; missing: boolean; error?: string; now: number }>({
    missing: false,
    now: 0,
  });
  useEffect(() => {
    let live = true;
    const read = () =>
      api.invoke('tracking.list').then(
        (list) => {
          if (!live) return;
          const cluster = list.clusters.find((c) => c.id === id);
          setState({ ...(cluster ? { cluster } : {}), missing: !cluster, now: list.now });
        },
        (e: unknown) => live && setState((s) => ({ ...s, error: failureMessage('Tracking could not be read', e) })),
      );
    void read();
    const offChange = api.on('tracking.changed', (c) => c.id === id && void read());
    const offReconnect = onReconnect(() => void read());
    const timer = setInterval(() => void read(), refreshMs);
    return () => {
      live = false;
      offChange();
      offReconnect();
      clearInterval(timer);
    };
  }, [id, refreshMs]);
  return state;
}
