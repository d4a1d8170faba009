// An informer that runs for days must outlive a failing API server: a failed list is reported as a mapped error and
// the informer lists again after a back-off on the services' scheduler (a manual clock here, so no sleeping).
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../../shared/errors';
import { KubeClients } from '../../../electron/services/kube';
import { silentLogger } from '../../../electron/services/ports';
import { ManualClock } from '../../helpers/manual-clock';
import { ApiServerTestDouble, json, scratchDir, writeKubeconfig } from './api-server-test-double';

let api: ApiServerTestDouble;
const clock = new ManualClock();
const clients = new KubeClients({ env: {}, addedFiles: () => [], scheduler: clock, logger: silentLogger });
const watches: ServerResponse[] = [];
let failLists = 0;

beforeAll(async () => {
  api = await ApiServerTestDouble.start();
  api.handler = (req, res) => {
    if (req.query.get('watch') === 'true') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('');
      watches.push(res);
      return;
    }
    if (failLists > 0) {
      failLists--;
      return json(res, 503, { kind: 'Status', code: 503, message: 'etcdserver: leader changed (test double)' });
    }
    json(res, 200, {
      kind: 'ConfigMapList',
      apiVersion: 'v1',
      metadata: { resourceVersion: '10' },
      items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'ns', resourceVersion: '9' } }],
    });
  };
});
afterAll(async () => {
  await clients.close();
  await api.close();
});

describe('informer', () => {
  it('reports a failed list (mapped) and lists again after a back-off, then watches from the listed version', async () => {
    const client = await clients.for('test', {
      kubeconfig: writeKubeconfig(join(scratchDir(), 'inf.kubeconfig'), api.url, { token: 't' }),
    });
    failLists = 2;
    const errors: AppError[] = [];
    const inf = client.informer<{ metadata: { name: string } }>('/api/v1/namespaces/ns/configmaps', { labelSelector: 'app=flink' });
    inf.on('error', (e) => errors.push(e));
    await inf.start();
    expect(errors.map((e) => e.code)).toEqual(['unreachable']);
    expect(errors[0]?.message).toContain('leader changed');
    expect(inf.list()).toEqual([]);

    await clock.advance(999);
    expect(api.requests.length).toBe(1);
    await clock.advance(1);
    await expect.poll(() => errors.length).toBe(2);
    // The second pause is twice the first.
    await clock.advance(1999);
    expect(api.requests.length).toBe(2);
    await clock.advance(1);
    await expect.poll(() => inf.list().map((o) => o.metadata.name)).toEqual(['a']);
    await expect.poll(() => watches.length).toBe(1);
    const watch = api.requests.at(-1)!;
    expect(Object.fromEntries(watch.query)).toMatchObject({
      watch: 'true',
      resourceVersion: '10',
      labelSelector: 'app=flink',
      allowWatchBookmarks: 'true',
    });
    expect(api.requests.filter((r) => r.query.get('watch') !== 'true').every((r) => r.query.get('labelSelector') === 'app=flink')).toBe(
      true,
    );

    await inf.close();
    expect(clock.pending).toBe(0);
  });
});
