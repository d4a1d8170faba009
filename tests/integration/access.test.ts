// The access layer against the bench: the real API server (kwok's kubelet serving pods/portforward to 127.0.0.1)
// and the real Flink 1.20 session cluster of the `flink` part standing behind a JobManager pod of its own Deployment
// (labels as Flink's client sets them). Each way reaches that real Flink: direct by a LoadBalancer's ingress and by a
// NodePort on the node's InternalIP (127.0.0.1, where a relay stands in for kube-proxy — a test double, named so), a
// port-forward through the API server, with fallback from a NodePort nobody serves; the local proxy follows its
// upstream changing and the JobManager pod being replaced; the service proxy is exercised against the real API
// server on a rest Service without a selector, so the API server has no endpoint to dial and answers itself
// (nothing is dialled: the egress guard saw no new connection); the tracker polls the cluster through its proxy.
// Traffic goes to 127.0.0.1 only; the pods' fake 10.244.x addresses are never used.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrackedEntry } from '../../shared/contracts/tracking';
import { AccessService } from '../../electron/services/access';
import { FlinkRestClient } from '../../electron/services/flink/rest-client';
import { KubeClients, type KubeClient } from '../../electron/services/kube';
import { silentLogger, systemScheduler } from '../../electron/services/ports';
import type { KubeOutput } from '../fixtures/kube/part.ts';
import { useBench } from '../fixtures/use-bench.ts';
import { KubeConfig } from '@kubernetes/client-node';
import {
  createClusterPortForward,
  createPodPortForward,
  egressDecisions,
  forwardLocalPort,
  type Disposer,
} from '../helpers/kwok-kubelet.ts';
import { RecordingSink, testServices } from '../helpers/test-services';
import { adminClient, closeAdmin, freshNamespace } from './kube-helpers';

interface FlinkBench {
  rest: string;
  flinkVersion: string;
}
interface ExampleJob {
  jar: string;
}

let kube: KubeOutput;
let flink: FlinkBench;
let job: ExampleJob;
let admin: KubeClient;
let flinkPort: number;
let egressBefore = 0;
const ns = freshNamespace('access');
const nsRestart = freshNamespace('access-restart');
const disposers: Disposer[] = [];
const clients = new KubeClients({ env: {}, addedFiles: () => [], scheduler: systemScheduler, logger: silentLogger });

/** Polls `probe` every 200 ms until it gives a value (a state the API server reaches), for at most `ms`. */
async function until<T>(what: string, ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface PodList {
  items: { metadata: { name: string; deletionTimestamp?: string }; status?: { phase?: string } }[];
}

interface In {
  ns: string;
}
const here: In = { ns };

/** The admin's KubeConfig, for the kwok helpers' own port-forward. */
function kc(): KubeConfig {
  const c = new KubeConfig();
  c.loadFromFile(kube.kubeconfig);
  c.setCurrentContext(kube.contexts.admin);
  return c;
}

const jmPods = async (id: string, where: In = here) =>
  (
    await admin.expect<PodList>('GET', `/api/v1/namespaces/${where.ns}/pods`, 'list pods', undefined, {
      query: { labelSelector: `app=${id},component=jobmanager` },
    })
  ).items.filter((p) => !p.metadata.deletionTimestamp);

const runningPod = (id: string, not?: string, where: In = here) =>
  until(
    `a running JobManager pod of ${id}`,
    60_000,
    async () => (await jmPods(id, where)).find((p) => p.status?.phase === 'Running' && p.metadata.name !== not)?.metadata.name,
  );

/** A JobManager Deployment as Flink's client makes it (labels, main container, the rest port); kwok runs its pod. */
async function jobManager(id: string, where: In = here): Promise<string> {
  const labels = { app: id, component: 'jobmanager', type: 'flink-native-kubernetes' };
  await admin.expect('POST', `/apis/apps/v1/namespaces/${where.ns}/deployments`, 'create the JobManager Deployment', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: id, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'flink-main-container',
              image: 'registry.invalid/flink-desk/never-pulled:1',
              args: ['bash', '-c', 'kubernetes-jobmanager.sh kubernetes-session'],
              ports: [{ name: 'rest', containerPort: 8081 }],
            },
          ],
        },
      },
    },
  });
  return runningPod(id, undefined, where);
}

