import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../electron/services/runtime/event-bus';
import { Lifecycle } from '../../../electron/services/runtime/lifecycle';
import { defaultSettings } from '../../../shared/settings';
import { RecordingSink, recordingLogger, testServices } from '../../helpers/test-services';

describe('lifecycle', () => {
  it('starts registered work with the services, work registered later at once, and stops all in reverse order', async () => {
    const order: string[] = [];
    const lc = new Lifecycle(recordingLogger());
    const work = (name: string) => ({ name, start: () => void order.push(`start ${name}`), stop: () => void order.push(`stop ${name}`) });
    await lc.register(work('a'));
    expect(order).toEqual([]);
    await lc.start();
    await lc.register(work('b'));
    expect(order).toEqual(['start a', 'start b']);
    await lc.stop();
    expect(order).toEqual(['start a', 'start b', 'stop b', 'stop a']);
  });

  it('one failing disposer does not keep the others running, and is logged', async () => {
    const logger = recordingLogger();
    const lc = new Lifecycle(logger);
    let stopped = false;
    await lc.register({ name: 'ok', stop: () => void (stopped = true) });
    await lc.register({ name: 'bad', stop: () => Promise.reject(new Error('stuck')) });
    await lc.start();
    await lc.stop();
    expect(stopped).toBe(true);
    expect(logger.lines.join('\n')).toMatch(/failed to stop.*bad.*stuck/);
  });

  it('services.stop() aborts running operations and disposes the kubeconfig watcher', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fd-life-'));
    const kubeconfig = join(dir, 'config');
    writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
    const s = testServices(undefined, 'cli', { env: { KUBECONFIG: kubeconfig, HOME: dir } });
    await s.start();
    await s.client.invoke('kube.contexts'); // arms the watcher
    const { snapshot } = s.operations.start({
      kind: 'x',
      title: 'long',
      steps: [],
      run: (ctx) => new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('aborted')))),
    });
    expect(s.context.lifecycle.names()).toContain('kubeconfig watcher');
    await s.stop();
    expect(s.operations.get(snapshot.id).status).toBe('interrupted');
    expect(s.context.lifecycle.names()).toEqual([]);
    expect(s.context.lifecycle.running).toBe(false);
  });
});

describe('event bus', () => {
  it('delivers to in-process subscribers and forwards outward; a throwing listener breaks nothing', () => {
    const out = new RecordingSink();
    const logger = recordingLogger();
    const bus = new EventBus(out, logger);
    const got: unknown[] = [];
    bus.on('settings.changed', () => {
      throw new Error('listener bug');
    });
    const off = bus.on('settings.changed', (s) => got.push(s));
    bus.emit('settings.changed', defaultSettings);
    off();
    bus.emit('settings.changed', defaultSettings);
    expect(got).toHaveLength(1);
    expect(out.events).toHaveLength(2);
    expect(logger.lines.join()).toContain('listener bug');
  });

  it('a service reacts to settings.changed (how a loop is re-timed)', async () => {
    const s = testServices();
    const intervals: number[] = [];
    s.on('settings.changed', (v) => intervals.push(v['flink-k8s.tracking.polling-interval-sec.job-status']));
    await s.client.invoke('settings.update', { 'flink-k8s.tracking.polling-interval-sec.job-status': 7 });
    expect(intervals).toEqual([7]);
  });
});
