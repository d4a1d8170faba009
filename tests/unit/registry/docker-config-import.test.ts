// Import from a Docker config in a temp DOCKER_CONFIG, with `auths`, `credHelpers` and `credsStore`. The credential
// helper is a TEST DOUBLE: a small shell script named docker-credential-fd-test-double that answers like the real
// helpers do (docker-credential-helpers protocol: server URL on stdin, {ServerURL,Username,Secret} on stdout).
import { dataFilesText } from '../../helpers/test-services';
import { describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unitRegistryServices } from './registry-services';

const SECRET = 'Helper-Secret-77aa';

function dockerConfig(cfg: object): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), 'fd-dockercfg-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(cfg));
  // The test double helper: knows one server, refuses others the way real helpers do.
  const helper = join(dir, 'docker-credential-fd-test-double');
  writeFileSync(
    helper,
    [
      '#!/bin/sh',
      '[ "$1" = get ] || exit 2',
      'read server',
      'case "$server" in',
      `  helper.example.com|https://helper.example.com) printf '{"ServerURL":"%s","Username":"helper-user","Secret":"${SECRET}"}' "$server" ;;`,
      '  *) echo "credentials not found in native keychain"; exit 1 ;;',
      'esac',
    ].join('\n'),
  );
  chmodSync(helper, 0o755);
  return { DOCKER_CONFIG: dir, PATH: `${dir}:${process.env.PATH ?? ''}`, HOME: dir };
}

describe('import credentials from the Docker config', () => {
  it('takes user and password from auths (base64 user:pass), and the address when none is saved', async () => {
    const env = dockerConfig({ auths: { 'https://reg.example.com': { auth: Buffer.from('bob:p@ss:word').toString('base64') } } });
    const s = unitRegistryServices(env);
    const r = await s.client.invoke('registry.importDockerConfig');
    expect(r.source).toBe('auths');
    expect(r.view).toMatchObject({ address: 'reg.example.com', username: 'bob', hasPassword: true });
    expect(JSON.stringify(r)).not.toContain('p@ss:word');
    expect(dataFilesText(s.dir)).not.toContain('p@ss:word');
  });

  it('uses the credHelpers entry for the saved address, through the helper', async () => {
    const env = dockerConfig({
      auths: { 'other.example.com': { auth: Buffer.from('x:y').toString('base64') } },
      credHelpers: { 'helper.example.com': 'fd-test-double' },
    });
    const s = unitRegistryServices(env);
    await s.client.invoke('registry.save', { address: 'helper.example.com', namespace: 'streamx', username: '' });
    const r = await s.client.invoke('registry.importDockerConfig');
    expect(r.source).toBe('credHelpers');
    expect(r.view).toMatchObject({ address: 'helper.example.com', username: 'helper-user', hasPassword: true });
    expect(dataFilesText(s.dir)).not.toContain(SECRET);
  });

  it('falls back to credsStore for an auths entry without credentials', async () => {
    const env = dockerConfig({ auths: { 'https://helper.example.com': {} }, credsStore: 'fd-test-double' });
    const r = await unitRegistryServices(env).client.invoke('registry.importDockerConfig', { address: 'helper.example.com' });
    expect(r.source).toBe('credsStore');
    expect(r.view.username).toBe('helper-user');
  });

  it('says so when the helper has nothing for the registry', async () => {
    const env = dockerConfig({ auths: { 'nothere.example.com': {} }, credsStore: 'fd-test-double' });
    await expect(unitRegistryServices(env).client.invoke('registry.importDockerConfig')).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('docker-credential-fd-test-double has no credentials for nothere.example.com') as string,
    });
  });

  it('names a helper that is not installed', async () => {
    const env = dockerConfig({ credHelpers: { 'reg.example.com': 'fd-missing-helper' } });
    await expect(unitRegistryServices(env).client.invoke('registry.importDockerConfig')).rejects.toMatchObject({
      code: 'tool-missing',
      message: 'The credential helper docker-credential-fd-missing-helper is not on PATH',
    });
  });

  it('asks which registry when the file has several and none is saved', async () => {
    const env = dockerConfig({ auths: { 'a.example.com': {}, 'b.example.com': {} } });
    await expect(unitRegistryServices(env).client.invoke('registry.importDockerConfig')).rejects.toMatchObject({
      code: 'invalid-input',
      message: 'The Docker config has credentials for 2 registries: a.example.com, b.example.com',
    });
  });

  it('says where it looked when there is no config', async () => {
    await expect(
      unitRegistryServices({ DOCKER_CONFIG: '/nonexistent-dir' }).client.invoke('registry.importDockerConfig'),
    ).rejects.toMatchObject({
      code: 'not-found',
      message: 'There is no Docker config at /nonexistent-dir/config.json',
    });
  });
});
