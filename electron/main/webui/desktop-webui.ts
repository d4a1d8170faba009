// The desktop app's WebUiHost: one WebContentsView per open Flink Web UI, owned by main, in its own in-memory
// session partition, sandboxed, without a preload, held to its cluster's local proxy origin (guards.ts). It lies over
// the app window where the page reports its placeholder (webui.place), and is hidden when the page leaves it, when
// the app page reloads, and closed when the cluster is no longer tracked or the window closes.
import type { BaseWindow, Shell, WebContentsView, WebContentsViewConstructorOptions, Session, WebContents } from 'electron';
import type { WebUiBounds } from '../../../shared/contracts/webui';
import { AppError } from '../../../shared/errors';
import type { WebUiHost, WebUiTarget } from '../../services/webui/web-ui-host';
import { guardWebUiContents, guardWebUiSession } from './guards';
import { partitionFor, proxyOriginOf, viewBounds } from './policy';
import { webUiViewOptions } from './view-options';

/** What of Electron this needs (the real module in desktop-app.ts; a named test double in unit tests). */
export interface WebUiElectron {
  WebContentsView: new (options: WebContentsViewConstructorOptions) => WebContentsView;
  fromPartition(
    partition: string,
  ): Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;
  shell: Pick<Shell, 'openExternal'>;
}

/** The app window the views lie over. */
export type HostWindow = Pick<BaseWindow, 'contentView' | 'getContentSize' | 'isDestroyed'> & {
  webContents: Pick<WebContents, 'getZoomFactor'>;
};

interface OpenUi {
  view: WebContentsView;
  origin: string;
  window: HostWindow;
  /** The first load: a second open while it runs waits for the same outcome. */
  loaded: Promise<void>;
}

/** How long the first load may take before opening reports it (the page then shows it loading or failed). */
const FIRST_LOAD_MS = 20_000;

export class DesktopWebUi implements WebUiHost {
  readonly embed = 'view' as const;
  private readonly open_ = new Map<string, OpenUi>();
  private readonly guarded = new Set<string>();

  constructor(
    private readonly electron: WebUiElectron,
    private readonly window: () => HostWindow | undefined,
  ) {}

  async open(t: WebUiTarget): Promise<{ url?: string }> {
    const origin = proxyOriginOf(t.proxyUrl);
    const existing = this.open_.get(t.id);
    if (existing && existing.origin === origin && !existing.view.webContents.isDestroyed() && !existing.window.isDestroyed()) {
      await existing.loaded;
      return {};
    }
    if (existing) await this.close(t.id);
    const window = this.window();
    if (!window || window.isDestroyed()) throw new AppError({ code: 'not-available', message: 'The Flink Desk window is not open' });
    const partition = partitionFor(t.id);
    if (!this.guarded.has(partition)) {
      guardWebUiSession(this.electron.fromPartition(partition));
      this.guarded.add(partition);
    }
    const view = new this.electron.WebContentsView(webUiViewOptions(partition));
    guardWebUiContents(view.webContents, origin, this.electron.shell);
    view.setVisible(false);
    window.contentView.addChildView(view);
    const loaded = firstLoad(view.webContents, t.proxyUrl, t.title);
    const ui: OpenUi = { view, origin, window, loaded };
    this.open_.set(t.id, ui);
    try {
      await loaded;
    } catch (e) {
      // Opened again (Retry), it loads afresh.
      if (this.open_.get(t.id) === ui) await this.close(t.id);
      throw e;
    }
    return {};
  }

  place(id: string, bounds: WebUiBounds, visible: boolean): boolean {
    const ui = this.open_.get(id);
    if (!ui || ui.view.webContents.isDestroyed() || ui.window.isDestroyed()) return false;
    const [width = 0, height = 0] = ui.window.getContentSize();
    const rect = visible ? viewBounds(bounds, ui.window.webContents.getZoomFactor(), { width, height }) : undefined;
    if (rect) ui.view.setBounds(rect);
    ui.view.setVisible(rect !== undefined);
    return true;
  }

  /** The app page reloaded: nothing is placed until it reports again. */
  hideAll(): void {
    for (const ui of this.open_.values()) if (!ui.view.webContents.isDestroyed()) ui.view.setVisible(false);
  }

  close(id: string): Promise<boolean> {
    const ui = this.open_.get(id);
    if (!ui) return Promise.resolve(false);
    this.open_.delete(id);
    if (!ui.window.isDestroyed()) ui.window.contentView.removeChildView(ui.view);
    if (!ui.view.webContents.isDestroyed()) ui.view.webContents.close();
    return Promise.resolve(true);
  }

  async external(t: WebUiTarget): Promise<{ opened: boolean; url?: string }> {
    await this.electron.shell.openExternal(`${proxyOriginOf(t.proxyUrl)}/`);
    return { opened: true };
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.open_.keys()].map((id) => this.close(id)));
  }
}

/** Loads the UI; resolves once the first load has ended, or after FIRST_LOAD_MS; a failed load says why. */
function firstLoad(contents: WebContents, url: string, title: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(done, FIRST_LOAD_MS);
    function done() {
      clearTimeout(timer);
      contents.off('did-finish-load', done);
      contents.off('did-fail-load', failed);
      resolve();
    }
    function failed(_e: unknown, code: number, description: string, _url: string, isMainFrame: boolean) {
      // -3: aborted (a navigation replaced it), not a failure.
      if (!isMainFrame || code === -3) return;
      clearTimeout(timer);
      contents.off('did-finish-load', done);
      contents.off('did-fail-load', failed);
      reject(new AppError({ code: 'unreachable', message: `${title} did not load: ${description} (${code})` }));
    }
    contents.on('did-finish-load', done);
    contents.on('did-fail-load', failed);
    // loadURL's own rejection duplicates did-fail-load.
    contents.loadURL(url).catch(() => undefined);
  });
}
