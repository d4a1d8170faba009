// What the engine's error text means for the user: a code, a message naming the registry, and a hint for the known
// failures (wrong credentials, push denied, plain-HTTP registry, TLS, bad reference, unreachable). Pure; unit-tested
// with the texts dockerd and distribution produce.
import type { AppErrorInfo } from '../../../shared/errors';

export type VerifyStage = 'login' | 'push' | 'pull' | 'cleanup';

export interface ErrorContext {
  host: string;
  namespace: string;
  reference: string;
  username: string;
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

const is = (re: RegExp, text: string) => re.test(text);

export function classifyEngineError(stage: VerifyStage, raw: string, c: ErrorContext): AppErrorInfo {
  const text = raw.replace(/^\(HTTP code \d+\)\s*(unexpected|server error)?\s*-?\s*/i, '').trim();
  const said = ` — the engine said: ${text}`;

  if (is(/server gave HTTP response to HTTPS client|first record does not look like a TLS handshake/i, text))
    return {
      code: 'unreachable',
      message: `The registry ${c.host} speaks plain HTTP, and the engine only uses HTTPS with it${said}`,
      hint: `Add "${c.host}" to "insecure-registries" in the engine's daemon.json and restart the engine, or serve the registry over HTTPS`,
    };
  if (is(/x509|certificate|tls:|handshake failure|SSL/i, text))
    return {
      code: 'unreachable',
      message: `TLS failed between the engine and the registry ${c.host}${said}`,
      hint: `Trust the registry's CA on the engine host (/etc/docker/certs.d/${c.host}/ca.crt), check that the certificate names ${c.host.split(':')[0]}, or, for a test registry, list it in "insecure-registries"`,
    };
  if (is(/invalid reference format|repository name must be lowercase|invalid repository name|must match/i, text))
    return {
      code: 'invalid-input',
      message: `The image reference ${c.reference} is not valid${said}`,
      hint: 'Check the registry address (host[:port][/path], no scheme) and the image namespace (lowercase letters, digits, ".", "_", "-")',
    };
  if (
    is(
      /connection refused|no such host|i\/o timeout|network is unreachable|no route to host|connection reset|context deadline exceeded|TLS handshake timeout|dial tcp|lookup .* on|EOF$/i,
      text,
    )
  )
    return {
      code: 'unreachable',
      message: `The registry ${c.host} cannot be reached from the engine${said}`,
      hint: 'Check the address and port, that the registry is running, and any proxy or VPN between the engine and the registry',
    };
  if (stage === 'login' && is(/unauthorized|authentication required|incorrect username or password|401|denied|forbidden/i, text))
    return {
      code: 'unauthorized',
      message: `The registry ${c.host} refused the user name or password${c.username ? ` for ${c.username}` : ''}`,
      hint: 'Check the user name and password (or token), save them again, and verify. Nothing was pushed.',
    };
  if (stage === 'push' && is(/denied|unauthorized|insufficient_scope|authentication required|forbidden|403|401/i, text))
    return {
      code: 'forbidden',
      message: `The registry ${c.host} refused the push to ${c.namespace}${said}`,
      hint: `Login works, but the user lacks push on ${c.namespace}: ask the registry's admin for push rights there, or choose an image namespace the user can push to`,
    };
  if (stage === 'push' && is(/unsupported|405|read.?only/i, text))
    return {
      code: 'forbidden',
      message: `The registry ${c.host} does not accept pushes${said}`,
      hint: 'The registry may be read-only or a pull-through cache; push to a registry (or project) that accepts images',
    };
  if (stage === 'pull' && is(/denied|unauthorized|forbidden|403|401/i, text))
    return {
      code: 'forbidden',
      message: `The push worked, but the registry ${c.host} refused the pull of ${c.reference}${said}`,
      hint: `The user lacks pull on ${c.namespace}; Kubernetes would fail the same way with these credentials`,
    };
  if (stage === 'pull' && is(/manifest unknown|not found|name unknown/i, text))
    return {
      code: 'not-found',
      message: `The registry ${c.host} did not return the image just pushed (${c.reference})${said}`,
      hint: 'A proxy or cache in front of the registry may be serving stale content, or the registry dropped the upload',
    };
  return {
    code: 'internal',
    message: `The ${stage} step failed${said}`,
    hint: "The engine's own log may say more (journalctl -u docker, or Docker Desktop's troubleshooting page)",
  };
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
