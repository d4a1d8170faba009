// Real registry services for the integration tests: the stores and the file-key secret box in a temp
// FLINK_DESK_HOME (real files, so tests can grep them for the password), a recording event sink, and the
// environment the test chooses (DOCKER_HOST, KUBECONFIG, HOME, DOCKER_CONFIG).
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '../../shared/client';
import type { EventName, Events } from '../../shared/contract';
import type { OperationSnapshot } from '../../shared/operations';
import type { Services } from '../../electron/services/app';
import { RecordingSink, recordingLogger, testServices } from '../helpers/test-services';

/** A TCP port on 127.0.0.1 that nothing listens on. */
export { freePort as closedPort } from '../fixtures/ports';

export interface RegistryTestServices extends Services {
  home: string;
  events: RecordingSink;
  logLines: string[];
  client: Client;
}

export function registryServices(env: NodeJS.ProcessEnv, home = mkdtempSync(join(tmpdir(), 'fd-registry-'))): RegistryTestServices {
  const events = new RecordingSink();
  const logger = recordingLogger();
  const services = testServices(events, 'cli', { dir: home, env, logger });
  return { ...services, home, events, logLines: logger.lines };
}

/** Every file under dir, as text (binary files too: a password must not be in any of them). */
export function allFilesText(dir: string): string {
  let out = '';
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    out += statSync(p).isDirectory() ? allFilesText(p) : readFileSync(p, 'latin1');
  }
  return out;
}

/** The first event `event` for which `matches` holds: one already recorded, else the next one emitted. Waiting on
 * the event itself, never polling or sleeping. */
export function nextEvent<E extends EventName>(
  s: Pick<RegistryTestServices, 'events' | 'on'>,
  event: E,
  matches: (payload: Events[E]) => boolean,
): Promise<Events[E]> {
  return new Promise((resolve) => {
    // Subscribe first, then look back: both synchronous, so no event falls between them.
    const off = s.on(event, (p) => {
      if (matches(p)) {
        off();
        resolve(p);
      }
    });
    const past = s.events.events.find((e) => e.event === event && matches(e.payload as Events[E]));
    if (past) {
      off();
      resolve(past.payload as Events[E]);
    }
  });
}

/** The operation's final snapshot, from its done/error event. */
export async function operationEnd(s: Pick<RegistryTestServices, 'events' | 'on'>, id: string): Promise<OperationSnapshot> {
  const e = await nextEvent(s, 'op', (p) => p.opId === id && (p.type === 'done' || p.type === 'error'));
  return (e as { snapshot: OperationSnapshot }).snapshot;
}

/** A TEST DOUBLE in front of a real registry: an HTTP proxy on 127.0.0.1 that forwards every request to `target`,
 * except the first one `hold` picks, which it keeps waiting without an answer (a registry that stalls there).
 * `held` resolves with that request's method and URL. */
export async function holdingRegistryProxy(
  target: string,
  hold: (req: IncomingMessage) => boolean,
): Promise<{ address: string; held: Promise<{ method: string; url: string }>; close(): Promise<void> }> {
  const [targetHost, targetPort] = target.split(':');
  let onHeld!: (h: { method: string; url: string }) => void;
  const held = new Promise<{ method: string; url: string }>((r) => (onHeld = r));
  let holding = false;
  const server = createServer((req, res) => {
    if (!holding && hold(req)) {
      holding = true;
      onHeld({ method: req.method ?? '', url: req.url ?? '' });
      return;
    }
    forward(req, res, { host: targetHost, port: Number(targetPort) });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { address: `127.0.0.1:${port}`, held, close: () => closeServer(server) };
}

export interface EngineCall {
  /** "METHOD /path" without the API version prefix and the query, e.g. "POST /images/create". */
  call: string;
  /** Resolves when the client (Flink Desk) closed the connection before the engine's answer had ended. */
  cutByClient: Promise<void>;
}

/** A TEST DOUBLE in front of the real engine: an HTTP proxy on a unix socket that forwards every API call to the
 * engine at `dockerHost` and records it, and whether the client cut the call short (a push stream destroyed). */
export async function recordingEngineProxy(
  dockerHost: string,
): Promise<{ dockerHost: string; calls: EngineCall[]; close(): Promise<void> }> {
  const socketPath = dockerHost.replace(/^unix:\/\//, '');
  const path = join(mkdtempSync(join(tmpdir(), 'fd-engine-')), 'docker.sock');
  const calls: EngineCall[] = [];
  const server = createServer((req, res) => {
    let cut!: () => void;
    const url = (req.url ?? '').split('?')[0]!.replace(/^\/v[\d.]+/, '');
    calls.push({ call: `${req.method} ${url}`, cutByClient: new Promise((r) => (cut = r)) });
    res.on('close', () => {
      if (!res.writableFinished) cut();
    });
    forward(req, res, { socketPath });
  });
  await new Promise<void>((r) => server.listen(path, r));
  return { dockerHost: `unix://${path}`, calls, close: () => closeServer(server) };
}

function forward(req: IncomingMessage, res: ServerResponse, to: { host?: string; port?: number; socketPath?: string }): void {
  const upstream = httpRequest({ ...to, method: req.method, path: req.url, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => res.destroy());
  // A client that goes away takes the upstream call with it, as it would without the proxy.
  res.on('close', () => upstream.destroy());
  req.pipe(upstream);
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((r) => server.close(() => r()));
}
