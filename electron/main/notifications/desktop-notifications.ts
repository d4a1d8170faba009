// The desktop app's notifications: every poll's tracking changes (emitted together, gathered until the event loop
// turns) go through the shared decision with the user's settings; each notice becomes an OS notification whose click
// brings the window forward and tells the page to open that job (the notifications.open event).
import type { TrackingChange } from '../../../shared/contracts/tracking';
import { decideNotices, emptyNotifyMemory, type NotifyMemory } from '../../../shared/notifications/decide';
import { parseNotifyKinds } from '../../../shared/notifications/kinds';
import type { Settings } from '../../../shared/settings';
import type { Notifier } from './notifier';

export interface DesktopNotificationsDeps {
  on(event: 'tracking.changed', listener: (c: TrackingChange) => void): () => void;
  settings: { get(): Settings };
  notifier: Notifier;
  /** Brings the window forward and sends the page notifications.open. */
  open(target: { id: string; jobId?: string }): void;
  /** Defers the batch's decision until the poll's changes have all come (setImmediate; tests pass their own). */
  defer?: (fn: () => void) => void;
}

export function startDesktopNotifications(deps: DesktopNotificationsDeps): () => void {
  const defer = deps.defer ?? ((fn) => void setImmediate(fn));
  let memory: NotifyMemory = emptyNotifyMemory;
  let batch: TrackingChange[] | undefined;
  const decide = () => {
    const changes = batch ?? [];
    batch = undefined;
    const s = deps.settings.get();
    const result = decideNotices(
      changes,
      { on: parseNotifyKinds(s['notifications.on']) ?? [], restartThreshold: s['notifications.restart-threshold'] },
      memory,
    );
    memory = result.memory;
    if (!deps.notifier.supported) return;
    for (const n of result.notices) deps.notifier.show(n, () => deps.open({ id: n.id, ...(n.jobId ? { jobId: n.jobId } : {}) }));
  };
  return deps.on('tracking.changed', (c) => {
    if (!batch) {
      batch = [];
      defer(decide);
    }
    batch.push(c);
  });
}
