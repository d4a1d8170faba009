// Deletes the probe's manifest from the registry (Registry HTTP API V2: DELETE /v2/<name>/manifests/<digest>) so a
// verification leaves nothing behind where the registry allows deletes. Basic auth, or the bearer-token flow when
// the registry answers with a Bearer challenge. Plain HTTP only when the engine itself treats the registry as
// insecure (it then already sent the credentials over HTTP for the push).
import { isIPv4 } from 'node:net';

export interface RemoteDeleteInput {
  host: string;
  /** Repository name inside the registry, e.g. streamx/flink-desk-probe. */
  repository: string;
  digest: string;
  username: string;
  password: string;
  insecure: boolean;
  signal?: AbortSignal;
}

export type RemoteDeleteOutcome =
  { deleted: true } | { deleted: false; reason: 'not-allowed' | 'forbidden' | 'not-found' | 'error'; detail: string };

const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

function parseChallenge(header: string | null): Record<string, string> | undefined {
  if (!header || !/^Bearer\s/i.test(header)) return undefined;
  const out: Record<string, string> = {};
  for (const m of header.slice(7).matchAll(/(\w+)="([^"]*)"/g)) out[m[1]!] = m[2]!;
  return out.realm ? out : undefined;
}

async function bearerToken(challenge: Record<string, string>, i: RemoteDeleteInput, signal: AbortSignal): Promise<string | undefined> {
  const url = new URL(challenge.realm!);
  if (challenge.service) url.searchParams.set('service', challenge.service);
  url.searchParams.set('scope', challenge.scope ?? `repository:${i.repository}:delete`);
  const r = await fetch(url, { headers: { Authorization: basic(i.username, i.password) }, signal });
  if (!r.ok) return undefined;
  const body = (await r.json()) as { token?: string; access_token?: string };
  return body.token ?? body.access_token;
}

async function attempt(scheme: 'https' | 'http', i: RemoteDeleteInput, signal: AbortSignal): Promise<RemoteDeleteOutcome> {
  const url = `${scheme}://${i.host}/v2/${i.repository}/manifests/${i.digest}`;
  let r = await fetch(url, { method: 'DELETE', headers: { Authorization: basic(i.username, i.password) }, signal });
  if (r.status === 401) {
    const challenge = parseChallenge(r.headers.get('www-authenticate'));
    const token = challenge ? await bearerToken(challenge, i, signal) : undefined;
    if (token) r = await fetch(url, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` }, signal });
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

interface EngineRegistryConfig {
  RegistryConfig?: { InsecureRegistryCIDRs?: string[]; IndexConfigs?: Record<string, { Secure?: boolean }> };
}

/** Whether the engine talks to `host` over plain HTTP (its insecure-registries, or loopback which it allows). */
export function engineTreatsInsecure(info: unknown, host: string): boolean {
  const cfg = (info as EngineRegistryConfig | undefined)?.RegistryConfig;
  if (cfg?.IndexConfigs?.[host]?.Secure === false) return true;
  const hostname = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  const ip = hostname === 'localhost' ? '127.0.0.1' : hostname;
  if (!isIPv4(ip)) return false;
  return (cfg?.InsecureRegistryCIDRs ?? []).some((cidr) => inCidr(ip, cidr));
}

function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  if (!base || !isIPv4(base)) return false;
  const bits = Number(bitsText ?? 32);
  const toInt = (a: string) => a.split('.').reduce((n, o) => (n << 8) + Number(o), 0) >>> 0;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (toInt(ip) & mask) === (toInt(base) & mask);
}
