// The registry's own HTTP API (OCI distribution / Docker Registry V2), for work that needs no Docker engine: read a
// manifest and a config, check and mount blobs, upload blobs, push a manifest. Authentication as the registry asks
// for it (WWW-Authenticate): Basic, or the Bearer token flow with the scopes of the request. Hand-written on fetch
// because no maintained npm package pushes with that token exchange (containerify has static tokens only; the
// others are read-only or unmaintained, see reference/test-bench-recipes.md §4).
// The token service a registry names gets the Basic credentials only over HTTPS or on loopback, and plain HTTP is
// used only where the caller allows it (loopback, or a registry the engine lists as insecure).
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { AppError } from '../../../shared/errors';
import { isLoopbackHost } from './insecure-registries';

export interface RegistryCredentials {
  username: string;
  password: string;
}

export interface RegistryApiOptions {
  /** host[:port] of the API. */
  host: string;
  credentials?: RegistryCredentials;
  /** May plain HTTP be used when HTTPS does not answer (loopback, or a registry the engine treats as insecure). */
  allowPlainHttp: boolean;
  signal?: AbortSignal;
  /** The HTTP client; tests pass a test double that records where credentials went. */
  fetch?: typeof fetch;
}

export const MEDIA = {
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar+gzip',
} as const;

const MANIFEST_ACCEPT = [MEDIA.ociIndex, MEDIA.ociManifest, MEDIA.dockerList, MEDIA.dockerManifest].join(', ');

export interface FetchedManifest {
  mediaType: string;
  digest: string;
  bytes: Buffer;
}

/** Where a request failed, for the messages. */
export interface RegistryFailure {
  status: number;
  /** The registry's own error codes and messages ({errors:[{code,message}]}), joined. */
  said: string;
}

