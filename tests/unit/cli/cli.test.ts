import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { defaultSettings } from '../../../shared/settings';
import { testServices } from '../../helpers/test-services';

function run(argv: string[], services = testServices()) {
  const out: string[] = [];
  const err: string[] = [];
  return runCli(argv, services, { out: (t) => out.push(t), err: (t) => err.push(t) }).then((code) => ({
    code,
    out: out.join('\n'),
    err: err.join('\n'),
  }));
}

describe('flink-desk CLI', () => {
  it('settings get --json prints exactly the settings object', async () => {
    const r = await run(['settings', 'get', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(defaultSettings);
  });

  it('settings set validates: exit 2 and a message that names the rule and the value', async () => {
    const r = await run(['settings', 'set', 'flink-k8s.tracking.polling-interval-sec.job-status', '0']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('must be a whole number of seconds from 1 to 3600');
    expect(r.err).toContain("got '0'");
  });

  it('settings set then get round-trips', async () => {
    const s = testServices();
    expect((await run(['settings', 'set', 'docker.register.image-namespace', 'team-a'], s)).code).toBe(0);
    expect((await run(['settings', 'get', 'docker.register.image-namespace'], s)).out).toBe('team-a');
  });

  it('names the known keys when the key is unknown', async () => {
    const r = await run(['settings', 'set', 'polling', '5']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown setting 'polling'");
    expect(r.err).toContain('flink-k8s.tracking.silent-state-keep-sec');
  });

  it('refuses unknown options and commands with exit 2', async () => {
    expect((await run(['settings', 'get', '--jsno'])).code).toBe(2);
    expect((await run(['deploy-everything'])).code).toBe(2);
  });

  it('prints an error object on stdout with --json', async () => {
    const r = await run(['settings', 'set', 'flink-k8s.tracking.silent-state-keep-sec', 'x', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toMatchObject({ error: { code: 'invalid-input' } });
  });
});
