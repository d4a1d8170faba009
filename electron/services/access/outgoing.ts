// The request the local proxy sends upstream for a client's request, and the answer's headers it sends back: the
// client's path and query under the upstream's base path (dot segments resolved first, so no path climbs out of a
// service proxy's prefix into the rest of the API server), hop-by-hop headers dropped, the upstream's own headers
// (the service proxy's credentials) in place of the client's Authorization and Cookie. Pure: unit tests assert on it.
import type { IncomingHttpHeaders, OutgoingHttpHeaders, RequestOptions } from 'node:http';
import type { UpstreamTarget } from './upstream';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
]);

/** The end-to-end headers (RFC 9110 7.6.1: hop-by-hop ones dropped), less those `drop` names. The embedded Web UI's
 * origin (electron/host/webui) filters its traffic with it too. */
export function endToEnd(headers: IncomingHttpHeaders, drop: (name: string) => boolean = () => false): OutgoingHttpHeaders {
  // Headers named in Connection are hop-by-hop too (RFC 9110 7.6.1).
  const named = new Set(
    String(headers.connection ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  );
  const out: OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !HOP_BY_HOP.has(k) && !named.has(k) && !drop(k)) out[k] = v;
  return out;
}

/** The client's path and query, dot segments resolved (WHATWG URL rules, %2e included). */
export function cleanPath(url: string | undefined): string {
  const u = new URL(url ?? '/', 'http://local.invalid');
  return `${u.pathname}${u.search}`;
}

export interface Outgoing extends RequestOptions {
  /** The full URL, for messages and tests. */
  href: string;
}

export function outgoingRequest(target: UpstreamTarget, method: string, url: string | undefined, headers: IncomingHttpHeaders): Outgoing {
  const base = target.base;
  const path = `${base.pathname.replace(/\/$/, '')}${cleanPath(url)}`;
  const out = endToEnd(headers);
  const own = Object.entries(target.headers);
  if (target.ownCredentials || own.length || target.auth) delete out.authorization;
  // Never a cookie: a browser sends this proxy every 127.0.0.1 cookie (the serve host's token among them, cookies
  // ignore ports) when the user opens the Web UI here; Flink's REST API uses none.
  delete out.cookie;
  for (const [k, v] of own) out[k.toLowerCase()] = v;
  out.host = base.host;
  return {
    href: `${base.origin}${path}`,
    protocol: base.protocol,
    hostname: base.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: base.port || (base.protocol === 'https:' ? 443 : 80),
    method,
    path,
    headers: out,
    agent: target.agent,
    ...(target.auth ? { auth: target.auth } : {}),
  };
}

/** The upstream answer's headers for the client: hop-by-hop dropped, a redirect into the base path made relative to it. */
export function answerHeaders(headers: IncomingHttpHeaders, base: URL): OutgoingHttpHeaders {
  const out = endToEnd(headers);
  // Nor one set on 127.0.0.1 by an upstream, where Flink Desk's own servers would receive it.
  delete out['set-cookie'];
  const location = typeof out.location === 'string' ? out.location : undefined;
  const prefix = base.pathname.replace(/\/$/, '');
  if (location && prefix) {
    const abs = `${base.origin}${prefix}`;
    if (location.startsWith(abs)) out.location = location.slice(abs.length) || '/';
    else if (location.startsWith(`${prefix}/`) || location === prefix) out.location = location.slice(prefix.length) || '/';
  }
  return out;
}
