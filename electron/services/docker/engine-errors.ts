// What the engine's error text means when it talks to a registry — for anything that pulls or pushes (the registry
// verification, a build's base-image pull and its push): plain-HTTP registry, TLS, bad reference, unreachable.
// Pure; unit-tested with the texts dockerd and distribution produce. What a failure means at a given step (login
// refused, push denied) is the caller's to say.
import type { AppErrorInfo } from '../../../shared/errors';

export interface RegistryErrorContext {
  /** host[:port] of the registry. */
  host: string;
  /** The image reference the engine was working on. */
  reference: string;
}

/** The text inside a dockerode error or a progress-stream error. */
export function engineErrorText(e: unknown): string {
  if (e && typeof e === 'object') {
    const json = (e as { json?: unknown }).json;
    if (json && typeof json === 'object' && typeof (json as { message?: unknown }).message === 'string')
      return (json as { message: string }).message;
    if (typeof json === 'string' && json.trim()) return json.trim();
    if (e instanceof Error) return e.message;
  }
  return String(e);
}

/** The engine's own words, without dockerode's "(HTTP code 500) server error - " prefix. */
export function engineSaid(raw: string): string {
  return raw.replace(/^\(HTTP code \d+\)\s*(unexpected|server error)?\s*-?\s*/i, '').trim();
}

const UNREACHABLE =
  /connection refused|no such host|i\/o timeout|network is unreachable|no route to host|connection reset|context deadline exceeded|TLS handshake timeout|dial tcp|lookup .* on|EOF$/i;

/** The failures between the engine and a registry that mean the same at every step; undefined for the others. */
export function registryTransportError(raw: string, c: RegistryErrorContext): AppErrorInfo | undefined {
  const text = engineSaid(raw);
  const said = ` — the engine said: ${text}`;
  if (/server gave HTTP response to HTTPS client|first record does not look like a TLS handshake/i.test(text))
    return {
      code: 'unreachable',
      message: `The registry ${c.host} speaks plain HTTP, and the engine only uses HTTPS with it${said}`,
      hint: `Add "${c.host}" to "insecure-registries" in the engine's daemon.json and restart the engine, or serve the registry over HTTPS`,
    };
  if (/x509|certificate|tls:|handshake failure|SSL/i.test(text))
    return {
      code: 'unreachable',
      message: `TLS failed between the engine and the registry ${c.host}${said}`,
      hint: `Trust the registry's CA on the engine host (/etc/docker/certs.d/${c.host}/ca.crt), check that the certificate names ${c.host.split(':')[0]}, or, for a test registry, list it in "insecure-registries"`,
    };
  if (/invalid reference format|repository name must be lowercase|invalid repository name|must match/i.test(text))
    return {
      code: 'invalid-input',
      message: `The image reference ${c.reference} is not valid${said}`,
      hint: 'Check the registry address (host[:port][/path], no scheme) and the image namespace (lowercase letters, digits, ".", "_", "-")',
    };
  if (UNREACHABLE.test(text))
    return {
      code: 'unreachable',
      message: `The registry ${c.host} cannot be reached from the engine${said}`,
      hint: 'Check the address and port, that the registry is running, and any proxy or VPN between the engine and the registry',
    };
  return undefined;
}

/** Removes a secret (and its base64 forms) from text that may reach a log or the user. */
export function redact(text: string, ...secrets: (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (!s || s.length < 3) continue;
    for (const form of [s, Buffer.from(s).toString('base64')]) out = out.split(form).join('••••');
  }
  return out;
}
