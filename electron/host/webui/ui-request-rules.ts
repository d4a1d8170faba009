// The rules of a cluster's UI origin (ui-origin.ts), pure so unit tests assert on them: which requests it answers,
// which headers go on to the cluster's local proxy, and which come back. Cookies are scoped by host, not by port:
// every 127.0.0.1 server of Flink Desk receives every one of them (the app's token too), so none goes upstream, and
// an answer may set none. A request from another origin (the app page, another cluster's UI) is refused.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { endToEnd } from '../../services/access';

/** Never forwarded: credentials of Flink Desk's own servers, and what says where the request came from. */
const NOT_UPSTREAM = new Set(['cookie', 'authorization', 'origin', 'referer']);
/** Never sent back: cookies (they would land on every 127.0.0.1 server) and cross-origin grants. */
const NOT_BACK = (name: string) => name === 'set-cookie' || name.startsWith('access-control-');

export type Verdict = { ok: true } | { ok: false; status: number; message: string };

/**
 * Whether the UI origin answers a request at all (before its cookie is looked at): its own Host only (no DNS
 * rebinding); an Origin, when sent, its own; and per Fetch Metadata, nothing from another site, and from another
 * 127.0.0.1 origin only a navigation (the app's iframe loading it), never a script's request.
 */
export function admit(headers: IncomingHttpHeaders, own: { origin: string; port: number }): Verdict {
  const host = headers.host;
  if (host !== `127.0.0.1:${own.port}` && host !== `localhost:${own.port}`)
    return { ok: false, status: 421, message: 'Unexpected Host header.' };
  const origin = headers.origin;
  if (origin !== undefined && origin !== own.origin)
    return { ok: false, status: 403, message: 'Flink Desk: this Flink Web UI answers only its own pages.' };
  const site = headers['sec-fetch-site'];
  const mode = headers['sec-fetch-mode'];
  if (site === 'cross-site' || (site === 'same-site' && mode !== 'navigate'))
    return { ok: false, status: 403, message: 'Flink Desk: this Flink Web UI answers only its own pages.' };
  return { ok: true };
}

/** The request's headers for the local proxy: end-to-end only, no cookie or credentials, its Host. */
export function upstreamHeaders(headers: IncomingHttpHeaders, proxyHost: string): OutgoingHttpHeaders {
  return { ...endToEnd(headers, (k) => NOT_UPSTREAM.has(k)), host: proxyHost };
}

/** The answer's headers for the browser: no cookies or CORS grants; framed only by the app's own pages. */
export function answerHeaders(headers: IncomingHttpHeaders, proxyOrigin: string, appOrigin: string | undefined): OutgoingHttpHeaders {
  const out = endToEnd(headers, NOT_BACK);
  const location = typeof out.location === 'string' ? out.location : undefined;
  if (location?.startsWith(proxyOrigin)) out.location = location.slice(proxyOrigin.length) || '/';
  const ancestors = `frame-ancestors ${appOrigin ?? "'none'"}`;
  const csp = out['content-security-policy'];
  const theirs: string[] = csp === undefined ? [] : Array.isArray(csp) ? csp.map(String) : [String(csp)];
  // Comma-separated policies are each enforced (CSP 3 §3.1): Flink's own, if any, stays whole.
  out['content-security-policy'] = [...theirs, ancestors].join(', ');
  out['cross-origin-resource-policy'] = 'same-origin';
  return out;
}

/** A cookie value from the Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}
