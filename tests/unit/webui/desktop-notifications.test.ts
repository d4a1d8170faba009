// The desktop app's notifications (electron/main/notifications/): a poll's changes decided together with the
// settings, each notice shown through the Notifier port (a TEST DOUBLE here, named as one), its click opening the job.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { TrackingChange } from '../../../shared/contracts/tracking';
import { defaultSettings, type Settings } from '../../../shared/settings';
import { startDesktopNotifications } from '../../../electron/main/notifications/desktop-notifications';
import { electronNotifier } from '../../../electron/main/notifications/electron-notifier';

const JOB = 'f'.repeat(32);
const change = (to: string, from: string | undefined, at: number, jobId?: string): TrackingChange => ({
  kind: 'state',
  id: 'rest:http://127.0.0.1:8081',
  ...(jobId ? { jobId, jobName: 'orders' } : {}),
  to: { state: to, source: 'flink', reason: `Flink reports ${to}`, since: at, final: false, problems: [], evidence: {} },
  ...(from ? { from: { state: from, source: 'flink' as const } } : {}),
  at,
});

function setup(settings: Partial<Settings> = {}) {
  const bus = new EventEmitter();
  const deferred: (() => void)[] = [];
  const shown: { title: string; click: () => void }[] = [];
  const open = vi.fn();
  startDesktopNotifications({
    on: (event, l) => (bus.on(event, l), () => bus.off(event, l)),
    settings: { get: () => ({ ...defaultSettings, ...settings }) },
    notifier: { supported: true, show: (n, click) => void shown.push({ title: n.title, click }) },
    open,
    defer: (fn) => void deferred.push(fn),
  });
  const emit = (...changes: TrackingChange[]) => {
    for (const c of changes) bus.emit('tracking.changed', c);
    for (const fn of deferred.splice(0)) fn();
  };
  return { emit, shown, open };
}

describe('desktop notifications', () => {
  it('a poll is decided as one batch: a newly tracked cluster brings no notification for its old jobs; a failure later does', () => {
    const s = setup();
    s.emit(change('FAILED', undefined, 1, JOB), change('RUNNING', undefined, 1));
    expect(s.shown).toEqual([]);
    s.emit(change('FAILED', undefined, 5, 'e'.repeat(32)));
    expect(s.shown.map((n) => n.title)).toEqual(['orders failed']);
    s.shown[0]!.click();
    expect(s.open).toHaveBeenCalledWith({ id: 'rest:http://127.0.0.1:8081', jobId: 'e'.repeat(32) });
  });

  it('follows the setting as it is now', () => {
    const s = setup({ 'notifications.on': 'lost' });
    s.emit(change('RUNNING', 'CREATED', 1, JOB));
    s.emit(change('FINISHED', 'RUNNING', 2, JOB));
    expect(s.shown).toEqual([]);
  });

  it("Electron's Notification: shown, held until clicked, the click forwarded", () => {
    const made: (EventEmitter & { options: unknown; show: () => void })[] = [];
    class FakeNotification extends EventEmitter {
      static isSupported = () => true;
      shown = false;
      constructor(readonly options: unknown) {
        super();
        made.push(this);
      }
      show() {
        this.shown = true;
      }
    }
    const notifier = electronNotifier(FakeNotification as never);
    const click = vi.fn();
    notifier.show({ kind: 'failed', id: 'x', title: 'orders failed', body: 'Flink reports FAILED', at: 1 }, click);
    expect(made[0]!.options).toEqual({ title: 'orders failed', body: 'Flink reports FAILED', silent: false });
    made[0]!.emit('click');
    expect(click).toHaveBeenCalledTimes(1);
    expect(notifier.supported).toBe(true);
  });
});
