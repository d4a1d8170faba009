// kwok as the kube bench's kubelet: pods/log from CRI files (plain, tailLines, previous, follow) and
// pods/portforward to a server on 127.0.0.1, both through the real API server; label-selected kwok stages give real
// ImagePullBackOff, CrashLoopBackOff and OOMKilled container states; the egress guard the API server's cluster
// traffic goes through dials 127.0.0.0/8 only. Pod IPs are fake 10.244.x: nothing here connects to them.
import { createServer as createHttpServer, get, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, connect, type Server as TcpServer, type Socket } from 'node:net';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { get as httpsGet, type RequestOptions } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { useBench } from '../fixtures/use-bench.ts';
import type { KubeOutput } from '../fixtures/kube/part.ts';
import {
  createClusterLogs,
  createClusterPortForward,
  createPodLogs,
  createPodPortForward,
  egressDecisions,
  forwardLocalPort,
  mirrorAsCriLog,
  writeCriLog,
  type Disposer,
} from '../helpers/kwok-kubelet.ts';

let kube: KubeOutput;
let kc: KubeConfig;
let core: CoreV1Api;
const ns = `fd-kubelet-${randomBytes(3).toString('hex')}`;
const dir = mkdtempSync(join(tmpdir(), 'fd-kubelet-'));
const disposers: Disposer[] = [];

/** Poll `probe` every 250 ms until it returns a value, for at most `timeoutMs`; the last error is reported. */
async function eventually<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs / 1000}s: ${what}${last ? ` (last error: ${last instanceof Error ? last.message : JSON.stringify(last)})` : ''}`,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function createPod(
  name: string,
  extra: { labels?: Record<string, string>; annotations?: Record<string, string> } = {},
): Promise<V1Pod> {
  return core.createNamespacedPod({
    namespace: ns,
    body: {
      metadata: { name, labels: { app: name, ...extra.labels }, annotations: extra.annotations },
      spec: { containers: [{ name: 'main', image: 'registry.invalid/flink-desk/never-pulled:1' }] },
    },
  });
}

const podWhere = (name: string, what: string, test: (p: V1Pod) => boolean) =>
  eventually(`pod ${name}: ${what}`, 60_000, async () => {
    const p = await core.readNamespacedPod({ name, namespace: ns });
    return test(p) ? p : undefined;
  });

const running = (name: string) => podWhere(name, 'Running on the kwok node', (p) => p.status?.phase === 'Running' && !!p.spec?.nodeName);
const mainStatus = (p: V1Pod): V1ContainerStatus | undefined => p.status?.containerStatuses?.find((c) => c.name === 'main');

function httpGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path, timeout: 10_000 }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/** A tiny HTTP server on 127.0.0.1 that answers every request with `name` and the path. */
async function tinyServer(name: string): Promise<{ server: HttpServer; port: number }> {
  const server = createHttpServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ server: name, path: req.url }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, port: (server.address() as { port: number }).port };
}

/**
 * GET …/pods/NAME/log?QUERY as the admin, kept open (client-node's Log leaves its aborted stream's error unhandled).
 * `arrived(text)` resolves once the body so far contains `text`.
 */
async function followLog(pod: string, query: string) {
  const opts: RequestOptions = {};
  await kc.applyToHTTPSOptions(opts);
  let body = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  const settle = () => {
    for (const w of [...waiters]) {
      if (!body.includes(w.text)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  const req = httpsGet(`${kube.server}/api/v1/namespaces/${ns}/pods/${pod}/log?${query}`, opts);
  const failed = new Promise<never>((_, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      if (res.statusCode !== 200) reject(new Error(`log follow answered ${res.statusCode}`));
      res.on('data', (c: Buffer) => {
        body += c.toString();
        settle();
      });
      res.on('error', () => undefined);
      res.on('end', () => reject(new Error(`the follow stream ended; body so far ${JSON.stringify(body)}`)));
    });
  });
  failed.catch(() => undefined);
  return {
    text: () => body,
    arrived: (text: string) =>
      Promise.race([
        new Promise<void>((resolve) => {
          waiters.push({ text, resolve });
          settle();
        }),
        failed,
      ]),
    close: () => req.destroy(),
  };
}

/** Send one raw CONNECT to the egress guard's socket; resolves to the status line. */
function connectThroughGuard(target: string, then?: (socket: Socket) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ path: kube.egress.socket });
    let got = '';
    socket.on('error', reject);
    socket.on('connect', () => socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`));
    socket.on('data', function onData(c: Buffer) {
      got += c.toString('latin1');
      if (!got.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      const status = got.split('\r\n')[0]!;
      resolve(status);
      if (then) then(socket);
      else socket.destroy();
    });
    socket.on('end', () => {
      if (!got.includes('\r\n\r\n')) reject(new Error(`guard closed without an answer: ${JSON.stringify(got)}`));
    });
  });
}

