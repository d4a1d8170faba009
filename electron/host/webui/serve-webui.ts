// The serve host's WebUiHost: a UI origin per open cluster (ui-origin.ts), and the host's /webui/<key> pages that
// frame them (frame-page.ts). The key is random, not the cluster id, so no address names a cluster. "Open in
// browser" gives the page the cluster's local proxy address to open in a tab of its own.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebUiBounds } from '../../../shared/contracts/webui';
import type { WebUiHost, WebUiTarget } from '../../services/webui/web-ui-host';
import { framePage } from './frame-page';
import { UiOrigin } from './ui-origin';

export const FRAME_PATH = '/webui/';

interface Open {
  ui: UiOrigin;
  key: string;
  title: string;
}

export class ServeWebUi implements WebUiHost {
  readonly embed = 'iframe' as const;
  private readonly byId = new Map<string, Promise<Open>>();
  private readonly byKey = new Map<string, string>();
  private appOrigin: string | undefined;

  /** The host's origin, once it listens: the only one that may frame the UIs. */
  setAppOrigin(origin: string): void {
    this.appOrigin = origin;
  }

  async open(t: WebUiTarget): Promise<{ url?: string }> {
    let pending = this.byId.get(t.id);
    if (!pending) {
      pending = UiOrigin.open({ name: t.id, proxyUrl: t.proxyUrl, appOrigin: () => this.appOrigin }).then((ui) => {
        const key = randomBytes(12).toString('base64url');
        this.byKey.set(key, t.id);
        return { ui, key, title: t.title };
      });
      this.byId.set(t.id, pending);
      pending.catch(() => this.byId.delete(t.id));
    }
    const open = await pending;
    if (open.ui.proxyUrl !== new URL(t.proxyUrl).origin) open.ui.retarget(t.proxyUrl);
    return { url: `${FRAME_PATH}${open.key}` };
  }

  /** The origin of an open cluster's UI (tests, the CSP of its frame page). */
  async originOf(id: string): Promise<string | undefined> {
    return (await this.byId.get(id))?.ui.origin;
  }

  place(_id: string, _bounds: WebUiBounds, _visible: boolean): boolean {
    // An iframe lays itself out.
    return false;
  }

  async close(id: string): Promise<boolean> {
    const pending = this.byId.get(id);
    if (!pending) return false;
    this.byId.delete(id);
    const open = await pending.catch(() => undefined);
    if (!open) return false;
    this.byKey.delete(open.key);
    await open.ui.close();
    return true;
  }

  external(t: WebUiTarget): Promise<{ opened: boolean; url?: string }> {
    return Promise.resolve({ opened: false, url: `${new URL(t.proxyUrl).origin}/` });
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.byId.keys()].map((id) => this.close(id)));
  }

  /** The host's route for /webui/<key> (already behind the host's token); false: not this route. */
  handle(req: IncomingMessage, url: URL, res: ServerResponse): boolean {
    if (!url.pathname.startsWith(FRAME_PATH)) return false;
    const id = this.byKey.get(url.pathname.slice(FRAME_PATH.length));
    const pending = id ? this.byId.get(id) : undefined;
    if (!pending) {
      res
        .writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
        .end('Flink Desk: this Flink Web UI is closed; open it again from the job page.');
      return true;
    }
    void pending.then(
      (open) => {
        // A HEAD spends no ticket.
        const page = framePage(req.method === 'HEAD' ? 'about:blank' : open.ui.entryUrl(), open.ui.origin, open.title);
        res.writeHead(200, page.headers).end(req.method === 'HEAD' ? undefined : page.html);
      },
      () => res.writeHead(502).end(),
    );
    return true;
  }
}
