// Loading client-node (which imports the undici package) must leave Node's own fetch working: the registry client
// sends every blob with its own Content-Length, which Node's fetch on the package's Agent refused.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadClientNode } from '../../../electron/services/kube/client-node';

const server = createServer((req, res) => {
  let n = 0;
  req.on('data', (c: Buffer) => (n += c.length));
  req.on('end', () => res.end(`received ${n}`));
});
beforeAll(() => new Promise<void>((r) => server.listen(0, '127.0.0.1', r)));
afterAll(() => new Promise<void>((r) => server.close(() => r())));

it("Node's fetch still sends a body with its own Content-Length after client-node is loaded", async () => {
  // The order that broke it: nothing in this process has used fetch before client-node loads.
  expect(Symbol.for('undici.globalDispatcher.1') in globalThis).toBe(false);
  await loadClientNode();
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2/x/blobs/uploads/1`;
  const res = await fetch(url, { method: 'PUT', body: Buffer.alloc(10, 1), headers: { 'Content-Length': '10' } });
  expect(await res.text()).toBe('received 10');
});
