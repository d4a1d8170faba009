// Deletes the probe's manifest from the registry (Registry HTTP API V2: DELETE /v2/<name>/manifests/<digest>) so a
// verification leaves nothing behind where the registry allows deletes. Basic auth, or the bearer-token flow when
// the registry answers with a Bearer challenge. Plain HTTP only when the engine itself treats the registry as
// insecure (it then already sent the credentials over HTTP for the push). The token service the challenge names
// (its realm) gets the Basic credentials only over HTTPS or on loopback: a registry must not be able to send them
// in clear text across the network by naming an http:// realm.
import { isLoopbackHost } from '../docker';

export interface RemoteDeleteInput {
  host: string;
  /** Repository name inside the registry, e.g. streamx/flink-desk-probe. */
  repository: string;
  digest: string;
  username: string;
  password: string;
  insecure: boolean;
  signal?: AbortSignal;
  /** The HTTP client; tests pass a test double that records where credentials went. */
  fetch?: typeof fetch;
}

export type RemoteDeleteOutcome =
  { deleted: true } | { deleted: false; reason: 'not-allowed' | 'forbidden' | 'not-found' | 'insecure-realm' | 'error'; detail: string };

const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

function parseChallenge(header: string | null): Record<string, string> | undefined {
  if (!header || !/^Bearer\s/i.test(header)) return undefined;
  const out: Record<string, string> = {};
  for (const m of header.slice(7).matchAll(/(\w+)="([^"]*)"/g)) out[m[1]!] = m[2]!;
  return out.realm ? out : undefined;
}

/** Whether Basic credentials may go to this token realm: HTTPS, or plain HTTP to this machine only. */
export function realmMayReceiveCredentials(realm: URL): boolean {
  return realm.protocol === 'https:' || (realm.protocol === 'http:' && isLoopbackHost(realm.host));
}

type TokenAnswer = { token: string } | { refused: RemoteDeleteOutcome } | undefined;

async function bearerToken(challenge: Record<string, string>, i: RemoteDeleteInput, signal: AbortSignal): Promise<TokenAnswer> {
  let url: URL;
  try {
    url = new URL(challenge.realm!);
  } catch {
    return {
      refused: { deleted: false, reason: 'error', detail: `the registry named a token service that is not a URL (${challenge.realm})` },
    };
  }
  if (!realmMayReceiveCredentials(url))
    return {
      refused: {
        deleted: false,
        reason: 'insecure-realm',
        detail: `the registry's token service ${url.origin} is plain HTTP off this machine, so the credentials were not sent to it`,
      },
    };
  if (challenge.service) url.searchParams.set('service', challenge.service);
  url.searchParams.set('scope', challenge.scope ?? `repository:${i.repository}:delete`);
  const r = await (i.fetch ?? fetch)(url, { headers: { Authorization: basic(i.username, i.password) }, signal });
  if (!r.ok) {
    await r.body?.cancel();
    return undefined;
  }
  const body = (await r.json()) as { token?: string; access_token?: string };
  const token = body.token ?? body.access_token;
  return token ? { token } : undefined;
}

async function attempt(scheme: 'https' | 'http', i: RemoteDeleteInput, signal: AbortSignal): Promise<RemoteDeleteOutcome> {
  const http = i.fetch ?? fetch;
  const url = `${scheme}://${i.host}/v2/${i.repository}/manifests/${i.digest}`;
  let r = await http(url, { method: 'DELETE', headers: { Authorization: basic(i.username, i.password) }, signal });
  if (r.status === 401) {
    const challenge = parseChallenge(r.headers.get('www-authenticate'));
    const answer = challenge ? await bearerToken(challenge, i, signal) : undefined;
    if (answer && 'refused' in answer) {
      await r.body?.cancel();
      return answer.refused;
    }
    if (answer) {
      await r.body?.cancel();
      r = await http(url, { method: 'DELETE', headers: { Authorization: `Bearer ${answer.token}` }, signal });
    }
  }
  await r.body?.cancel();
  if (r.status === 202 || r.status === 200) return { deleted: true };
  if (r.status === 405) return { deleted: false, reason: 'not-allowed', detail: 'the registry does not allow deletes (405)' };
  if (r.status === 401 || r.status === 403)
    return { deleted: false, reason: 'forbidden', detail: `the user may not delete in ${i.repository} (${r.status})` };
  if (r.status === 404) return { deleted: false, reason: 'not-found', detail: 'the registry no longer has it (404)' };
  return { deleted: false, reason: 'error', detail: `the registry answered ${r.status}` };
}

export async function deleteRemoteManifest(i: RemoteDeleteInput): Promise<RemoteDeleteOutcome> {
  const signal = i.signal ? AbortSignal.any([i.signal, AbortSignal.timeout(15_000)]) : AbortSignal.timeout(15_000);
  try {
    return await attempt('https', i, signal);
  } catch (e) {
    if (!i.insecure) return { deleted: false, reason: 'error', detail: `HTTPS request failed (${causeOf(e)})` };
  }
  try {
    return await attempt('http', i, signal);
  } catch (e) {
    return { deleted: false, reason: 'error', detail: `request failed (${causeOf(e)})` };
  }
}

function causeOf(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
}