const basic = (c: RegistryCredentials) => `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
export const sha256 = (b: Buffer | string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

function parseChallenge(header: string | null): { scheme: 'basic' | 'bearer'; params: Record<string, string> } | undefined {
  if (!header) return undefined;
  const m = /^(\w+)\s*(.*)$/s.exec(header.trim());
  if (!m) return undefined;
  const scheme = m[1]!.toLowerCase();
  if (scheme !== 'basic' && scheme !== 'bearer') return undefined;
  const params: Record<string, string> = {};
  for (const p of m[2]!.matchAll(/(\w+)="([^"]*)"/g)) params[p[1]!] = p[2]!;
  return { scheme, params };
}

/** Whether Basic credentials may go to this token realm: HTTPS, or plain HTTP to this machine only. */
export function realmMayReceiveCredentials(realm: URL): boolean {
  return realm.protocol === 'https:' || (realm.protocol === 'http:' && isLoopbackHost(realm.host));
}

export class RegistryApi {
  private scheme: 'https' | 'http' | undefined;
  /** Authorization header per scope set, so a token for pull,push is reused across requests. */
  private readonly authFor = new Map<string, string>();
  /** A registry that asked for Basic once takes it for every scope: no 401 round trip per new scope. */
  private basicForAll: string | undefined;
  private readonly http: typeof fetch;

  constructor(private readonly o: RegistryApiOptions) {
    this.http = o.fetch ?? fetch;
  }

  get host(): string {
    return this.o.host;
  }

  /** HTTPS, else (where allowed) plain HTTP: the first answer decides, for every later request. */
  private async base(): Promise<string> {
    if (this.scheme) return `${this.scheme}://${this.o.host}`;
    try {
      const r = await this.http(`https://${this.o.host}/v2/`, { signal: this.signal() });
      await r.body?.cancel();
      this.scheme = 'https';
    } catch (e) {
      if (this.o.signal?.aborted) throw e;
      if (!this.o.allowPlainHttp) throw this.unreachable(e, 'over HTTPS');
      try {
        const r = await this.http(`http://${this.o.host}/v2/`, { signal: this.signal() });
        await r.body?.cancel();
        this.scheme = 'http';
      } catch (e2) {
        if (this.o.signal?.aborted) throw e2;
        throw this.unreachable(e2, 'over HTTPS or HTTP');
      }
    }
    return `${this.scheme}://${this.o.host}`;
  }

  private signal(): AbortSignal | undefined {
    return this.o.signal;
  }

  private unreachable(e: unknown, how: string): AppError {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
    return new AppError({
      code: 'unreachable',
      message: `The registry ${this.o.host} cannot be reached ${how} (${why})`,
      hint: 'Check the address and port, that the registry is running, and any proxy or VPN on the way',
    });
  }

  /** A request with the scopes it needs; on 401 the registry's challenge is answered once. */
  async request(
    method: string,
    path: string,
    scopes: string[],
    init: { headers?: Record<string, string>; body?: Buffer | Readable; duplex?: 'half' } = {},
  ): Promise<Response> {
    const url = path.startsWith('http') ? path : `${await this.base()}${path}`;
    const key = scopes.join(' ');
    const send = (authorization?: string) =>
      this.http(url, {
        method,
        headers: { ...init.headers, ...(authorization ? { Authorization: authorization } : {}) },
        ...(init.body ? { body: init.body as unknown as BodyInit } : {}),
        ...(init.duplex ? { duplex: init.duplex } : {}),
        redirect: 'follow',
        signal: this.signal(),
      });
    let r: Response;
    try {
      r = await send(this.authFor.get(key) ?? this.basicForAll);
    } catch (e) {
      if (this.o.signal?.aborted) throw e;
      throw this.unreachable(e, `for ${method} ${path.split('?')[0]}`);
    }
    if (r.status !== 401) return r;
    // A streamed body cannot be sent twice: the caller sends streams only after a request with the same scopes.
    if (init.body && !Buffer.isBuffer(init.body)) return r;
    const challenge = parseChallenge(r.headers.get('www-authenticate'));
    await r.body?.cancel();
    const authorization = challenge ? await this.answer(challenge, scopes) : undefined;
    if (!authorization) return r;
    if (challenge?.scheme === 'basic') this.basicForAll = authorization;
    else this.authFor.set(key, authorization);
    return send(authorization);
  }

  private async answer(c: NonNullable<ReturnType<typeof parseChallenge>>, scopes: string[]): Promise<string | undefined> {
    const creds = this.o.credentials;
    if (c.scheme === 'basic') return creds ? basic(creds) : undefined;
    let realm: URL;
    try {
      realm = new URL(c.params.realm ?? '');
    } catch {
      throw new AppError({
        code: 'unreachable',
        message: `The registry ${this.o.host} named a token service that is not a URL (${c.params.realm ?? 'none'})`,
        hint: "The registry's token authentication is misconfigured: tell its administrator",
      });
    }
    if (c.params.service) realm.searchParams.set('service', c.params.service);
    for (const s of scopes) realm.searchParams.append('scope', s);
    const sendCreds = creds && realmMayReceiveCredentials(realm);
    if (creds && !sendCreds)
      throw new AppError({
        code: 'forbidden',
        message: `The registry ${this.o.host} asks for the password at ${realm.origin}, which is plain HTTP off this machine; it was not sent`,
        hint: 'Ask the registry administrator to serve its token service over HTTPS',
      });
    const r = await this.http(realm, { headers: sendCreds ? { Authorization: basic(creds) } : {}, signal: this.signal() });
    if (!r.ok) {
      await r.body?.cancel();
      return undefined;
    }
    const body = (await r.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    return token ? `Bearer ${token}` : undefined;
  }

  async manifest(repository: string, reference: string): Promise<FetchedManifest | RegistryFailure> {
    const r = await this.request('GET', `/v2/${repository}/manifests/${reference}`, [`repository:${repository}:pull`], {
      headers: { Accept: MANIFEST_ACCEPT },
    });
    if (!r.ok) return failure(r);
    const bytes = Buffer.from(await r.arrayBuffer());
    const mediaType = (r.headers.get('content-type') ?? '').split(';')[0]!.trim() || mediaTypeOf(bytes);
    return { mediaType, digest: r.headers.get('docker-content-digest') ?? sha256(bytes), bytes };
  }

  /** The digest of a manifest (HEAD), or the failure (404: not there). */
  async headManifest(
    repository: string,
    reference: string,
    scopes = [`repository:${repository}:pull`],
  ): Promise<{ digest: string } | RegistryFailure> {
    const r = await this.request('HEAD', `/v2/${repository}/manifests/${reference}`, scopes, { headers: { Accept: MANIFEST_ACCEPT } });
    await r.body?.cancel();
    if (!r.ok) return { status: r.status, said: '' };
    const digest = r.headers.get('docker-content-digest');
    if (digest) return { digest };
    // A registry that does not say the digest on HEAD: read the manifest.
    const m = await this.manifest(repository, reference);
    return 'bytes' in m ? { digest: m.digest } : m;
  }

  async blob(repository: string, digest: string): Promise<Buffer | RegistryFailure> {
    const r = await this.request('GET', `/v2/${repository}/blobs/${digest}`, [`repository:${repository}:pull`]);
    if (!r.ok) return failure(r);
    const bytes = Buffer.from(await r.arrayBuffer());
    if (sha256(bytes) !== digest)
      throw new AppError({
        code: 'conflict',
        message: `The registry ${this.o.host} sent content for ${repository}@${digest} that does not match its digest`,
        hint: 'A proxy or cache in front of the registry may be serving other content',
      });
    return bytes;
  }

  /** The blob's body as a stream (for a copy to another registry). */
  async blobStream(repository: string, digest: string): Promise<Response> {
    return this.request('GET', `/v2/${repository}/blobs/${digest}`, [`repository:${repository}:pull`]);
  }

  async hasBlob(repository: string, digest: string, scopes = [`repository:${repository}:pull,push`]): Promise<boolean | RegistryFailure> {
    const r = await this.request('HEAD', `/v2/${repository}/blobs/${digest}`, scopes);
    await r.body?.cancel();
    if (r.ok) return true;
    if (r.status === 404) return false;
    return { status: r.status, said: '' };
  }

  /** Cross-repository mount inside this registry: true when mounted, false when the registry wants an upload. */
  async mountBlob(repository: string, digest: string, from: string): Promise<boolean | RegistryFailure> {
    const scopes = [`repository:${repository}:pull,push`, `repository:${from}:pull`];
    const r = await this.request(
      'POST',
      `/v2/${repository}/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}`,
      scopes,
      { headers: { 'Content-Length': '0' } },
    );
    if (r.status === 201) {
      await r.body?.cancel();
      return true;
    }
    if (r.status === 202) {
      // The registry opened an upload instead: cancel it, the caller uploads with its own session.
      const location = r.headers.get('location');
      await r.body?.cancel();
      if (location)
        await this.request('DELETE', await this.resolve(location), scopes)
          .then((d) => d.body?.cancel())
          .catch(() => undefined);
      return false;
    }
    return failure(r);
  }

  /** Monolithic upload: POST for a session, then PUT with the digest. A Buffer, or a stream with its size. */
  async uploadBlob(repository: string, digest: string, body: Buffer | { stream: Readable; size: number }): Promise<void | RegistryFailure> {
    const scopes = [`repository:${repository}:pull,push`];
    const start = await this.request('POST', `/v2/${repository}/blobs/uploads/`, scopes, { headers: { 'Content-Length': '0' } });
    const location = start.headers.get('location');
    await start.body?.cancel();
    if (start.status !== 202 || !location) return { status: start.status, said: start.status === 202 ? 'no upload location' : '' };
    const url = new URL(await this.resolve(location));
    url.searchParams.set('digest', digest);
    const isBuffer = Buffer.isBuffer(body);
    const r = await this.request('PUT', url.toString(), scopes, {
      headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(isBuffer ? body.length : body.size) },
      body: isBuffer ? body : body.stream,
      ...(isBuffer ? {} : { duplex: 'half' as const }),
    });
    if (r.status === 201 || r.status === 204) {
      await r.body?.cancel();
      return;
    }
    return failure(r);
  }

  async putManifest(repository: string, tag: string, mediaType: string, bytes: Buffer): Promise<string | RegistryFailure> {
    const r = await this.request('PUT', `/v2/${repository}/manifests/${tag}`, [`repository:${repository}:pull,push`], {
      headers: { 'Content-Type': mediaType },
      body: bytes,
    });
    if (r.status !== 201 && r.status !== 200) return failure(r);
    await r.body?.cancel();
    return r.headers.get('docker-content-digest') ?? sha256(bytes);
  }

  /** Upload locations may be relative to the registry (the spec allows it). */
  private async resolve(location: string): Promise<string> {
    return new URL(location, `${await this.base()}/`).toString();
  }
}

export function isFailure(v: unknown): v is RegistryFailure {
  return typeof v === 'object' && v !== null && 'status' in v && 'said' in v;
}

async function failure(r: Response): Promise<RegistryFailure> {
  let said = '';
  try {
    const text = await r.text();
    try {
      const body = JSON.parse(text) as { errors?: { code?: string; message?: string }[] };
      said = (body.errors ?? []).map((e) => [e.code, e.message].filter(Boolean).join(': ')).join('; ');
    } catch {
      said = text.slice(0, 200).trim();
    }
  } catch {
    /* no body */
  }
  return { status: r.status, said };
}

function mediaTypeOf(bytes: Buffer): string {
  try {
    const m = JSON.parse(bytes.toString('utf8')) as { mediaType?: string; manifests?: unknown };
    return m.mediaType ?? (m.manifests ? MEDIA.ociIndex : MEDIA.ociManifest);
  } catch {
    return '';
  }
}
