// The tracked list, kept live: listed once, then every tracking.changed event is applied at once (gathered for a
// moment, so a round that changes hundreds of states is one render, not hundreds), and the whole list is read again
// at the job-status interval for what no event carries (a poll that changed nothing still moves "last poll", and
// the metrics). Events that arrive while a listing is under way are applied again on top of it: they travel the same
// socket, so an answer never undoes a change the page has already shown.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TrackingChange, TrackingList } from '../../../../shared/contracts/tracking';
import type { AppError } from '../../../../shared/errors';
import { api, onReconnect } from '../../api/client';
import { asAppError } from '../list/use-jobs-list';
import { applyChange } from './apply-change';

const GATHER_MS = 150;

export interface Tracking {
  list: TrackingList | undefined;
  error: AppError | undefined;
  /** The server's clock minus this one's, to age the server's timestamps. */
  offsetMs: number;
  reload: () => void;
}

export function useTracking(refreshMs: number): Tracking {
  const [list, setList] = useState<TrackingList>();
  const [error, setError] = useState<AppError>();
  const [offsetMs, setOffset] = useState(0);
  const current = useRef<TrackingList | undefined>(undefined);
  const inFlight = useRef<TrackingChange[] | undefined>(undefined);
  const queue = useRef<TrackingChange[]>([]);
  const flushTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const again = useRef(false);

  const reload = useCallback(() => {
    const run = () => {
      if (inFlight.current) {
        again.current = true;
        return;
      }
      inFlight.current = [];
      api.invoke('tracking.list').then(
        (l) => {
          let next = l;
          for (const c of inFlight.current ?? []) next = applyChange(next, c).list;
          inFlight.current = undefined;
          current.current = next;
          setOffset(l.now - Date.now());
          setList(next);
          setError(undefined);
          if (again.current) {
            again.current = false;
            run();
          }
        },
        (e: unknown) => {
          inFlight.current = undefined;
          setError(asAppError(e));
        },
      );
    };
    run();
  }, []);

  useEffect(() => {
    const flush = () => {
      flushTimer.current = undefined;
      const changes = queue.current;
      queue.current = [];
      let next = current.current;
      let unknown = false;
      for (const c of changes) {
        inFlight.current?.push(c);
        if (!next) continue;
        const r = applyChange(next, c);
        next = r.list;
        unknown ||= !r.known;
      }
      if (next && next !== current.current) {
        current.current = next;
        setList(next);
      }
      if (unknown) reload();
    };
    const off = api.on('tracking.changed', (c) => {
      queue.current.push(c);
      flushTimer.current ??= setTimeout(flush, GATHER_MS);
    });
    const offReconnect = onReconnect(reload);
    reload();
    const tick = setInterval(reload, refreshMs);
    return () => {
      off();
      offReconnect();
      clearInterval(tick);
      if (flushTimer.current) clearTimeout(flushTimer.current);
      flushTimer.current = undefined;
    };
  }, [reload, refreshMs]);

  return { list, error, offsetMs, reload };
}
