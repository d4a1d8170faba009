import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { coerceSettingValue, defaultSettings, settingsPatchSchema, settingsSchema, settingsShape } from '../../../shared/settings';
import { RENDERER_CSP } from '../../../shared/csp';

describe('settings', () => {
  it('has the seed defaults, with the namespace typo corrected to streamx', () => {
    expect(defaultSettings).toMatchObject({
      'docker.register.image-namespace': 'streamx',
      'flink-k8s.tracking.polling-task-timeout-sec.job-status': 120,
      'flink-k8s.tracking.polling-task-timeout-sec.cluster-metric': 120,
      'flink-k8s.tracking.polling-interval-sec.job-status': 5,
      'flink-k8s.tracking.polling-interval-sec.cluster-metric': 10,
      'flink-k8s.tracking.silent-state-keep-sec': 60,
    });
    expect(settingsSchema.parse(defaultSettings)).toEqual(defaultSettings);
  });

  it.each([0, -1, 1.5, 3601, Number.NaN])('rejects polling interval %s with a message naming the rule', (v) => {
    const r = settingsShape['flink-k8s.tracking.polling-interval-sec.job-status'].safeParse(v);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('The job-status polling interval must be a whole number of seconds from 1 to 3600');
  });

  it('accepts the silent keep time up to a day', () => {
    expect(settingsShape['flink-k8s.tracking.silent-state-keep-sec'].safeParse(86400).success).toBe(true);
    expect(settingsShape['flink-k8s.tracking.silent-state-keep-sec'].safeParse(86401).success).toBe(false);
  });

  it.each(['streamx', 'team-a/flink', 'a.b_c__d', 'x1'])('accepts the registry namespace %s', (v) => {
    expect(settingsShape['docker.register.image-namespace'].safeParse(v).success).toBe(true);
  });

  it.each(['', 'StreamX', '-x', 'x-', 'a//b', 'a b', '/x', 'a@b'])('rejects the registry namespace %j', (v) => {
    expect(settingsShape['docker.register.image-namespace'].safeParse(v).success).toBe(false);
  });

  it('rejects unknown keys in a patch', () => {
    expect(settingsPatchSchema.safeParse({ 'no.such.key': 1 }).success).toBe(false);
  });

  it('coerces command-line strings by the setting type, leaving non-numbers for the schema to reject', () => {
    expect(coerceSettingValue('flink-k8s.tracking.silent-state-keep-sec', ' 30 ')).toBe(30);
    expect(coerceSettingValue('flink-k8s.tracking.silent-state-keep-sec', 'ten')).toBe('ten');
    expect(coerceSettingValue('docker.register.image-namespace', '007')).toBe('007');
  });

  it('renderer/index.html carries the same CSP as the host and Electron send', () => {
    const html = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(RENDERER_CSP);
  });
});