beforeAll(async () => {
  kube = await useBench<KubeOutput>('kube');
  kc = new KubeConfig();
  kc.loadFromFile(kube.kubeconfig);
  kc.setCurrentContext(kube.contexts.admin);
  core = kc.makeApiClient(CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: ns } } });
  await eventually(`ServiceAccount ${ns}/default`, 60_000, async () =>
    core.readNamespacedServiceAccount({ name: 'default', namespace: ns }),
  );
});

afterAll(async () => {
  for (const d of disposers.reverse()) await d().catch(() => undefined);
  if (core) await core.deleteNamespace({ name: ns }).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('kube bench: kwok serves as the kubelet', () => {
  it('points the node at kwok on 127.0.0.1 and describes the guard', async () => {
    expect(kube.kubelet.address).toBe('127.0.0.1');
    expect(kube.egress.socket).toMatch(/egress\.sock$/);
    const node = (await core.listNode({ labelSelector: 'type=kwok' })).items[0]!;
    expect(node.status?.addresses).toContainEqual({ type: 'InternalIP', address: '127.0.0.1' });
    expect(node.status?.daemonEndpoints?.kubeletEndpoint?.Port).toBe(kube.kubelet.port);
  });

  it('serves pods/log from CRI files: plain, tailLines, previous and follow', async () => {
    const current = join(dir, 'logs-0', 'current.log');
    const previous = join(dir, 'logs-0', 'previous.log');
    writeCriLog(current, ['starting', 'line 2', 'line 3']);
    writeCriLog(previous, ['the run before', 'java.lang.OutOfMemoryError: Java heap space']);
    disposers.push(await createClusterLogs(kube, { name: `${ns}-logs`, namespaces: [ns], logsFile: current, previousLogsFile: previous }));
    await createPod('logs-0');
    await running('logs-0');

    const plain = await eventually('the log through the API server', 30_000, async () => {
      const text = await core.readNamespacedPodLog({ name: 'logs-0', namespace: ns, container: 'main' });
      return text || undefined;
    });
    expect(plain).toBe('starting\nline 2\nline 3\n');
    expect(await core.readNamespacedPodLog({ name: 'logs-0', namespace: ns, tailLines: 1 })).toBe('line 3\n');
    expect(await core.readNamespacedPodLog({ name: 'logs-0', namespace: ns, previous: true })).toBe(
      'the run before\njava.lang.OutOfMemoryError: Java heap space\n',
    );
    const stamped = await core.readNamespacedPodLog({ name: 'logs-0', namespace: ns, tailLines: 1, timestamps: true });
    expect(stamped).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z line 3\n$/);

    // follow: the stream stays open and a line appended to the file later arrives on it.
    const follow = await followLog('logs-0', 'follow=true&tailLines=1');
    try {
      await follow.arrived('line 3\n');
      writeCriLog(current, ['appended later'], { append: true });
      await follow.arrived('appended later\n');
      expect(follow.text()).toBe('line 3\nappended later\n');
    } finally {
      follow.close();
    }
  });

  it('serves one pod its own Logs rule: a plain-text log (as a Flink process writes it) mirrored into CRI format', async () => {
    const plainLog = join(dir, 'logs-1', 'jobmanager.log');
    const cri = join(dir, 'logs-1', 'jobmanager.cri.log');
    mkdirSync(join(dir, 'logs-1'));
    writeFileSync(plainLog, '2026-12-02 15:00:00,001 INFO  org.apache.flink.runtime.entrypoint.ClusterEntrypoint - Starting\n');
    const stopMirror = mirrorAsCriLog(plainLog, cri);
    disposers.push(stopMirror);
    await createPod('logs-1');
    await running('logs-1');
    // The pod's own rule wins over the namespace's ClusterLogs of the test above.
    disposers.push(await createPodLogs(kube, { namespace: ns, pod: 'logs-1', logsFile: cri, containers: ['main'] }));
    const first = await eventually('the pod rule served', 30_000, async () => {
      const t = await core.readNamespacedPodLog({ name: 'logs-1', namespace: ns, container: 'main' });
      return t.includes('ClusterEntrypoint') ? t : undefined;
    });
    expect(first).toBe('2026-12-02 15:00:00,001 INFO  org.apache.flink.runtime.entrypoint.ClusterEntrypoint - Starting\n');
    appendFileSync(plainLog, '2026-12-02 15:00:01,002 INFO  org.apache.flink.runtime.dispatcher.StandaloneDispatcher - Ready\n');
    const later = await eventually('the appended line served', 30_000, async () => {
      const t = await core.readNamespacedPodLog({ name: 'logs-1', namespace: ns, container: 'main', tailLines: 1 });
      return t.includes('StandaloneDispatcher') ? t : undefined;
    });
    expect(later).toBe('2026-12-02 15:00:01,002 INFO  org.apache.flink.runtime.dispatcher.StandaloneDispatcher - Ready\n');
  });

  it('forwards a pod port through the API server to a server on 127.0.0.1 (client-node PortForward)', async () => {
    const a = await tinyServer('pod-rule');
    const b = await tinyServer('namespace-rule');
    disposers.push(
      async () => void a.server.close(),
      async () => void b.server.close(),
    );
    await Promise.all([createPod('pf-0'), createPod('pf-1')]);
    await Promise.all([running('pf-0'), running('pf-1')]);
    disposers.push(await createPodPortForward(kube, { namespace: ns, pod: 'pf-0', ports: [8081], targetPort: a.port }));
    disposers.push(await createClusterPortForward(kube, { name: `${ns}-pf`, namespaces: [ns], names: ['pf-1'], targetPort: b.port }));
    const before = egressDecisions(kube).length;

    const viaPod = await forwardLocalPort(kc, ns, 'pf-0', 8081);
    const viaNamespace = await forwardLocalPort(kc, ns, 'pf-1', 6123);
    try {
      const r = await eventually('an answer through the pod rule', 30_000, () => httpGet(viaPod.port, '/overview'));
      expect(r).toEqual({ status: 200, body: JSON.stringify({ server: 'pod-rule', path: '/overview' }) });
      const again = await httpGet(viaPod.port, '/jobs/overview');
      expect(JSON.parse(again.body)).toEqual({ server: 'pod-rule', path: '/jobs/overview' });
      const r2 = await eventually('an answer through the namespace rule', 30_000, () => httpGet(viaNamespace.port, '/config'));
      expect(JSON.parse(r2.body)).toEqual({ server: 'namespace-rule', path: '/config' });
    } finally {
      await viaPod.close();
      await viaNamespace.close();
    }
    // The API server reached kwok through the guard, by the node's address and kwok's port.
    const after = egressDecisions(kube).slice(before);
    expect(after).toContainEqual(expect.objectContaining({ target: `127.0.0.1:${kube.kubelet.port}`, allowed: true }));
  });

  it('puts labelled pods into ImagePullBackOff, CrashLoopBackOff and OOMKilled (kwok stages)', async () => {
    await createPod('ipb-0', { labels: { 'bench.flink-desk/state': 'ImagePullBackOff' } });
    await createPod('clb-0', {
      labels: { 'bench.flink-desk/state': 'CrashLoopBackOff' },
      annotations: {
        'bench.flink-desk/restart-count': '7',
        'bench.flink-desk/last-reason': 'OOMKilled',
        'bench.flink-desk/exit-code': '137',
      },
    });
    await createPod('oom-0', { labels: { 'bench.flink-desk/state': 'OOMKilled' } });
    await createPod('done-0', {
      labels: { 'bench.flink-desk/state': 'Terminated' },
      annotations: { 'bench.flink-desk/last-reason': 'Completed', 'bench.flink-desk/exit-code': '0' },
    });
    await createPod('plain-0');

    const ipb = await podWhere('ipb-0', 'ImagePullBackOff', (p) => mainStatus(p)?.state?.waiting?.reason === 'ImagePullBackOff');
    expect(ipb.status?.phase).toBe('Pending');
    expect(mainStatus(ipb)?.ready).toBe(false);

    const clb = await podWhere('clb-0', 'CrashLoopBackOff', (p) => mainStatus(p)?.state?.waiting?.reason === 'CrashLoopBackOff');
    expect(clb.status?.phase).toBe('Running');
    expect(mainStatus(clb)?.restartCount).toBe(7);
    expect(mainStatus(clb)?.lastState?.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });

    const oom = await podWhere('oom-0', 'terminated', (p) => !!mainStatus(p)?.state?.terminated);
    expect(oom.status?.phase).toBe('Failed');
    expect(mainStatus(oom)?.state?.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });

    const done = await podWhere('done-0', 'terminated', (p) => !!mainStatus(p)?.state?.terminated);
    expect(done.status?.phase).toBe('Succeeded');
    expect(mainStatus(done)?.state?.terminated).toMatchObject({ reason: 'Completed', exitCode: 0 });

    // An unlabelled pod still runs as before, and every pod keeps a fake 10.244.x address (never dialed).
    const plain = await running('plain-0');
    expect(mainStatus(plain)?.ready).toBe(true);
    for (const p of [ipb, clb, oom, plain]) expect(p.status?.podIP).toMatch(/^10\.244\./);

    // The crash loop is in the pod's events too, as a kubelet's would be.
    const events = await eventually('a BackOff event for clb-0', 30_000, async () => {
      const list = await core.listNamespacedEvent({ namespace: ns, fieldSelector: `involvedObject.uid=${clb.metadata!.uid}` });
      return list.items.some((e) => e.reason === 'BackOff') ? list.items : undefined;
    });
    expect(events.find((e) => e.reason === 'BackOff')).toMatchObject({ type: 'Warning', source: { component: 'kwok_controller' } });
  });

  it('guards the API server egress: 127.0.0.0/8 is dialed, anything else refused with 403, logged, not dialed', async () => {
    const before = egressDecisions(kube).length;
    expect(await connectThroughGuard('10.244.0.1:8081')).toBe('HTTP/1.1 403 Forbidden');

    // Not dialed: 0.0.0.0 (outside 127.0.0.0/8) would land on a local listener if it were dialed. Refuse it, then
    // tunnel to the same listener through 127.0.0.1: the listener's first connection is that tunnel.
    const accepted: string[] = [];
    const listener: TcpServer = createTcpServer((s) => {
      const n = accepted.push('');
      s.on('data', (c: Buffer) => (accepted[n - 1] += c.toString()));
      s.on('error', () => undefined);
    });
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', () => r()));
    const port = (listener.address() as { port: number }).port;
    try {
      expect(await connectThroughGuard(`0.0.0.0:${port}`)).toBe('HTTP/1.1 403 Forbidden');
      expect(await connectThroughGuard(`kwok-node-0:${port}`)).toBe('HTTP/1.1 403 Forbidden');
      expect(await connectThroughGuard(`[::1]:${port}`)).toBe('HTTP/1.1 403 Forbidden');
      let tunnel: Socket | undefined;
      const status = await connectThroughGuard(`127.0.0.1:${port}`, (s) => {
        tunnel = s;
        s.write('through the guard');
      });
      expect(status).toBe('HTTP/1.1 200 Connection established');
      await eventually('the tunnelled bytes at the listener', 10_000, async () => (accepted.join('') ? true : undefined));
      expect(accepted).toEqual(['through the guard']); // one connection: the tunnel's
      tunnel?.destroy();
    } finally {
      listener.close();
    }

    // (Other tests may use the bench meanwhile: look at this test's targets only.)
    const mine = new Set(['10.244.0.1:8081', `0.0.0.0:${port}`, `kwok-node-0:${port}`, `[::1]:${port}`, `127.0.0.1:${port}`]);
    const after = egressDecisions(kube)
      .slice(before)
      .filter((d) => mine.has(d.target));
    expect(after.map(({ target, allowed }) => ({ target, allowed }))).toEqual([
      { target: '10.244.0.1:8081', allowed: false },
      { target: `0.0.0.0:${port}`, allowed: false },
      { target: `kwok-node-0:${port}`, allowed: false },
      { target: `[::1]:${port}`, allowed: false },
      { target: `127.0.0.1:${port}`, allowed: true },
    ]);
  });
});
