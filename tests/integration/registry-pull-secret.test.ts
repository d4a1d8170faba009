// The image pull secret against the bench's real kube-apiserver: created in flink-dev with the limited user (RBAC
// "edit" there), updated on a second call, and it decodes to the right `auths` entry. Also through the built CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { useBench } from '../fixtures/use-bench.ts';
import { allFilesText, registryServices, type RegistryTestServices } from './registry-helpers';
import { repoDir } from '../helpers/serve-host';

interface KubeBench {
  kubeconfig: string;
  contexts: { admin: string; limited: string; cert: string };
  limitedNamespace: string;
}

const PASSWORD = 'Pull-Secret-Pw-31415';
let kube: KubeBench;
let s: RegistryTestServices;
let admin: CoreV1Api;
const names: string[] = [];

beforeAll(async () => {
  kube = await useBench<KubeBench>('kube');
  s = registryServices({ KUBECONFIG: kube.kubeconfig });
  const kc = new KubeConfig();
  kc.loadFromFile(kube.kubeconfig);
  kc.setCurrentContext(kube.contexts.admin);
  admin = kc.makeApiClient(CoreV1Api);
});
afterAll(async () => {
  for (const name of names) await admin?.deleteNamespacedSecret({ name, namespace: kube.limitedNamespace }).catch(() => undefined);
  if (s) rmSync(s.home, { recursive: true, force: true });
});

async function decoded(name: string) {
  const secret = await admin.readNamespacedSecret({ name, namespace: kube.limitedNamespace });
  expect(secret.type).toBe('kubernetes.io/dockerconfigjson');
  return JSON.parse(Buffer.from(secret.data!['.dockerconfigjson']!, 'base64').toString('utf8')) as {
    auths: Record<string, { username: string; password: string; auth: string }>;
  };
}

describe('image pull secret (real kube-apiserver)', () => {
  it('creates the secret in flink-dev as the limited user, and it decodes to the right auths entry', async () => {
    await s.client.invoke('registry.save', {
      address: 'registry.example.com:5000/team',
      namespace: 'streamx',
      username: 'robot',
      password: PASSWORD,
    });
    const name = `fd-pull-${Date.now().toString(36)}`;
    names.push(name);
    const r = await s.client.invoke('registry.pullSecret', { context: kube.contexts.limited, namespace: kube.limitedNamespace, name });
    expect(r).toMatchObject({
      action: 'created',
      name,
      namespace: 'flink-dev',
      flinkOption: `kubernetes.container.image.pull-secrets: ${name}`,
    });
    const cfg = await decoded(name);
    expect(Object.keys(cfg.auths)).toEqual(['registry.example.com:5000']);
    expect(cfg.auths['registry.example.com:5000']).toEqual({
      username: 'robot',
      password: PASSWORD,
      auth: Buffer.from(`robot:${PASSWORD}`).toString('base64'),
    });
    expect(JSON.stringify(r)).not.toContain(PASSWORD);

    // A second call with a new password updates it in place.
    await s.client.invoke('registry.save', {
      address: 'registry.example.com:5000/team',
      namespace: 'streamx',
      username: 'robot',
      password: `${PASSWORD}-2`,
    });
    expect(
      (await s.client.invoke('registry.pullSecret', { context: kube.contexts.limited, namespace: kube.limitedNamespace, name })).action,
    ).toBe('updated');
    expect((await decoded(name)).auths['registry.example.com:5000']?.password).toBe(`${PASSWORD}-2`);
    expect((await s.client.invoke('registry.get')).pullSecrets).toEqual([
      expect.objectContaining({ context: kube.contexts.limited, namespace: 'flink-dev', name }),
    ]);
    expect(allFilesText(s.home)).not.toContain(PASSWORD);
    expect(s.logLines.join('\n')).not.toContain(PASSWORD);
  });

  it('the limited user may not write Secrets elsewhere: forbidden, with a hint', async () => {
    await expect(s.client.invoke('registry.pullSecret', { context: kube.contexts.limited, namespace: 'default' })).rejects.toMatchObject({
      code: 'forbidden',
      message: `The kubeconfig user may not write Secrets in default (context ${kube.contexts.limited})`,
    });
  });

  it('an unknown context is named, with the contexts that exist', async () => {
    await expect(s.client.invoke('registry.pullSecret', { context: 'nope', namespace: 'flink-dev' })).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining("No context named 'nope'") as string,
      hint: expect.stringContaining(kube.contexts.limited) as string,
    });
  });

  it('the built CLI creates it too (--kubeconfig), and prints no password', () => {
    const name = `fd-pull-cli-${Date.now().toString(36)}`;
    names.push(name);
    const env = { ...process.env, FLINK_DESK_HOME: s.home };
    const r = spawnSync(
      process.execPath,
      [
        join(repoDir, 'electron', 'cli', 'flink-desk.mjs'),
        'registry',
        'pull-secret',
        '--context',
        kube.contexts.limited,
        '--namespace',
        'flink-dev',
        '--name',
        name,
        '--kubeconfig',
        kube.kubeconfig,
      ],
      { env, encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Secret ${name} created in flink-dev (context ${kube.contexts.limited})`);
    expect(r.stdout + r.stderr).not.toContain(PASSWORD);
  });
});
