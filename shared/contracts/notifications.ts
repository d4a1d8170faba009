// Notifications (issue: Operate): the desktop app shows an OS notification when a tracked job turns FAILED, LOST or
// FINISHED, or keeps restarting (shared/notifications/decide.ts says when; the setting notifications.on says which);
// clicking one brings the window forward and sends this event, so the page opens that job.
export interface NotificationsEvents {
  /** A notification was clicked: open the tracked cluster's page (a session cluster's job when jobId is given). */
  'notifications.open': { id: string; jobId?: string };
}
export const notificationsEventNames: (keyof NotificationsEvents)[] = ['notifications.open'];
