// A test double of a Kubernetes API server: a real HTTP server on 127.0.0.1 that records every request (method,
// path, query, headers, body) and answers with the test's handler; WebSocket upgrades (port-forward) go to the
// test's upgrade handler. Plus kubeconfig files pointing at it and a counting exec credential plugin double.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (req: Recorded, res: ServerResponse) => void;

export const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

export const notFound: Handler = (_req, res) => json(res, 404, { kind: 'Status', message: 'not found (test double)', code: 404 });

export class ApiServerTestDouble {
  readonly requests: Recorded[] = [];
  handler: Handler = notFound;
  upgrade: ((req: IncomingMessage, socket: Socket, head: Buffer) => void) | undefined;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<ApiServerTestDouble> {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const double = new ApiServerTestDouble(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('connection', (s: Socket) => {
      double.sockets.add(s);
      s.on('close', () => double.sockets.delete(s));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', double.url);
        const rec: Recorded = {
          method: req.method ?? '',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        double.requests.push(rec);
        double.handler(rec, res);
      });
    });
    server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
      if (double.upgrade) double.upgrade(req, socket, head);
      else socket.destroy();
    });
    return double;
  }

  /** The Authorization headers the server saw, in order. */
  get tokens(): (string | undefined)[] {
    return this.requests.map((r) => r.headers.authorization);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

export const scratchDir = () => mkdtempSync(join(tmpdir(), 'fd-kube-unit-'));

/**
 * A kubeconfig with one context on `server`. client-node refuses plain http unless the cluster says
 * insecure-skip-tls-verify, hence that flag (the test double has no TLS).
 */
export function writeKubeconfig(file: string, server: string, user: Record<string, unknown>, context = 'test'): string {
  writeFileSync(
    file,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: `${context}-cluster`, cluster: { server, 'insecure-skip-tls-verify': true } }],
      users: [{ name: `${context}-user`, user }],
      contexts: [{ name: context, context: { cluster: `${context}-cluster`, user: `${context}-user` } }],
      'current-context': context,
    }),
  );
  return file;
}

/**
 * A test double of an exec credential plugin: counts its runs in `countFile` and prints the token `token-<run>`,
 * with `expires` as its expirationTimestamp when given. Returns the kubeconfig user entry that runs it.
 */
export function countingCredentialPlugin(dir: string, countFile: string, expires?: string): Record<string, unknown> {
  const script = join(dir, 'counting-credential-test-double.sh');
  writeFileSync(
    script,
    [
      '#!/bin/sh',
      '# Test double of a credential plugin: counts its runs and prints a token naming the run.',
      'n=$(( $(cat "$COUNT_FILE" 2>/dev/null || echo 0) + 1 ))',
      'echo "$n" > "$COUNT_FILE"',
      'if [ -n "$EXPIRES" ]; then exp=",\\"expirationTimestamp\\":\\"$EXPIRES\\""; else exp=""; fi',
      'printf \'{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"token-%s"%s}}\\n\' "$n" "$exp"',
      '',
    ].join('\n'),
  );
  chmodSync(script, 0o755);
  return {
    exec: {
      apiVersion: 'client.authentication.k8s.io/v1',
      command: script,
      interactiveMode: 'Never',
      env: [
        { name: 'COUNT_FILE', value: countFile },
        { name: 'EXPIRES', value: expires ?? '' },
      ],
    },
  };
}
