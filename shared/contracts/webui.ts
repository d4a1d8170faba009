// The Flink Web UI inside the app (issue: Operate), by the tracked cluster's id. The desktop app shows it in a view
// of its own that main owns (the renderer only reports where its placeholder is); the serve host shows it in an
// iframe of a server of its own, on its own 127.0.0.1 port and token, so the Flink UI's scripts can never call the
// app's /rpc. Either way the UI goes through the cluster's local proxy of the access layer (every exposed type,
// ClusterIP included). The renderer never gets anything that reaches a secret: in the desktop app no URL at all.
import { z } from 'zod';
import { channel } from '../channel';

const id = z.string().min(1, 'Give the tracked cluster’s id (flink-desk status lists them)');

/** CSS pixels of the app page's viewport; bounded so a broken report cannot ask for a giant view. */
const coordinate = z.number().finite().min(-100_000).max(100_000);
const extent = z.number().finite().min(0).max(100_000);
export const webUiBoundsSchema = z.strictObject({ x: coordinate, y: coordinate, width: extent, height: extent });
export type WebUiBounds = z.infer<typeof webUiBoundsSchema>;

const idInput = z.strictObject({ id });
const placeInput = z.strictObject({ id, bounds: webUiBoundsSchema, visible: z.boolean() });

export interface WebUiOpened {
  id: string;
  title: string;
  /**
   * How the page shows it: `view` — the desktop app's own view, placed where the page reports its placeholder
   * (webui.place); `iframe` — an iframe of `url` (the serve host).
   */
  embed: 'view' | 'iframe';
  /** The iframe's address (serve mode only): a page of the host that frames the cluster's UI origin. */
  url?: string;
  /** How the cluster is reached (the access layer's words), shown beside the UI. */
  via?: string;
}

export interface WebUiExternal {
  /** The desktop app opened the system browser itself. */
  opened: boolean;
  /** Serve mode: the address for the page to open in a new tab (the cluster's local proxy on 127.0.0.1). */
  url?: string;
}

export const webUiRequests = {
  /** Opens (or finds open) the Flink Web UI of a tracked cluster; unreachable says why, from the access layer. */
  'webui.open': channel<typeof idInput, WebUiOpened>(idInput),
  /** Where the page's placeholder is now, and whether it shows (desktop app; elsewhere it does nothing). */
  'webui.place': channel<typeof placeInput, { placed: boolean }>(placeInput),
  'webui.close': channel<typeof idInput, { closed: boolean }>(idInput),
  /** "Open in browser": the desktop app opens the system browser; serve mode returns the URL for the page to open. */
  'webui.external': channel<typeof idInput, WebUiExternal>(idInput),
} as const;
