// The port the webui channels show a cluster's Flink Web UI through: the desktop app's views (electron/main/webui/)
// or the serve host's UI origins (electron/host/webui/). The services resolve the cluster's local proxy; the host
// only shows what is behind it. The CLI has none: the channels then say so.
import type { WebUiBounds } from '../../../shared/contracts/webui';

export interface WebUiTarget {
  /** The tracked cluster's id. */
  id: string;
  title: string;
  /** The cluster's local proxy on 127.0.0.1 (the access layer), behind which the way to it may change. */
  proxyUrl: string;
}

export interface WebUiHost {
  /** How the page embeds it: a view of the desktop app's own, or an iframe (the serve host). */
  readonly embed: 'view' | 'iframe';
  /** Makes the UI ready to show (idempotent): serve mode returns the iframe's address, the desktop nothing. */
  open(target: WebUiTarget): Promise<{ url?: string }>;
  /** Where the page's placeholder is (CSS pixels of its viewport) and whether it shows; false: not open. */
  place(id: string, bounds: WebUiBounds, visible: boolean): boolean;
  /** Closes it; false when it was not open. */
  close(id: string): Promise<boolean>;
  /** "Open in browser": the desktop app opens the system browser (opened), serve mode gives the page a URL. */
  external(target: WebUiTarget): Promise<{ opened: boolean; url?: string }>;
  /** The services stop: everything closes. */
  closeAll(): Promise<void>;
}
