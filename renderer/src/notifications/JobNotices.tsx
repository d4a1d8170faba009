// Notifications in the page. In the browser (serve mode) the page itself tells: each poll's tracking changes (they
// arrive together; gathered until the socket is quiet for a moment) go through the same shared decision as the
// desktop app's OS notifications, with the user's setting, and each notice shows as a toast that opens the job. In
// the desktop app main shows OS notifications; a click there sends notifications.open, which opens the job here.
import { useEffect, useRef, useState } from 'react';
import type { TrackingChange } from '../../../shared/contracts/tracking';
import { decideNotices, emptyNotifyMemory, type Notice, type NotifyMemory } from '../../../shared/notifications/decide';
import { parseNotifyKinds } from '../../../shared/notifications/kinds';
import { api } from '../api/client';
import { trackedPageHash } from '../jobs/webui/tracked-hash';
import { useAppInfo } from '../state/app-info';
import { useSettings } from '../state/settings';
import './notices.css';

const QUIET_MS = 200;
const MAX_SHOWN = 4;

type Shown = Notice & { key: number };

export function JobNotices() {
  const info = useAppInfo();
  const { saved } = useSettings();
  const [shown, setShown] = useState<Shown[]>([]);
  const settings = useRef(saved);
  useEffect(() => {
    settings.current = saved;
  }, [saved]);

  useEffect(() => api.on('notifications.open', ({ id, jobId }) => void (location.hash = trackedPageHash(id, jobId))), []);

  const web = info?.transport === 'web';
  useEffect(() => {
    if (!web) return;
    let memory: NotifyMemory = emptyNotifyMemory;
    let batch: TrackingChange[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let next = 0;
    const decide = () => {
      timer = undefined;
      const changes = batch;
      batch = [];
      const s = settings.current;
      if (!s) return;
      const r = decideNotices(
        changes,
        { on: parseNotifyKinds(s['notifications.on']) ?? [], restartThreshold: s['notifications.restart-threshold'] },
        memory,
      );
      memory = r.memory;
      if (r.notices.length) setShown((list) => [...list, ...r.notices.map((n) => ({ ...n, key: next++ }))].slice(-MAX_SHOWN));
    };
    const off = api.on('tracking.changed', (c) => {
      batch.push(c);
      if (timer) clearTimeout(timer);
      timer = setTimeout(decide, QUIET_MS);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [web]);

  const dismiss = (key: number) => setShown((list) => list.filter((n) => n.key !== key));
  if (!shown.length) return null;
  return (
    <div className="job-notices" aria-label="Job notifications">
      {shown.map((n) => (
        <div key={n.key} className={`job-notice job-notice-${n.kind}`} role={n.kind === 'finished' ? 'status' : 'alert'}>
          <div className="job-notice-text">
            <strong>{n.title}</strong>
            {n.body && <span>{n.body}</span>}
          </div>
          <div className="job-notice-actions">
            <a className="btn btn-sm" href={trackedPageHash(n.id, n.jobId)} onClick={() => dismiss(n.key)}>
              Open job
            </a>
            <button type="button" className="btn btn-sm btn-ghost" aria-label={`Dismiss: ${n.title}`} onClick={() => dismiss(n.key)}>
              Dismiss
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}
