// The webui channels through the real services (real tracking, the real access layer and its local proxy on
// loopback) with a recording WebUiHost (a TEST DOUBLE of the front end, named as one): the CLI has none; a cluster
// that does not answer is not shown, with the access layer's reason; one that answers is shown through its local
// proxy, never its own address; untracked, its UI is closed.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../../shared/client';
import { createServices, type Services } from '../../../electron/services/app';
import { inProcessTransport } from '../../../electron/cli/main';
import { fileKeySecretBox } from '../../../electron/services/secrets/file-key-secret-box';
import { openStores } from '../../../electron/services/store/stores';
import type { WebUiHost, WebUiTarget } from '../../../electron/services/webui/web-ui-host';
import { RecordingSink } from '../../helpers/test-services';

class RecordingHost implements WebUiHost {
  readonly embed = 'iframe' as const;
  opened: WebUiTarget[] = [];
  closed: string[] = [];
  open(t: WebUiTarget) {
    this.opened.push(t);
    return Promise.resolve({ url: '/webui/k' });
  }
  place() {
    return false;
  }
  close(id: string) {
    this.closed.push(id);
    return Promise.resolve(true);
  }
  external(t: WebUiTarget) {
    return Promise.resolve({ opened: false, url: `${t.proxyUrl}/` });
  }
  closeAll() {
    return Promise.resolve();
  }
}

const running: (Services | Server)[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await ('stop' in r ? r.stop() : new Promise((res) => r.close(res)));
});

function services(webUi?: WebUiHost) {
  const dir = mkdtempSync(join(tmpdir(), 'fd-webui-'));
  const s = createServices({
    stores: openStores(dir),
    secrets: fileKeySecretBox(join(dir, 'secret.key')),
    events: new RecordingSink(),
    transport: webUi ? 'web' : 'cli',
    version: '0.0.0-test',
    ...(webUi ? { webUi } : {}),
  });
  running.push(s);
  return { s, client: createClient(inProcessTransport(s)) };
}

/** A loopback stand-in for a JobManager's REST endpoint (a TEST DOUBLE, named as one): /config only. */
async function flinkStandIn(): Promise<string> {
  const srv = createServer((req, res) => {
    if (req.url === '/config') res.writeHead(200, { 'content-type': 'application/json' }).end('{"flink-version":"1.20.5"}');
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  running.push(srv);
  return `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
}

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

describe('webui channels', () => {
  it('the CLI shows no Web UI, and says where one is', async () => {
    const { client } = services();
    await expect(client.invoke('webui.open', { id: 'rest:http://127.0.0.1:1' })).rejects.toMatchObject({
      code: 'not-available',
      hint: expect.stringMatching(/npm start.*npm run serve/),
    });
  });

  it('a cluster that does not answer is not shown: the reason is the access layer’s', async () => {
    const host = new RecordingHost();
    const { client } = services(host);
    const port = await closedPort();
    const { id } = await client.invoke('tracking.add', { restUrl: `http://127.0.0.1:${port}` });
    await expect(client.invoke('webui.open', { id })).rejects.toMatchObject({
      code: 'unreachable',
      message: expect.stringContaining(`127.0.0.1:${port} refused the connection`),
    });
    expect(host.opened).toEqual([]);
    await expect(client.invoke('webui.open', { id: 'rest:http://127.0.0.1:9' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('one that answers is shown through its local proxy; untracked, its UI closes', async () => {
    const host = new RecordingHost();
    const { client } = services(host);
    const rest = await flinkStandIn();
    const { id } = await client.invoke('tracking.add', { restUrl: rest });
    expect(await client.invoke('webui.open', { id })).toEqual({
      id,
      title: `Flink Web UI · ${rest.replace('http://', '')}`,
      embed: 'iframe',
      url: '/webui/k',
      via: 'REST URL',
    });
    const proxy = host.opened[0]!.proxyUrl;
    expect(proxy).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(proxy).not.toBe(rest);
    expect(await (await fetch(`${proxy}/config`)).json()).toEqual({ 'flink-version': '1.20.5' });
    expect(await client.invoke('webui.external', { id })).toEqual({ opened: false, url: `${proxy}/` });
    await client.invoke('tracking.remove', { id });
    expect(host.closed).toEqual([id]);
  });
});
