// Notifier over Electron's Notification. Each shown notification is held until it is clicked or closed: one only
// referenced by a local goes to the garbage collector, and its click then never arrives.
import type { Notification, NotificationConstructorOptions } from 'electron';
import type { Notifier } from './notifier';

export interface NotificationClass {
  new (options: NotificationConstructorOptions): Notification;
  isSupported(): boolean;
}

export function electronNotifier(NotificationImpl: NotificationClass): Notifier {
  const shown = new Set<Notification>();
  return {
    get supported() {
      return NotificationImpl.isSupported();
    },
    show(notice, onClick) {
      const n = new NotificationImpl({ title: notice.title, body: notice.body, silent: notice.kind === 'finished' });
      shown.add(n);
      n.on('click', () => {
        shown.delete(n);
        onClick();
      });
      n.on('close', () => shown.delete(n));
      n.show();
    },
  };
}
