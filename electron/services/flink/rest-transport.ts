// How the Flink REST client's requests travel. A JSON call (every poll of the tracking loops: a thousand calls a
// round) goes through undici's request(), which costs about a third of the CPU of fetch() — the same undici without
// the WHATWG Request, Headers and stream objects (measured: tracking benchmark, and 840 GETs at a time against one
// loopback server: 80–130 ms of CPU against 280–310 ms). A multipart upload (a jar streamed from disk as a Blob)
// goes through fetch(), whose FormData encoding is the one Node ships. Tests pass a fetch of their own, which then
// carries every call.
import { request } from 'undici';

export interface RestRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  headers: Record<string, string>;
  body?: string | FormData;
  signal: AbortSignal;
}

export interface RestAnswer {
  status: number;
  text: string;
}

export type RestTransport = (url: string, req: RestRequest) => Promise<RestAnswer>;

export function fetchTransport(fetchImpl: typeof fetch): RestTransport {
  return async (url, { method, headers, body, signal }) => {
    const res = await fetchImpl(url, { method, headers, signal, ...(body !== undefined ? { body } : {}) });
    return { status: res.status, text: await res.text() };
  };
}

const viaFetch = fetchTransport((...a) => fetch(...a));

/** undici's request() for JSON calls, fetch() for a multipart form. */
export const defaultTransport: RestTransport = async (url, req) => {
  if (req.body instanceof FormData) return viaFetch(url, req);
  const res = await request(url, {
    method: req.method,
    headers: req.headers,
    signal: req.signal,
    ...(req.body !== undefined ? { body: req.body } : {}),
  });
  return { status: res.statusCode, text: await res.body.text() };
};
