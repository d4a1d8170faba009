import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { defaultSettings } from '../../../shared/settings';
import { SettingsService } from '../../../electron/services/settings/settings-service';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRepository } from '../../../electron/services/store/json-repository';
import { settingsDef } from '../../../electron/services/store/stores';
import { RecordingSink } from '../../helpers/test-services';

/** A real settings file in a temp dir, optionally with content. */
function memoryStore(initial: { settings?: Record<string, unknown> } = {}) {
  const repo = openRepository(mkdtempSync(join(tmpdir(), 'fd-settings-')), settingsDef);
  if (initial.settings) repo.update(() => initial.settings!);
  return repo;
}

describe('SettingsService', () => {
  it('starts from the defaults', () => {
    expect(new SettingsService(memoryStore(), new RecordingSink()).get()).toEqual(defaultSettings);
  });

  it('validates, persists and announces an update', () => {
    const store = memoryStore();
    const sink = new RecordingSink();
    const s = new SettingsService(store, sink);
    const updated = s.update({ 'flink-k8s.tracking.polling-interval-sec.job-status': 7 });
    expect(updated['flink-k8s.tracking.polling-interval-sec.job-status']).toBe(7);
    expect(store.read()).toEqual(updated);
    expect(sink.events).toEqual([{ event: 'settings.changed', payload: updated }]);
  });

  it('refuses an invalid value and keeps what was stored', () => {
    const store = memoryStore();
    const s = new SettingsService(store, new RecordingSink());
    let error: unknown;
    try {
      s.update({ 'flink-k8s.tracking.silent-state-keep-sec': 0 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fields).toEqual({
      'flink-k8s.tracking.silent-state-keep-sec': 'The silent-state keep time must be a whole number of seconds from 1 to 86400',
    });
    expect(store.read()).toEqual({});
  });

  it('replaces a stored value that breaks its rule by the default, and says so', () => {
    const store = memoryStore({
      settings: { 'flink-k8s.tracking.polling-interval-sec.cluster-metric': -3, 'docker.register.image-namespace': 'team' },
    });
    const s = new SettingsService(store, new RecordingSink());
    expect(s.get()['flink-k8s.tracking.polling-interval-sec.cluster-metric']).toBe(10);
    expect(s.get()['docker.register.image-namespace']).toBe('team');
    expect(s.warnings).toEqual([expect.stringContaining('flink-k8s.tracking.polling-interval-sec.cluster-metric=-3 is not valid')]);
  });

  it('resets to the defaults', () => {
    const s = new SettingsService(memoryStore({ settings: { 'ui.theme': 'dark' } }), new RecordingSink());
    expect(s.reset()).toEqual(defaultSettings);
    expect(s.get()).toEqual(defaultSettings);
  });
});
