// A saved password belongs to the address and the Docker engine it was entered for. Changing either drops it unless
// a new one comes in the same save; a record whose password was entered elsewhere is refused by everything that
// would send it (verify, the pull secret) before any engine or cluster is contacted: no operation is started, so no
// engine call can come later.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unitRegistryServices } from './registry-services';

const PASSWORD = 'Binding-Test-Pw-5521';

async function saved(env: NodeJS.ProcessEnv = {}) {
  const s = unitRegistryServices(env);
  await s.client.invoke('registry.save', {
    address: 'old.example.com',
    namespace: 'streamx',
    username: 'alice',
    password: PASSWORD,
    dockerHost: 'unix:///run/engine-a.sock',
  });
  return s;
}

describe('a saved password belongs to one address and engine', () => {
  it('records what it was entered for', async () => {
    const s = await saved();
    expect(s.stores.registry.read().passwordFor).toEqual({ address: 'old.example.com', dockerHost: 'unix:///run/engine-a.sock' });
    expect((await s.client.invoke('registry.get')).hasPassword).toBe(true);
  });

  it('a changed address drops it, and verify then refuses without starting anything', async () => {
    const s = await saved();
    const view = await s.client.invoke('registry.save', { address: 'new.example.com', namespace: 'streamx', username: 'alice' });
    expect(view.hasPassword).toBe(false);
    expect(s.stores.registry.read().passwordSealed).toBeUndefined();
    expect(s.stores.registry.read().passwordFor).toBeUndefined();
    await expect(s.client.invoke('registry.verify')).rejects.toMatchObject({
      code: 'invalid-input',
      message: 'No password is saved for new.example.com',
    });
    expect(s.operations.list()).toEqual([]);
  });

  it('a changed engine drops it too', async () => {
    const s = await saved();
    const view = await s.client.invoke('registry.save', {
      address: 'old.example.com',
      namespace: 'streamx',
      username: 'alice',
      dockerHost: 'tcp://127.0.0.1:2375',
    });
    expect(view.hasPassword).toBe(false);
    await expect(s.client.invoke('registry.verify')).rejects.toMatchObject({ message: 'No password is saved for old.example.com' });
    expect(s.operations.list()).toEqual([]);
  });

  it('a new password in the same save is kept, for the new address and engine', async () => {
    const s = await saved();
    const view = await s.client.invoke('registry.save', {
      address: 'new.example.com',
      namespace: 'streamx',
      username: 'alice',
      password: 'the-new-one',
      dockerHost: '',
    });
    expect(view.hasPassword).toBe(true);
    expect(s.stores.registry.read().passwordFor).toEqual({ address: 'new.example.com', dockerHost: '' });
  });

  it('a save that keeps address and engine keeps it (a new user name too)', async () => {
    const s = await saved();
    const sealed = s.stores.registry.read().passwordSealed;
    const view = await s.client.invoke('registry.save', { address: 'old.example.com', namespace: 'team-b', username: 'bob' });
    expect(view.hasPassword).toBe(true);
    expect(s.stores.registry.read().passwordSealed).toBe(sealed);
  });

  it('a record whose password was entered for another address: verify and the pull secret refuse, saying what to enter', async () => {
    const s = await saved();
    // As an earlier Flink Desk left it: the address changed, the password stayed.
    s.stores.registry.update((r) => ({ ...r, address: 'new.example.com' }));
    expect((await s.client.invoke('registry.get')).hasPassword).toBe(false);
    const refusal = {
      code: 'invalid-input',
      message: 'The saved password was entered for old.example.com, not for new.example.com',
      hint: expect.stringMatching(/^Enter the password for the new address new\.example\.com/) as string,
    };
    await expect(s.client.invoke('registry.verify')).rejects.toMatchObject(refusal);
    await expect(s.client.invoke('registry.pullSecret', { context: 'any', namespace: 'flink-dev' })).rejects.toMatchObject(refusal);
    expect(s.operations.list()).toEqual([]);
  });

  it('a record whose password was entered for another engine is refused', async () => {
    const s = await saved();
    s.stores.registry.update((r) => ({ ...r, dockerHost: 'tcp://127.0.0.1:2375' }));
    await expect(s.client.invoke('registry.verify')).rejects.toMatchObject({
      message: 'The saved password for old.example.com was entered for another Docker engine (unix:///run/engine-a.sock)',
    });
  });

  it('a password saved without saying where it belongs (an earlier version) is refused, and the next save drops it', async () => {
    const s = await saved();
    s.stores.registry.update((r) => {
      const legacy = { ...r };
      delete legacy.passwordFor;
      return legacy;
    });
    await expect(s.client.invoke('registry.verify')).rejects.toMatchObject({
      message: expect.stringContaining('does not say which address it was entered for') as string,
      hint: expect.stringMatching(/^Enter the password for old\.example\.com again/) as string,
    });
    await s.client.invoke('registry.save', { address: 'old.example.com', namespace: 'streamx', username: 'alice' });
    expect(s.stores.registry.read().passwordSealed).toBeUndefined();
  });
});

describe('an import takes only the configured registry’s entry', () => {
  function dockerConfig(auths: Record<string, string>): NodeJS.ProcessEnv {
    const dir = mkdtempSync(join(tmpdir(), 'fd-dockercfg-'));
    const entries = Object.fromEntries(Object.entries(auths).map(([k, up]) => [k, { auth: Buffer.from(up).toString('base64') }]));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: entries }));
    return { DOCKER_CONFIG: dir, HOME: dir };
  }

  it('refuses an import naming another registry than the configured one, and changes nothing', async () => {
    const s = await saved(dockerConfig({ 'other.example.com': 'mallory:other-pw' }));
    const before = s.stores.registry.read();
    await expect(s.client.invoke('registry.importDockerConfig', { address: 'other.example.com' })).rejects.toMatchObject({
      code: 'invalid-input',
      message: 'The configured registry is old.example.com, not other.example.com: only its credentials can be imported',
    });
    expect(s.stores.registry.read()).toEqual(before);
  });

  it('takes the entry of the configured registry (keyed by its host, whatever path the address has), bound to it', async () => {
    const s = unitRegistryServices(dockerConfig({ 'other.example.com': 'mallory:other-pw', 'https://reg.example.com:5000': 'bob:bob-pw' }));
    await s.client.invoke('registry.save', { address: 'reg.example.com:5000/team', namespace: 'streamx', username: '' });
    const r = await s.client.invoke('registry.importDockerConfig');
    expect(r.view).toMatchObject({ address: 'reg.example.com:5000/team', username: 'bob', hasPassword: true });
    expect(s.stores.registry.read().passwordFor).toEqual({ address: 'reg.example.com:5000/team', dockerHost: '' });
  });

  it('with no address saved, saves the imported registry’s address with its password', async () => {
    const s = unitRegistryServices(dockerConfig({ 'a.example.com': 'u:a-pw', 'b.example.com': 'u:b-pw' }));
    const r = await s.client.invoke('registry.importDockerConfig', { address: 'b.example.com' });
    expect(r.view).toMatchObject({ address: 'b.example.com', hasPassword: true });
    expect(s.stores.registry.read().passwordFor).toEqual({ address: 'b.example.com', dockerHost: '' });
  });
});