/** The rest Service, without a selector: it has no endpoints, so the API server's service proxy dials nothing. */
async function restService(id: string, spec: { type: string; port?: number; nodePort?: number }): Promise<void> {
  await admin.expect('POST', `/api/v1/namespaces/${ns}/services`, 'create the rest Service', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: `${id}-rest`, labels: { app: id, type: 'flink-native-kubernetes' } },
    spec: {
      type: spec.type,
      ports: [{ name: 'rest', port: spec.port ?? 8081, targetPort: 8081, ...(spec.nodePort ? { nodePort: spec.nodePort } : {}) }],
    },
  });
}

async function loadBalancerAt(id: string, ip: string): Promise<void> {
  await admin.expect(
    'PATCH',
    `/api/v1/namespaces/${ns}/services/${id}-rest/status`,
    'set the LoadBalancer ingress',
    { status: { loadBalancer: { ingress: [{ ip }] } } },
    { contentType: 'application/merge-patch+json' },
  );
}

/** A TCP relay on 127.0.0.1 to the Flink fixture: a test double of kube-proxy for a NodePort or a LoadBalancer. */
async function relay(port = 0): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    const up = connect(flinkPort, '127.0.0.1');
    sockets.add(s).add(up);
    s.pipe(up).pipe(s);
    const end = () => (s.destroy(), up.destroy());
    s.on('error', end).on('close', end);
    up.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const r = {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  disposers.push(r.close);
  return r;
}

/** A node port (30000–32767) that is free on 127.0.0.1 now. */
async function freeNodePort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = 30000 + Math.floor(Math.random() * 2768);
    const ok = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (ok) return port;
  }
  throw new Error('no free node port on 127.0.0.1');
}

const entry = (id: string, access?: TrackedEntry['access'], context = kube.contexts.admin, namespace = ns): TrackedEntry => ({
  id: `kube:${context}/${namespace}/${id}`,
  ref: { kind: 'kube', context, namespace, clusterId: id, kubeconfig: kube.kubeconfig },
  mode: 'session',
  origin: 'user',
  ...(access ? { access } : {}),
  addedAt: 0,
  jobs: [],
});

const signal = () => AbortSignal.timeout(60_000);

async function get(url: string): Promise<{ status: number; body: string }> {
  const r = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  return { status: r.status, body: await r.text() };
}

/** What the Flink fixture itself says (no proxy): the reference each way's answer is compared with. */
const flinkSays = async (path: string) => (await get(`${flink.rest}${path}`)).body;

/**
 * The jobs of an answer to /jobs/overview, by id (other tests' jobs run on the shared fixture meanwhile, so whole
 * answers differ in their durations; the jobs that had ended before are in both).
 */
const endedJobs = (body: string) =>
  (JSON.parse(body) as { jobs: { jid: string; state: string }[] }).jobs
    .filter((j) => ['FINISHED', 'FAILED', 'CANCELED'].includes(j.state))
    .map((j) => j.jid);

/** The answer came from the Flink fixture: its configuration, and every job that had ended before, are Flink's. */
async function fromFlink(restUrl: string): Promise<void> {
  const before = endedJobs(await flinkSays('/jobs/overview'));
  const r = await get(`${restUrl}/jobs/overview`);
  expect(r.status).toBe(200);
  expect(endedJobs(r.body)).toEqual(expect.arrayContaining(before));
  expect((await get(`${restUrl}/config`)).body).toBe(await flinkSays('/config'));
}

