// A TEST DOUBLE of a registry's token service, named as one: what docker_auth, Harbor's core or GitLab answer at the
// `realm` of a registry configured with `auth: token` (the Docker token authentication spec). A node:http server on
// 127.0.0.1 that takes Basic credentials, grants pull and push on the scopes asked to a known user (nothing to an
// anonymous one), refuses a wrong password with 401, and signs ES256 JWTs the way docker-registry 2.8 (Debian's)
// verifies them: `iss`, `aud` = the service, `nbf`/`exp`, the `access` claim, and a `kid` header in libtrust
// fingerprint form naming a key whose certificate is the registry's rootcertbundle. The registry itself is real; the
// certificate is made by the openssl CLI (Node's crypto signs, but cannot write an X.509 certificate).
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { findTool } from '../fixtures/docker/procs.ts';

/** One request the issuer got; never the password. */
export interface TokenRequest {
  service: string | null;
  scopes: string[];
  /** The Basic user name, or undefined for an anonymous request. */
  user?: string;
  /** The Basic password was the user's. */
  passwordOk: boolean;
  granted: boolean;
}

export interface TokenIssuerDouble {
  /** http://127.0.0.1:PORT/token — the registry's `auth.token.realm`. */
  realm: string;
  service: string;
  issuer: string;
  /** PEM certificate of the signing key — the registry's `auth.token.rootcertbundle`. */
  certFile: string;
  requests: TokenRequest[];
  close(): Promise<void>;
}

/** libtrust's key id (docker-registry 2.8 looks the signing key up by it): SHA-256 of the DER SubjectPublicKeyInfo,
 * truncated to 240 bits, base32 without padding, in 12 groups of 4 joined by ":". */
export function libtrustKeyId(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const sum = createHash('sha256').update(der).digest().subarray(0, 30);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const b of sum) bits += b.toString(2).padStart(8, '0');
  let s = '';
  for (let i = 0; i + 5 <= bits.length; i += 5) s += alphabet[parseInt(bits.slice(i, i + 5), 2)];
  return s.match(/.{4}/g)!.join(':');
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export function signJwt(key: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const head = b64url(JSON.stringify({ typ: 'JWT', alg: 'ES256', kid }));
  const body = b64url(JSON.stringify(claims));
  // JWS wants the raw r||s form of the ECDSA signature, not DER.
  const sig = sign('sha256', Buffer.from(`${head}.${body}`), { key, dsaEncoding: 'ieee-p1363' });
  return `${head}.${body}.${b64url(sig)}`;
}

export async function startTokenIssuerDouble(o: {
  dir: string;
  users: Record<string, string>;
  service?: string;
}): Promise<TokenIssuerDouble> {
  const service = o.service ?? 'flink-desk-token-registry';
  const issuer = 'flink-desk-token-issuer-double';
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const keyFile = join(o.dir, 'issuer-key.pem');
  const certFile = join(o.dir, 'issuer-cert.pem');
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  const openssl = findTool('openssl', 'openssl');
  const made = spawnSync(
    openssl,
    ['req', '-x509', '-new', '-key', keyFile, '-out', certFile, '-days', '2', '-sha256', '-subj', `/CN=${issuer}`],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`openssl could not make the token issuer's certificate: ${made.stderr}`);
  const key = createPrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const kid = libtrustKeyId(createPublicKey(key));
  const requests: TokenRequest[] = [];

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/token') {
      res.writeHead(404).end();
      return;
    }
    const scopes = url.searchParams.getAll('scope');
    const auth = req.headers.authorization;
    let user: string | undefined;
    let passwordOk = false;
    if (auth?.startsWith('Basic ')) {
      const decoded = Buffer.from(auth.slice(6), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      user = decoded.slice(0, colon);
      passwordOk = colon > 0 && o.users[user] === decoded.slice(colon + 1);
    }
    const entry: TokenRequest = { service: url.searchParams.get('service'), scopes, ...(user ? { user } : {}), passwordOk, granted: false };
    requests.push(entry);
    if (user !== undefined && !passwordOk) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ details: 'incorrect username or password' }));
      return;
    }
    // A known user gets pull and push on every repository asked for; an anonymous one a token that grants nothing.
    const access = user
      ? scopes.flatMap((s) => {
          const [type, name, actions] = s.split(':');
          return type === 'repository' && name && actions
            ? [{ type, name, actions: actions.split(',').filter((a) => a === 'pull' || a === 'push') }]
            : [];
        })
      : [];
    const now = Math.floor(Date.now() / 1000);
    const token = signJwt(key, kid, {
      iss: issuer,
      sub: user ?? '',
      aud: service,
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: randomBytes(12).toString('hex'),
      access,
    });
    entry.granted = access.length > 0;
    // As Docker Hub answers: both names of the field (clients read either).
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ token, access_token: token, expires_in: 300, issued_at: new Date(now * 1000).toISOString() }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    certFile,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
