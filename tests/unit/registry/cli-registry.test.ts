import { describe, expect, it } from 'vitest';
import { dataFilesText } from '../../helpers/test-services';
import { runCli } from '../../../electron/cli/main';
import type { CliIO } from '../../../electron/cli/io';
import { unitRegistryServices } from './registry-services';

const PASSWORD = 'Cli-Unit-Secret-42xy';

async function run(argv: string[], s = unitRegistryServices(), stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO & { stdin: () => Promise<string> } = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    stdin: () => Promise.resolve(stdin),
  };
  const code = await runCli(argv, s, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('flink-desk registry', () => {
  it('set --password-stdin saves; show --json has hasPassword and no password anywhere', async () => {
    const s = unitRegistryServices();
    const set = await run(
      ['registry', 'set', '--address', 'reg.example.com:5000', '--namespace', 'team-a', '--username', 'alice', '--password-stdin'],
      s,
      `${PASSWORD}\n`,
    );
    expect(set.code).toBe(0);
    expect(set.out).toContain('password    saved (encrypted)');
    const show = await run(['registry', 'show', '--json'], s);
    expect(show.code).toBe(0);
    const view = JSON.parse(show.out) as Record<string, unknown>;
    expect(view).toMatchObject({ address: 'reg.example.com:5000', namespace: 'team-a', username: 'alice', hasPassword: true });
    expect('password' in view).toBe(false);
    for (const text of [set.out, set.err, show.out, show.err, dataFilesText(s.dir)]) expect(text).not.toContain(PASSWORD);
  });

  it('set changes only what is given', async () => {
    const s = unitRegistryServices();
    await run(['registry', 'set', '--address', 'reg.example.com', '--username', 'alice', '--password-stdin'], s, PASSWORD);
    await run(['registry', 'set', '--username', 'bob'], s);
    expect(JSON.parse((await run(['registry', 'show', '--json'], s)).out)).toMatchObject({
      address: 'reg.example.com',
      username: 'bob',
      hasPassword: true,
    });
  });

  it('invalid address: exit 2 with the rule', async () => {
    const r = await run(['registry', 'set', '--address', 'https://reg.example.com']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Leave out the scheme');
  });

  it('verify without a registry: exit 2 and what to do', async () => {
    const r = await run(['registry', 'verify']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('No registry is configured yet');
    expect(r.err).toContain('hint: Save the registry address');
  });

  it('pull-secret needs --context and --namespace', async () => {
    const r = await run(['registry', 'pull-secret', '--namespace', 'flink-dev']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--context is required');
  });

  it('an unknown subcommand lists the commands', async () => {
    const r = await run(['registry', 'frob']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('flink-desk registry verify');
  });
});