beforeAll(async () => {
  kube = await useBench<KubeOutput>('kube');
  flink = await useBench<FlinkBench>('flink');
  job = await useBench<ExampleJob>('example-job');
  flinkPort = Number(new URL(flink.rest).port);
  admin = await adminClient(kube);
  egressBefore = egressDecisions(kube).length;
  await admin.expect('POST', '/api/v1/namespaces', 'create the namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  // Every pod port of this namespace forwards to the Flink fixture on 127.0.0.1.
  disposers.push(await createClusterPortForward(kube, { name: `${ns}-flink`, namespaces: [ns], targetPort: flinkPort }));
});

afterAll(async () => {
  for (const d of disposers.reverse()) await d().catch(() => undefined);
  await clients.close();
  await admin?.request('DELETE', `/api/v1/namespaces/${ns}`);
  await closeAdmin();
});

describe('access to a cluster on the bench', () => {
  it('direct: a LoadBalancer’s ingress and port, as Flink computes them, reach the real Flink', async () => {
    const lb = await relay();
    await restService('lb', { type: 'LoadBalancer', port: lb.port });
    await loadBalancerAt('lb', '127.0.0.1');
    const access = new AccessService({ kube: clients, logger: silentLogger });
    try {
      const e = entry('lb');
      const endpoint = await access.resolve(e, signal());
      expect(endpoint).toMatchObject({ way: 'direct', via: `LoadBalancer 127.0.0.1:${lb.port}` });
      const config = JSON.parse((await get(`${endpoint.restUrl}/config`)).body) as { 'flink-version': string };
      expect(config['flink-version']).toBe(flink.flinkVersion);
      await fromFlink(endpoint.restUrl);
      expect(access.view(e)).toEqual({ mode: 'auto', way: 'direct', via: `LoadBalancer 127.0.0.1:${lb.port}`, restUrl: endpoint.restUrl });
    } finally {
      await access.close();
    }
  });

  it('direct: a NodePort at the node’s InternalIP reaches the real Flink (a relay stands in for kube-proxy)', async () => {
    const nodePort = await freeNodePort();
    await relay(nodePort);
    await restService('np', { type: 'NodePort', nodePort });
    const access = new AccessService({ kube: clients, logger: silentLogger });
    try {
      const endpoint = await access.resolve(entry('np'), signal());
      expect(endpoint).toMatchObject({ way: 'direct', via: `NodePort 127.0.0.1:${nodePort}` });
      expect(JSON.parse((await get(`${endpoint.restUrl}/overview`)).body)).toMatchObject({ 'flink-version': flink.flinkVersion });
    } finally {
      await access.close();
    }
  });

  it('auto on a NodePort nobody serves: direct is refused, the same request goes by port-forward, and the view says both', async () => {
    const nodePort = await freeNodePort();
    await restService('fallback', { type: 'NodePort', nodePort });
    const pod = await jobManager('fallback');
    const access = new AccessService({ kube: clients, logger: silentLogger });
    try {
      const e = entry('fallback');
      const endpoint = await access.resolve(e, signal());
      expect(endpoint.way).toBe('direct');
      await fromFlink(endpoint.restUrl);
      expect(access.view(e)).toMatchObject({
        mode: 'auto',
        way: 'port-forward',
        via: expect.stringContaining(`port-forward to pod ${ns}/${pod} port 8081`),
        problem: `direct: 127.0.0.1:${nodePort} refused the connection`,
      });
    } finally {
      await access.close();
    }
  });

  it('port-forward through the real API server: any path, a jar upload streamed to Flink and deleted again, the way shown', async () => {
    await restService('pf', { type: 'ClusterIP' });
    const pod = await jobManager('pf');
    const access = new AccessService({ kube: clients, logger: silentLogger });
    try {
      const e = entry('pf');
      const endpoint = await access.resolve(e, signal());
      expect(endpoint.way).toBe('port-forward');
      expect(endpoint.via).toBe(`port-forward to pod ${ns}/${pod} port 8081 (API server ${kube.server})`);
      expect(endpoint.restUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await fromFlink(endpoint.restUrl);
      // The Web UI's own page comes the same way.
      const page = await get(`${endpoint.restUrl}/`);
      expect(page.status).toBe(200);
      expect(page.body).toMatch(/<html/i);
      // A multipart upload of the example job's jar: a streamed request body through the proxy and the forward.
      const client = new FlinkRestClient({ restUrl: endpoint.restUrl });
      const uploaded = await client.uploadJar(job.jar);
      expect((await client.listJars()).map((j) => j.id)).toContain(uploaded.jarId);
      await client.deleteJar(uploaded.jarId);
      expect((await client.listJars()).map((j) => j.id)).not.toContain(uploaded.jarId);
      expect(access.view(e)).toEqual({ mode: 'auto', way: 'port-forward', via: endpoint.via, restUrl: endpoint.restUrl });
    } finally {
      await access.close();
    }
  });

  it('the local proxy survives its upstream changing: a LoadBalancer moved to another port and its old address gone', async () => {
    const a = await relay();
    const b = await relay();
    await restService('moves', { type: 'LoadBalancer', port: a.port });
    await loadBalancerAt('moves', '127.0.0.1');
    const access = new AccessService({ kube: clients, logger: silentLogger });
    try {
      const e = entry('moves');
      const { restUrl } = await access.resolve(e, signal());
      expect((await get(`${restUrl}/overview`)).status).toBe(200);
      // The Service now points elsewhere and the old address is gone: the next request finds the new one itself.
      await admin.expect(
        'PATCH',
        `/api/v1/namespaces/${ns}/services/moves-rest`,
        'move the port',
        { spec: { ports: [{ name: 'rest', port: b.port, targetPort: 8081 }] } },
        { contentType: 'application/merge-patch+json' },
      );
      await a.close();
      expect((await get(`${restUrl}/overview`)).status).toBe(200);
      expect(access.view(e)).toMatchObject({ way: 'direct', via: `LoadBalancer 127.0.0.1:${b.port}`, restUrl });
    } finally {
      await access.close();
    }
  });

  it('the local proxy survives the JobManager pod replaced: the same address, the next request goes to the new pod', async () => {
    // Its own namespace, where each pod forwards to a relay of its own (kwok's per-pod rule): the pod's death ends its
    // connections, as a kubelet's would (kwok alone would keep a forward to a deleted pod open).
    await admin.expect('POST', '/api/v1/namespaces', 'create the namespace', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: nsRestart },
    });
    disposers.push(async () => void (await admin.request('DELETE', `/api/v1/namespaces/${nsRestart}`)));
    const inRestart = { ns: nsRestart };
    const first = await jobManager('restarts', inRestart);
    const a = await relay();
    const servedBy = async (pod: string) => {
      const fwd = await forwardLocalPort(kc(), nsRestart, pod, 8081);
      try {
        await until(`kwok forwarding ${pod}`, 30_000, async () =>
          (await get(`http://127.0.0.1:${fwd.port}/overview`)).status === 200 ? true : undefined,
        );
      } finally {
        await fwd.close();
      }
    };
    disposers.push(await createPodPortForward(kube, { namespace: nsRestart, pod: first, ports: [8081], targetPort: a.port }));
    await servedBy(first);
    const access = new AccessService({ kube: clients, logger: silentLogger });
    try {
      const e = entry('restarts', 'port-forward', kube.contexts.admin, nsRestart);
      const { restUrl, via } = await access.resolve(e, signal());
      expect(via).toContain(first);
      expect((await get(`${restUrl}/jobs/overview`)).status).toBe(200);
      // The pod goes (its ReplicaSet makes a new one) and with it its connections.
      await admin.expect('DELETE', `/api/v1/namespaces/${nsRestart}/pods/${first}`, 'delete the JobManager pod', { gracePeriodSeconds: 0 });
      await a.close();
      const second = await runningPod('restarts', first, inRestart);
      const b = await relay();
      disposers.push(await createPodPortForward(kube, { namespace: nsRestart, pod: second, ports: [8081], targetPort: b.port }));
      await servedBy(second);
      // The first request after the restart is answered: the proxy found the new pod itself.
      const after = await get(`${restUrl}/jobs/overview`);
      expect(after.status).toBe(200);
      await fromFlink(restUrl);
      expect(access.view(e)).toMatchObject({ mode: 'port-forward', way: 'port-forward', restUrl });
      expect(access.view(e).via).toContain(second);
    } finally {
      await access.close();
    }
  });

  it('service proxy: the real API server takes the token and the client-certificate user, and answers itself (no endpoints) — nothing is dialled', async () => {
    await restService('sp', { type: 'ClusterIP' });
    const before = egressDecisions(kube).length;
    const access = new AccessService({ kube: clients, logger: silentLogger });
    try {
      for (const context of [kube.contexts.admin, kube.contexts.cert]) {
        const e = entry('sp', 'service-proxy', context);
        const endpoint = await access.resolve(e, signal());
        expect(endpoint).toMatchObject({
          way: 'service-proxy',
          via: `service proxy of the API server ${kube.server} to ${ns}/sp-rest:rest`,
        });
        const r = await get(`${endpoint.restUrl}/jobs/overview`);
        expect(r.status).toBe(502);
        // A Service without endpoints: the API server finds nothing to proxy to and says so (404) without dialling.
        expect((JSON.parse(r.body) as { errors: string[] }).errors[0]).toBe(
          `No way to the REST endpoint of ${e.id} works (service proxy: the API server finds nothing to proxy to: services "sp-rest" not found — the Service has no endpoints, or is gone)`,
        );
      }
      // The limited user has no rights in this namespace: the way fails on reading the Service already.
      const limited = entry('sp', 'service-proxy', kube.contexts.limited);
      await expect(access.resolve(limited, signal())).rejects.toThrow(/service proxy: cannot read the rest Service: .*forbidden/i);
    } finally {
      await access.close();
    }
    expect(egressDecisions(kube).slice(before)).toEqual([]);
  });

  it('the tracker: the cluster reads as Flink reports it through its port-forward; untracked or stopped, its proxy is closed', async () => {
    await restService('tracked', { type: 'ClusterIP' });
    await jobManager('tracked');
    const s = testServices(new RecordingSink(), 'cli', {
      env: { KUBECONFIG: kube.kubeconfig, HOME: mkdtempSync(join(tmpdir(), 'fd-access-home-')) },
    });
    await s.start();
    try {
      const added = await s.client.invoke('tracking.add', { context: kube.contexts.admin, namespace: ns, clusterId: 'tracked' });
      const list = await s.client.invoke('tracking.list', { refresh: true });
      const c = list.clusters.find((x) => x.id === added.id)!;
      expect(c.state).toMatchObject({ state: 'RUNNING', source: 'flink' });
      expect(c.mode).toBe('session');
      expect(c.access).toMatchObject({ mode: 'auto', way: 'port-forward', restUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
      const restUrl = c.access!.restUrl!;
      expect((await get(`${restUrl}/overview`)).status).toBe(200);
      await s.client.invoke('tracking.remove', { id: added.id });
      await expect(fetch(`${restUrl}/overview`)).rejects.toThrow();

      // Tracked again, then the services stop: the proxy goes with them.
      await s.client.invoke('tracking.add', { context: kube.contexts.admin, namespace: ns, clusterId: 'tracked' });
      const again = (await s.client.invoke('tracking.list', { refresh: true })).clusters.find((x) => x.id === added.id)!;
      expect(again.access?.way).toBe('port-forward');
      await s.stop();
      await expect(fetch(`${again.access!.restUrl!}/overview`)).rejects.toThrow();
    } finally {
      await s.stop();
    }
    // Only 127.0.0.0/8 was ever dialled by the API server while these tests ran.
    for (const d of egressDecisions(kube).slice(egressBefore)) expect(d.target).toMatch(/^127\.\d+\.\d+\.\d+:\d+$/);
  });
});
