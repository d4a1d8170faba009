// Server-side apply on the wire: PATCH to the path API discovery gives, application/apply-patch+yaml, the manifest as
// the body, fieldManager=flink-desk, force and dryRun=All only when asked; 201 means created; a conflict is mapped.
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KubeClients, type KubeClient, type Manifest } from '../../../electron/services/kube';
import { silentLogger, systemScheduler } from '../../../electron/services/ports';
import { ApiServerTestDouble, json, scratchDir, writeKubeconfig } from './api-server-test-double';

let api: ApiServerTestDouble;
let client: KubeClient;
const clients = new KubeClients({ env: {}, addedFiles: () => [], scheduler: systemScheduler, logger: silentLogger });
const existing = new Set<string>();

const configMap: Manifest = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'flink-config', namespace: 'flink-dev' },
  data: { 'config.yaml': 'parallelism.default: 2\n' },
};

beforeAll(async () => {
  api = await ApiServerTestDouble.start();
  api.handler = (req, res) => {
    if (req.method === 'GET' && req.path === '/api/v1') {
      return json(res, 200, {
        kind: 'APIResourceList',
        groupVersion: 'v1',
        resources: [
          { name: 'configmaps', kind: 'ConfigMap', namespaced: true },
          { name: 'namespaces', kind: 'Namespace', namespaced: false },
          { name: 'pods', kind: 'Pod', namespaced: true },
          { name: 'pods/log', kind: 'Pod', namespaced: true },
        ],
      });
    }
    if (req.method === 'GET' && req.path === '/apis/example.dev/v1') return json(res, 404, { kind: 'Status', code: 404 });
    if (req.method === 'PATCH') {
      if (req.query.get('force') !== 'true' && req.path.endsWith('/owned-by-kubectl')) {
        return json(res, 409, {
          kind: 'Status',
          code: 409,
          message: 'Apply failed with 1 conflict: conflict with "kubectl-edit": .data.x',
        });
      }
      const body = JSON.parse(req.body) as Manifest;
      const created = !existing.has(req.path);
      if (req.query.get('dryRun') !== 'All') existing.add(req.path);
      return json(res, created ? 201 : 200, { ...body, metadata: { ...body.metadata, resourceVersion: '7' } });
    }
    json(res, 404, { kind: 'Status', code: 404 });
  };
  const file = writeKubeconfig(join(scratchDir(), 'ssa.kubeconfig'), api.url, { token: 't' });
  client = await clients.for('test', { kubeconfig: file });
});
afterAll(async () => {
  await clients.close();
  await api.close();
});
beforeEach(() => {
  api.requests.length = 0;
});

describe('server-side apply', () => {
  it('PATCHes the discovered path as application/apply-patch+yaml with fieldManager flink-desk', async () => {
    const r = await client.apply(configMap);
    expect(r.created).toBe(true);
    expect(r.object).toMatchObject({ metadata: { name: 'flink-config', resourceVersion: '7' } });
    const patch = api.requests.find((x) => x.method === 'PATCH')!;
    expect(patch.path).toBe('/api/v1/namespaces/flink-dev/configmaps/flink-config');
    expect(patch.headers['content-type']).toBe('application/apply-patch+yaml');
    expect([...patch.query.entries()]).toEqual([['fieldManager', 'flink-desk']]);
    expect(JSON.parse(patch.body)).toEqual(configMap);

    const again = await client.apply(configMap);
    expect(again.created).toBe(false);
    // Discovery is asked once per apiVersion and client.
    expect(api.requests.filter((x) => x.path === '/api/v1').length).toBe(1);
  });

  it('force and dryRun=All only when asked; a dry run reports what would be created', async () => {
    const dry = { ...configMap, metadata: { name: 'dry', namespace: 'flink-dev' } };
    expect((await client.apply(dry, { dryRun: true, force: true })).created).toBe(true);
    const patch = api.requests.find((x) => x.method === 'PATCH')!;
    expect(Object.fromEntries(patch.query)).toEqual({ fieldManager: 'flink-desk', force: 'true', dryRun: 'All' });
    // Nothing was stored: the real apply still creates it.
    expect((await client.apply(dry)).created).toBe(true);
  });

  it('a cluster-scoped kind has no namespace in its path', async () => {
    await client.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'flink-prod' } });
    expect(api.requests.find((x) => x.method === 'PATCH')?.path).toBe('/api/v1/namespaces/flink-prod');
  });

  it('a conflict with another field manager is a mapped conflict error; an unknown kind or apiVersion is named', async () => {
    const owned = { ...configMap, metadata: { name: 'owned-by-kubectl', namespace: 'flink-dev' } };
    await expect(client.apply(owned)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('kubectl-edit') });
    await expect(client.apply(owned, { force: true })).resolves.toMatchObject({ created: true });
    await expect(client.apply({ ...configMap, kind: 'Nothing' })).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('no kind Nothing in v1'),
    });
    await expect(client.apply({ ...configMap, apiVersion: 'example.dev/v1', kind: 'FlinkThing' })).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('does not serve example.dev/v1'),
    });
  });
});
