// The port the desktop app's notifications go out through: Electron's Notification (electron-notifier.ts), a named
// test double in unit tests.
import type { Notice } from '../../../shared/notifications/decide';

export interface Notifier {
  /** False where the system has no notifications (then nothing is shown). */
  readonly supported: boolean;
  show(notice: Notice, onClick: () => void): void;
}
