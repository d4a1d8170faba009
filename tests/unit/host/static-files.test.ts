// The serve host's static files, through a real HTTP server on 127.0.0.1 and a real renderer directory.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, request, type Server } from 'node:http';
import { createServer as createNetServer, connect, type AddressInfo, type Server as NetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../../electron/host/static-files';

const root = mkdtempSync(join(tmpdir(), 'fd-static-'));
const INDEX = '<!doctype html><title>Flink Desk</title>';
const SCRIPT = 'console.log("app");\n'.repeat(100);
let server: Server;
let base: string;
let socketFile: NetServer;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function fetchRaw(method: string, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** What arrives on the wire for one request on a fresh connection, read until the server closes it. */
function wire(requestText: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const { port } = server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1', () => socket.write(requestText));
    let data = '';
    socket.setEncoding('utf8').on('data', (c: string) => (data += c));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}

beforeAll(async () => {
  writeFileSync(join(root, 'index.html'), INDEX);
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'assets', 'app.js'), SCRIPT);
  // A path that exists but cannot be opened: open(2) refuses a Unix socket (ENXIO), the same path through the code
  // as a file deleted between the lookup and the open, and deterministic (root can open a mode-000 file).
  socketFile = createNetServer();
  await new Promise<void>((r) => socketFile.listen(join(root, 'assets', 'gone.js'), r));
  // A file that opens and then fails to read (EIO): a read error after the headers went out.
  if (process.platform === 'linux') symlinkSync('/proc/self/mem', join(root, 'assets', 'broken.js'));
  server = createHttpServer(
    (req, res) => void serveStatic(root, new URL(req.url ?? '/', 'http://x').pathname, res, { head: req.method === 'HEAD' }),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await new Promise<void>((r) => socketFile.close(() => r()));
  rmSync(root, { recursive: true, force: true });
});

describe('static files', () => {
  it('serves a file with its type and length, and routes fall back to index.html', async () => {
    const js = await fetchRaw('GET', '/assets/app.js');
    expect(js).toMatchObject({ status: 200, body: SCRIPT });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['content-length']).toBe(String(Buffer.byteLength(SCRIPT)));
    const route = await fetchRaw('GET', '/clusters');
    expect(route).toMatchObject({ status: 200, body: INDEX });
    expect(route.headers['cache-control']).toBe('no-store');
  });

  it("HEAD answers with GET's status and headers, and nothing after them", async () => {
    const get = await fetchRaw('GET', '/assets/app.js');
    const head = await fetchRaw('HEAD', '/assets/app.js');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-type']).toBe(get.headers['content-type']);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(SCRIPT)));

    const raw = await wire('HEAD /assets/app.js HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    expect(raw.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
    expect(raw.endsWith('\r\n\r\n')).toBe(true);
    expect(raw.indexOf('\r\n\r\n')).toBe(raw.length - 4);
  });

  it('HEAD writes no body into the response', async () => {
    // Test double of a ServerResponse (named as one): records the head and every body byte written to it.
    const written: Buffer[] = [];
    let status = 0;
    const res = Object.assign(
      new Writable({
        write(chunk: Buffer, _enc, cb) {
          written.push(chunk);
          cb();
        },
      }),
      {
        headersSent: false,
        writeHead(code: number) {
          status = code;
          this.headersSent = true;
          return this;
        },
      },
    );
    const finished = new Promise<void>((r) => res.on('finish', () => r()));
    await serveStatic(root, '/assets/app.js', res as unknown as ServerResponse, { head: true });
    await finished;
    expect(status).toBe(200);
    expect(Buffer.concat(written).length).toBe(0);
  });

  it('a file that cannot be opened any more gets an error response, and the host goes on serving', async () => {
    const gone = await fetchRaw('GET', '/assets/gone.js');
    expect(gone.status).toBe(500);
    expect(gone.body).toMatch(/ENXIO/);
    expect(await fetchRaw('GET', '/assets/app.js')).toMatchObject({ status: 200, body: SCRIPT });
  });

  it.skipIf(process.platform !== 'linux')(
    'a read that fails after the headers ends that response only; the host goes on serving',
    async () => {
      // The response is cut (or, with its zero length, already complete); what matters is that nothing is thrown.
      const closed = new Promise<void>((resolve) => {
        const req = request(`${base}/assets/broken.js`, (res) => {
          res.resume();
          res.on('close', () => resolve());
        });
        req.on('error', () => resolve());
        req.end();
      });
      await closed;
      expect(await fetchRaw('GET', '/assets/app.js')).toMatchObject({ status: 200, body: SCRIPT });
    },
  );
});
