// For tests on the kube bench part: what kwok's kubelet-like server serves is decided by kwok CRs
// (kwok.x-k8s.io/v1alpha1 Logs, ClusterLogs, PortForward, ClusterPortForward; see tests/fixtures/kube/README.md).
// These helpers write CRI-format log files, create those CRs as the admin (the `edit` role does not cover them), read
// the egress guard's decisions, and forward a local port to a pod through the API server. Each create returns an
// async disposer that deletes what it made. kwok picks CRs up through an informer within about a second: wait on
// the effect (a log read, a forwarded request), do not sleep.
import {
  appendFileSync,
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  unwatchFile,
  watchFile,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { dirname, isAbsolute } from 'node:path';
import { Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { ApiException, CustomObjectsApi, KubeConfig, PortForward } from '@kubernetes/client-node';
import type { KubeOutput } from '../fixtures/kube/part.ts';
import { allowedTarget, type EgressDecision } from '../fixtures/kube/egress-guard.ts';

export type { EgressDecision };
export type Disposer = () => Promise<void>;

type Kube = Pick<KubeOutput, 'kubeconfig' | 'contexts' | 'egress'>;

const group = 'kwok.x-k8s.io';
const version = 'v1alpha1';

// ---------------------------------------------------------------------------------------------------------------
// log files

/** RFC 3339 with nanoseconds, as CRI log lines carry it: 2026-01-01T00:00:00.123000000Z. */
export function criTimestamp(time: Date): string {
  return time.toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

export interface CriLogOptions {
  /** Add to the file instead of replacing it (a line appended to a followed log). */
  append?: boolean;
  stream?: 'stdout' | 'stderr';
  /** The timestamp of every line (default: now); `sinceSeconds`/`sinceTime` and `timestamps` use it. */
  time?: Date;
}

/** Write `lines` to `file` in CRI log format, `<RFC3339Nano> stdout F <text>` (one line per line of text). */
export function writeCriLog(file: string, lines: string[], opts: CriLogOptions = {}): void {
  if (!isAbsolute(file)) throw new Error(`writeCriLog: kwok reads the file itself, give an absolute path: ${file}`);
  const ts = criTimestamp(opts.time ?? new Date());
  const stream = opts.stream ?? 'stdout';
  const text = lines
    .flatMap((l) => l.split('\n'))
    .map((l) => `${ts} ${stream} F ${l}\n`)
    .join('');
  mkdirSync(dirname(file), { recursive: true });
  if (opts.append) appendFileSync(file, text);
  else writeFileSync(file, text);
}

/**
 * Keep `target` a CRI-format copy of the plain-text log `source` (a Flink process's log file, say): what is there
 * now, then every line appended later (the file is checked every 200 ms). A truncated source starts over. The
 * disposer stops following.
 */
export function mirrorAsCriLog(source: string, target: string, opts: Pick<CriLogOptions, 'stream'> = {}): Disposer {
  let offset = 0;
  let partial = '';
  let decoder = new StringDecoder('utf8');
  writeCriLog(target, []);
  const pump = () => {
    let fd: number;
    try {
      fd = openSync(source, 'r');
    } catch {
      return; // not there (yet)
    }
    try {
      const size = fstatSync(fd).size;
      if (size < offset) {
        offset = 0;
        partial = '';
        decoder = new StringDecoder('utf8');
      }
      const buf = Buffer.alloc(64 * 1024);
      while (offset < size) {
        const n = readSync(fd, buf, 0, Math.min(buf.length, size - offset), offset);
        if (n <= 0) break;
        offset += n;
        partial += decoder.write(buf.subarray(0, n));
      }
    } finally {
      closeSync(fd);
    }
    const lines = partial.split('\n');
    partial = lines.pop()!;
    if (lines.length) writeCriLog(target, lines, { append: true, stream: opts.stream });
  };
  pump();
  watchFile(source, { interval: 200 }, pump);
  return async () => unwatchFile(source, pump);
}

// ---------------------------------------------------------------------------------------------------------------
// kwok CRs

function admin(kube: Kube): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(kube.kubeconfig);
  kc.setCurrentContext(kube.contexts.admin);
  return kc;
}

function absolute(what: string, file: string | undefined): void {
  if (file !== undefined && !isAbsolute(file)) throw new Error(`${what}: kwok reads the file itself, give an absolute path: ${file}`);
}

/** kwok dials the target itself: only ever a loopback address the test owns. */
function loopbackTarget(what: string, address: string, port: number): { address: string; port: number } {
  if (!allowedTarget(`${address}:${port}`)) throw new Error(`${what}: the target must be 127.0.0.0/8 and a port, not ${address}:${port}`);
  return { address, port };
}

async function createCluster(kube: Kube, plural: string, kind: string, name: string, spec: object): Promise<Disposer> {
  const api = admin(kube).makeApiClient(CustomObjectsApi);
  await api.createClusterCustomObject({
    group,
    version,
    plural,
    body: { apiVersion: `${group}/${version}`, kind, metadata: { name }, spec },
  });
  return async () => {
    await api.deleteClusterCustomObject({ group, version, plural, name }).catch(ignoreNotFound);
  };
}

async function createNamespaced(
  kube: Kube,
  plural: string,
  kind: string,
  namespace: string,
  name: string,
  spec: object,
): Promise<Disposer> {
  const api = admin(kube).makeApiClient(CustomObjectsApi);
  await api.createNamespacedCustomObject({
    group,
    version,
    namespace,
    plural,
    body: { apiVersion: `${group}/${version}`, kind, metadata: { name, namespace }, spec },
  });
  return async () => {
    await api.deleteNamespacedCustomObject({ group, version, namespace, plural, name }).catch(ignoreNotFound);
  };
}

function ignoreNotFound(e: unknown): void {
  if (e instanceof ApiException && (e as ApiException<unknown>).code === 404) return;
  throw e;
}

export interface LogsRule {
  /** CRI-format file (writeCriLog) served as the containers' log; absolute. */
  logsFile: string;
  /** Served for `previous=true`; without it such a request fails. */
  previousLogsFile?: string;
  /** The containers this rule is for; none: every container. */
  containers?: string[];
}

/** pods/log for every pod in `namespaces` (and, if given, only those named `names`) from local files. */
export function createClusterLogs(
  kube: Kube,
  opts: { name: string; namespaces: string[]; names?: string[] } & LogsRule,
): Promise<Disposer> {
  absolute('createClusterLogs', opts.logsFile);
  absolute('createClusterLogs', opts.previousLogsFile);
  return createCluster(kube, 'clusterlogs', 'ClusterLogs', opts.name, {
    selector: { matchNamespaces: opts.namespaces, ...(opts.names ? { matchNames: opts.names } : {}) },
    logs: [logsEntry(opts)],
  });
}

/**
 * pods/log for one pod (the CR is named after it). It wins over any ClusterLogs; a container it does not cover gets
 * an error, not the ClusterLogs rule.
 */
export function createPodLogs(kube: Kube, opts: { namespace: string; pod: string } & LogsRule): Promise<Disposer> {
  absolute('createPodLogs', opts.logsFile);
  absolute('createPodLogs', opts.previousLogsFile);
  return createNamespaced(kube, 'logs', 'Logs', opts.namespace, opts.pod, { logs: [logsEntry(opts)] });
}

function logsEntry(r: LogsRule): object {
  return {
    logsFile: r.logsFile,
    ...(r.previousLogsFile ? { previousLogsFile: r.previousLogsFile } : {}),
    ...(r.containers ? { containers: r.containers } : {}),
  };
}

export interface PortForwardRule {
  /** The port on 127.0.0.1 (or `targetAddress` in 127.0.0.0/8) that kwok connects forwarded streams to. */
  targetPort: number;
  targetAddress?: string;
  /** The pod ports this rule is for; none: every port. */
  ports?: number[];
}

/** pods/portforward for every pod in `namespaces` (and, if given, only those named `names`) to a loopback target. */
export function createClusterPortForward(
  kube: Kube,
  opts: { name: string; namespaces: string[]; names?: string[] } & PortForwardRule,
): Promise<Disposer> {
  return createCluster(kube, 'clusterportforwards', 'ClusterPortForward', opts.name, {
    selector: { matchNamespaces: opts.namespaces, ...(opts.names ? { matchNames: opts.names } : {}) },
    forwards: [forwardEntry('createClusterPortForward', opts)],
  });
}

/** pods/portforward for one pod (the CR is named after it); wins over any ClusterPortForward, no fallback. */
export function createPodPortForward(kube: Kube, opts: { namespace: string; pod: string } & PortForwardRule): Promise<Disposer> {
  return createNamespaced(kube, 'portforwards', 'PortForward', opts.namespace, opts.pod, {
    forwards: [forwardEntry('createPodPortForward', opts)],
  });
}

function forwardEntry(what: string, r: PortForwardRule): object {
  return { ...(r.ports ? { ports: r.ports } : {}), target: loopbackTarget(what, r.targetAddress ?? '127.0.0.1', r.targetPort) };
}

// ---------------------------------------------------------------------------------------------------------------
// the egress guard

/** Every decision of the bench's egress guard so far, oldest first. */
export function egressDecisions(kube: Pick<KubeOutput, 'egress'>): EgressDecision[] {
  if (!kube.egress) throw new Error('egressDecisions: this kube bench instance has no egress guard (started by an older part.ts?)');
  if (!existsSync(kube.egress.log)) return [];
  return readFileSync(kube.egress.log, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EgressDecision);
}

// ---------------------------------------------------------------------------------------------------------------
// a local port forwarded to a pod through the API server

export interface LocalForward {
  /** The local port on 127.0.0.1. */
  port: number;
  /** What kwok or the API server said on the error channel (e.g. "forward not found"). */
  errors: string[];
  close(): Promise<void>;
}

/**
 * Listen on 127.0.0.1 and carry each accepted connection to `podPort` of the pod through the API server
 * (client-node PortForward, one WebSocket per connection). An error on the error channel closes that connection.
 */
export async function forwardLocalPort(kc: KubeConfig, namespace: string, pod: string, podPort: number): Promise<LocalForward> {
  const pf = new PortForward(kc);
  const errors: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const err = new Writable({
      write(chunk: Buffer, _enc, done) {
        const text = chunk.toString('utf8');
        if (text.trim()) {
          errors.push(text);
          socket.destroy();
        }
        done();
      },
    });
    pf.portForward(namespace, pod, [podPort], socket, err, socket).then(
      (ws) => {
        const w = ws as { close(): void; on?(ev: string, cb: () => void): void };
        socket.on('close', () => w.close());
        w.on?.('close', () => socket.destroy());
      },
      (e: unknown) => {
        errors.push(e instanceof Error ? e.message : String(e));
        socket.destroy();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    port,
    errors,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
