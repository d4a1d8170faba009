import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { dataFilesText } from '../../helpers/test-services';
import { AppError } from '../../../shared/errors';
import { unitRegistryServices } from './registry-services';

const PASSWORD = 'Unit-Test-Pa55word-x91';

describe('registry settings', () => {
  it('starts empty, with the namespace from the settings (streamx)', async () => {
    const s = unitRegistryServices();
    expect(await s.client.invoke('registry.get')).toMatchObject({
      address: '',
      namespace: 'streamx',
      username: '',
      hasPassword: false,
      pullSecrets: [],
    });
  });

  it('stores the password sealed, says hasPassword, and never returns it', async () => {
    const s = unitRegistryServices();
    const view = await s.client.invoke('registry.save', {
      address: 'reg.example.com',
      namespace: 'team-a',
      username: 'alice',
      password: PASSWORD,
    });
    expect(view).toMatchObject({ address: 'reg.example.com', namespace: 'team-a', username: 'alice', hasPassword: true });
    expect(JSON.stringify(view)).not.toContain(PASSWORD);
    const section = s.stores.registry.read() as { passwordSealed: string };
    expect(section.passwordSealed).toBeTruthy();
    expect(dataFilesText(s.dir)).not.toContain(PASSWORD);
    expect(dataFilesText(s.dir)).not.toContain(Buffer.from(PASSWORD).toString('base64'));
    expect(JSON.stringify(s.events.events)).not.toContain(PASSWORD);
    // The namespace IS the setting docker.register.image-namespace (one value, two pages).
    expect(s.settings.get()['docker.register.image-namespace']).toBe('team-a');
    expect(s.events.events.some((e) => e.event === 'registry.changed')).toBe(true);
  });

  it('keeps the saved password when none is given, forgets it on clearPassword', async () => {
    const s = unitRegistryServices();
    await s.client.invoke('registry.save', { address: 'reg.example.com', namespace: 'streamx', username: 'alice', password: PASSWORD });
    const sealed = (s.stores.registry.read() as { passwordSealed: string }).passwordSealed;
    expect(
      (await s.client.invoke('registry.save', { address: 'reg.example.com', namespace: 'streamx', username: 'alice' })).hasPassword,
    ).toBe(true);
    expect((s.stores.registry.read() as { passwordSealed: string }).passwordSealed).toBe(sealed);
    expect(
      (await s.client.invoke('registry.save', { address: 'reg.example.com', namespace: 'streamx', username: 'alice', clearPassword: true }))
        .hasPassword,
    ).toBe(false);
  });

  it('refuses invalid input field by field, and changes nothing', async () => {
    const s = unitRegistryServices();
    const e = await s.client
      .invoke('registry.save', { address: 'https://reg', namespace: 'UPPER', username: 'x' })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('invalid-input');
    expect(Object.keys((e as AppError).fields ?? {})).toEqual(['address', 'namespace']);
    expect(existsSync(s.stores.registry.path)).toBe(false);
  });

  it('verify needs saved credentials first', async () => {
    const s = unitRegistryServices();
    await expect(s.client.invoke('registry.verify')).rejects.toMatchObject({
      code: 'invalid-input',
      message: 'No registry is configured yet',
    });
    await s.client.invoke('registry.save', { address: 'reg.example.com', namespace: 'streamx', username: 'alice' });
    await expect(s.client.invoke('registry.verify')).rejects.toMatchObject({ message: 'No password is saved for reg.example.com' });
  });

  it('a verification whose process ended is shown as interrupted', async () => {
    const s = unitRegistryServices();
    s.stores.registry.update(() => ({
      address: 'r.io',
      username: 'u',
      dockerHost: '',
      pullSecrets: [],
      lastVerification: { opId: 'gone', at: 1, status: 'running', steps: [] },
    }));
    expect((await s.client.invoke('registry.get')).lastVerification?.status).toBe('interrupted');
  });

  it('a pull secret needs saved credentials first', async () => {
    const s = unitRegistryServices();
    await expect(s.client.invoke('registry.pullSecret', { context: 'c', namespace: 'flink-dev' })).rejects.toMatchObject({
      code: 'invalid-input',
    });
  });
});

describe('last verification', () => {
  it('is not shown once the namespace changed on the Settings page', async () => {
    const s = unitRegistryServices();
    s.stores.registry.update(() => ({
      address: 'r.io',
      username: 'u',
      dockerHost: '',
      pullSecrets: [],
      lastVerification: { opId: 'x', at: 1, status: 'passed', reference: 'r.io/streamx/flink-desk-probe:abc', steps: [] },
    }));
    expect((await s.client.invoke('registry.get')).lastVerification?.status).toBe('passed');
    await s.client.invoke('settings.update', { 'docker.register.image-namespace': 'team-b' });
    expect((await s.client.invoke('registry.get')).lastVerification).toBeUndefined();
  });
});
