// The access service: a REST URL given is called as it is (no proxy between, one for the Web UI on request), a
// cluster on Kubernetes gets one local proxy kept across a change of mode, released when asked and closed with the
// services (the lifecycle). The ways are a test double (named so) that opens upstreams to a stand-in JobManager on
// 127.0.0.1.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessWay, TrackedEntry } from '../../../shared/contracts/tracking';
import { AccessService } from '../../../electron/services/access';
import type { WayOpener } from '../../../electron/services/access/route';
import { HttpUpstream } from '../../../electron/services/access/upstream';
import { silentLogger } from '../../../electron/services/ports';
import { Lifecycle } from '../../../electron/services/runtime/lifecycle';

let jm: Server;
let jmUrl: string;
beforeAll(async () => {
  jm = createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path: req.url })));
  await new Promise<void>((r) => jm.listen(0, '127.0.0.1', r));
  jmUrl = `http://127.0.0.1:${(jm.address() as AddressInfo).port}`;
});
afterAll(async () => {
  jm.closeAllConnections();
  await new Promise<void>((r) => jm.close(() => r()));
});

/** Ways that all lead to the stand-in JobManager, recording which were opened. */
const waysDouble = (opened: AccessWay[]): WayOpener => ({
  service: () => Promise.resolve({ name: 'orders-rest', namespace: 'flink', type: 'ClusterIP', port: { name: 'rest', port: 8081 } }),
  open: (way) => {
    opened.push(way);
    return Promise.resolve(new HttpUpstream(way, `${way} (test double)`, jmUrl));
  },
});

const kubeEntry = (over: Partial<TrackedEntry> = {}): TrackedEntry => ({
  id: 'kube:dev/flink/orders',
  ref: { kind: 'kube', context: 'dev', namespace: 'flink', clusterId: 'orders' },
  mode: 'application',
  origin: 'user',
  addedAt: 0,
  jobs: [],
  ...over,
});

const signal = () => new AbortController().signal;
const noKube = { for: () => Promise.reject(new Error('no Kubernetes in this test')) };

describe('the access service', () => {
  it('a REST URL given is used as it is: no local proxy for the tracker; one for the Web UI when asked', async () => {
    const access = new AccessService({ kube: noKube, logger: silentLogger });
    const rest: TrackedEntry = { ...kubeEntry(), id: `rest:${jmUrl}`, ref: { kind: 'rest', restUrl: jmUrl } };
    expect(await access.resolve(rest, signal())).toEqual({ restUrl: jmUrl, via: 'REST URL', way: 'rest-url' });
    const given = kubeEntry({ ref: { kind: 'kube', context: 'dev', namespace: 'flink', clusterId: 'orders', restUrl: jmUrl } });
    expect(await access.resolve(given, signal())).toEqual({ restUrl: jmUrl, via: 'REST URL given', way: 'rest-url' });
    expect(access.view(given)).toEqual({ mode: 'auto', way: 'rest-url', via: 'REST URL given', restUrl: jmUrl });
    expect(access.size).toBe(0);
    const ui = await access.proxyUrl(rest);
    expect(ui).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${ui}/#/overview`)).json()).toEqual({ path: '/' });
    await access.close();
    await expect(fetch(`${ui}/`)).rejects.toThrow();
  });

  it('a cluster on Kubernetes: one proxy, kept when the mode changes (the way is chosen again behind it)', async () => {
    const opened: AccessWay[] = [];
    const access = new AccessService({ kube: noKube, logger: silentLogger, waysOf: () => waysDouble(opened) });
    const e = kubeEntry();
    const first = await access.resolve(e, signal());
    expect(first).toMatchObject({ way: 'port-forward', via: 'port-forward (test double)' });
    expect(await (await fetch(`${first.restUrl}/jobs/overview`)).json()).toEqual({ path: '/jobs/overview' });
    const pinned = await access.resolve({ ...e, access: 'service-proxy' }, signal());
    expect(pinned).toMatchObject({ way: 'service-proxy', restUrl: first.restUrl });
    expect(opened).toEqual(['port-forward', 'service-proxy']);
    expect(access.view({ ...e, access: 'service-proxy' })).toEqual({
      mode: 'service-proxy',
      way: 'service-proxy',
      via: 'service-proxy (test double)',
      restUrl: first.restUrl,
    });
    await access.release(e.id);
    await expect(fetch(`${first.restUrl}/`)).rejects.toThrow();
    expect(access.view(e)).toEqual({ mode: 'auto', via: 'not reached yet' });
    await access.close();
  });

  it('closed with the services: the lifecycle stops it, its proxies with it', async () => {
    const lifecycle = new Lifecycle(silentLogger);
    const access = new AccessService({ kube: noKube, logger: silentLogger, lifecycle, waysOf: () => waysDouble([]) });
    expect(lifecycle.names()).toContain('access: local proxies and port-forwards');
    await lifecycle.start();
    const { restUrl } = await access.resolve(kubeEntry(), signal());
    expect((await fetch(`${restUrl}/overview`)).status).toBe(200);
    await lifecycle.stop();
    await expect(fetch(`${restUrl}/overview`)).rejects.toThrow();
    await expect(access.resolve(kubeEntry(), signal())).rejects.toMatchObject({ code: 'cancelled' });
  });
});
