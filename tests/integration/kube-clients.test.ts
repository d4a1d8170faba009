// The Kubernetes client layer against the bench's real control plane: server-side apply (dry run, no-op re-apply,
// conflicts with another field manager), a watch and an informer that see ConfigMaps come and go, and a watch the
// RBAC of the limited user refuses, mapped. Through the services' own KubeClients (context.kube).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../electron/services/kube';
import type { AppError } from '../../shared/errors';
import { useBench } from '../fixtures/use-bench';
import { testServices, type TestServices } from '../helpers/test-services';
import { adminClient, closeAdmin, deleteNamespace, freshNamespace, scratch, type KubeBench } from './kube-helpers';

let kube: KubeBench;
let s: TestServices;
const ns = freshNamespace('clients');

interface ConfigMap extends Manifest {
  data?: Record<string, string>;
  metadata: Manifest['metadata'] & { resourceVersion?: string; managedFields?: { manager: string; operation: string }[] };
}

const configMap = (name: string, data: Record<string, string>): ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: ns, labels: { 'app.kubernetes.io/managed-by': 'flink-desk' } },
  data,
});

const admin = () => s.context.kube.for(kube.contexts.admin);

beforeAll(async () => {
  kube = await useBench<KubeBench>('kube');
  s = testServices(undefined, 'cli', { env: { KUBECONFIG: kube.kubeconfig, HOME: scratch } });
  await s.start();
  await (
    await adminClient(kube)
  ).expect('POST', '/api/v1/namespaces', 'create the test namespace', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: ns },
  });
});

afterAll(async () => {
  await s?.stop();
  if (kube) await deleteNamespace(kube, ns);
  await closeAdmin();
});

describe('server-side apply (real kube-apiserver)', () => {
  it('a dry run stores nothing; apply creates; applying again changes nothing; a change updates', async () => {
    const client = await admin();
    const cm = configMap('ssa', { 'flink-conf.yaml': 'parallelism.default: 2\n' });
    const dry = await client.apply<ConfigMap>(cm, { dryRun: true });
    expect(dry).toMatchObject({ created: true, object: { data: cm.data } });
    expect((await client.request('GET', `/api/v1/namespaces/${ns}/configmaps/ssa`)).status).toBe(404);

    const first = await client.apply<ConfigMap>(cm);
    expect(first.created).toBe(true);
    expect(first.object.metadata.managedFields).toContainEqual(expect.objectContaining({ manager: 'flink-desk', operation: 'Apply' }));
    const again = await client.apply<ConfigMap>(cm);
    expect(again.created).toBe(false);
    expect(again.object.metadata.resourceVersion).toBe(first.object.metadata.resourceVersion);

    const changed = await client.apply<ConfigMap>(configMap('ssa', { 'flink-conf.yaml': 'parallelism.default: 4\n' }));
    expect(changed.object.metadata.resourceVersion).not.toBe(first.object.metadata.resourceVersion);
    expect(changed.object.data).toEqual({ 'flink-conf.yaml': 'parallelism.default: 4\n' });
  });

  it('a field another manager owns is a mapped conflict; force takes it over', async () => {
    const client = await admin();
    const path = `/api/v1/namespaces/${ns}/configmaps/shared`;
    // Someone else (as kubectl would, with its own field manager) creates it.
    await client.expect('POST', `/api/v1/namespaces/${ns}/configmaps`, 'create the ConfigMap', configMap('shared', { owner: 'kubectl' }), {
      query: { fieldManager: 'kubectl-create' },
    });
    await expect(client.apply(configMap('shared', { owner: 'flink-desk' }))).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('kubectl-create'),
      hint: expect.any(String),
    });
    const forced = await client.apply<ConfigMap>(configMap('shared', { owner: 'flink-desk' }), { force: true });
    expect(forced.object.data).toEqual({ owner: 'flink-desk' });
    expect(((await client.expect<ConfigMap>('GET', path, 'read it')).data ?? {}).owner).toBe('flink-desk');
  });
});

describe('watch and informer (real kube-apiserver)', () => {
  it('a watch sees a ConfigMap created, and ends cleanly when closed', async () => {
    const client = await admin();
    const seen: string[] = [];
    const watching = await client.watch<ConfigMap>(`/api/v1/namespaces/${ns}/configmaps`, (type, obj) =>
      seen.push(`${type} ${obj.metadata.name}`),
    );
    await client.apply(configMap('watched', { a: '1' }));
    await expect.poll(() => seen, { timeout: 10_000 }).toContain('ADDED watched');
    await watching.close();
    await expect(watching.ended).resolves.toBeUndefined();
  });

  it('an informer lists what is there, then follows adds and deletes', async () => {
    const client = await admin();
    await client.apply(configMap('before-start', { a: '1' }));
    const inf = client.informer<ConfigMap>(`/api/v1/namespaces/${ns}/configmaps`, {
      labelSelector: 'app.kubernetes.io/managed-by=flink-desk',
    });
    const deleted: string[] = [];
    inf.on('delete', (o) => deleted.push(o.metadata.name));
    await inf.start();
    expect(inf.list(ns).map((o) => o.metadata.name)).toContain('before-start');
    await client.apply(configMap('after-start', { a: '1' }));
    await expect.poll(() => inf.get('after-start', ns)?.data, { timeout: 10_000 }).toEqual({ a: '1' });
    await client.expect('DELETE', `/api/v1/namespaces/${ns}/configmaps/after-start`, 'delete it');
    await expect.poll(() => deleted, { timeout: 10_000 }).toEqual(['after-start']);
    await inf.close();
  });

  it('a watch the RBAC refuses ends with a mapped forbidden error', async () => {
    const limited = await s.context.kube.for(kube.contexts.limited);
    const watching = await limited.watch('/api/v1/namespaces/default/configmaps', () => undefined);
    const error = (await watching.ended) as AppError;
    expect(error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('watch /api/v1/namespaces/default/configmaps') });
    expect(error.hint).toBeTruthy();
  });
});
