// Turns what goes wrong between Flink Desk and an API server into errors a user can act on: a message saying what
// is wrong and a hint saying what to do. Never a stack trace, never a credential.

import { AppError } from '../../../shared/errors';

export interface Where {
  context: string;
  server: string;
  user?: string;
}

const hostOf = (server: string) => {
  try {
    return new URL(server).host;
  } catch {
    return server;
  }
};

const tlsUnknownCa = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
]);

/** A failure below HTTP: DNS, TCP, TLS, timeout. */
export function mapTransportError(e: unknown, where: Where, timeoutMs: number): AppError {
  const err = e as NodeJS.ErrnoException & { reason?: string };
  const code = err.code ?? '';
  const host = hostOf(where.server);
  const ctx = `context '${where.context}'`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new AppError({
      code: 'unreachable',
      message: `Cannot resolve the API server host '${new URL(where.server).hostname}' (${ctx})`,
      hint: 'Check the server address in your kubeconfig, your DNS, and that your VPN is connected',
    });
  }
  if (code === 'ECONNREFUSED') {
    return new AppError({
      code: 'unreachable',
      message: `Connection refused by ${host} (${ctx}): nothing listens there`,
      hint: 'Is the cluster running? Check the port in the server address; if you reach it through a tunnel or port-forward, start it',
    });
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ECONNRESET' || code === 'EPIPE') {
    return new AppError({
      code: 'unreachable',
      message: `The network path to ${host} failed (${code}, ${ctx})`,
      hint: 'Check your network, VPN and firewall, and that the server address is right',
    });
  }
  if (code === 'FD_TIMEOUT' || code === 'ETIMEDOUT') {
    return new AppError({
      code: 'timeout',
      message: `No answer from ${host} within ${Math.round(timeoutMs / 1000)} s (${ctx})`,
      hint: 'A firewall may drop the traffic, or a VPN is not connected; check that kubectl reaches the same server',
    });
  }
  if (tlsUnknownCa.has(code)) {
    return new AppError({
      code: 'unreachable',
      message: `The server certificate of ${host} is not signed by a CA your kubeconfig trusts (${code}, ${ctx})`,
      hint: 'Set certificate-authority-data (or certificate-authority) of the cluster to the CA that signed the API server certificate; your provider writes it when it writes the kubeconfig',
    });
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new AppError({
      code: 'unreachable',
      message: `The server certificate is not valid for '${new URL(where.server).hostname}' (${ctx}): ${err.reason ?? 'host name mismatch'}`,
      hint: 'Use a server address the certificate names, or set tls-server-name on the cluster entry to a name it does',
    });
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return new AppError({
      code: 'unreachable',
      message: `The server certificate of ${host} ${code === 'CERT_HAS_EXPIRED' ? 'has expired' : 'is not valid yet'} (${ctx})`,
      hint: 'Renew the API server certificate, or check your computer’s clock',
    });
  }
  if (code === 'EPROTO' || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS')) {
    return new AppError({
      code: 'unreachable',
      message: `TLS with ${host} failed (${code || err.message}, ${ctx})`,
      hint: 'Check that the address is the API server’s HTTPS port (https://) and that your client certificate is valid',
    });
  }
  return new AppError({
    code: 'unreachable',
    message: `Cannot reach ${host} (${ctx}): ${code || (err.message ?? String(e))}`,
    hint: 'Check the server address in your kubeconfig and your network',
  });
}

/** A failure while getting the credential: client-node's exec plugin runner, or a certificate file it reads. */
export function mapCredentialError(e: unknown, where: Where, execCommand?: string): AppError {
  const err = e as NodeJS.ErrnoException & { path?: string; syscall?: string };
  if (execCommand) {
    if (err.code === 'ENOENT' && (err.syscall?.startsWith('spawn') ?? true)) {
      return new AppError({
        code: 'tool-missing',
        message: `The credential plugin '${execCommand}' of user '${where.user ?? ''}' was not found (context '${where.context}')`,
        hint: 'Install it (your cloud provider’s CLI usually brings it) or fix its path in the kubeconfig; an app started from the desktop may have a shorter PATH than your shell',
      });
    }
    if (err.code === 'EACCES') {
      return new AppError({
        code: 'tool-missing',
        message: `The credential plugin '${execCommand}' may not be run (permission denied)`,
        hint: 'Make it executable (chmod +x) or fix its path in the kubeconfig',
      });
    }
    const detail = firstLines(err.message || String(e));
    return new AppError({
      code: 'unauthorized',
      message: `The credential plugin '${execCommand}' failed${detail ? `: ${detail}` : ''} (context '${where.context}')`,
      hint: 'Run the plugin yourself (or kubectl with this context) to see why; often you need to log in to your provider again',
    });
  }
  if (err.code === 'ENOENT' || err.code === 'EACCES') {
    return new AppError({
      code: 'invalid-input',
      message: `A file the kubeconfig names cannot be read: ${err.path ?? err.message} (context '${where.context}')`,
      hint: 'Check the certificate-authority, client-certificate and client-key paths in your kubeconfig',
    });
  }
  return new AppError({
    code: 'unauthorized',
    message: `Could not prepare the credentials of user '${where.user ?? ''}' (context '${where.context}'): ${firstLines(err.message || String(e))}`,
    hint: 'Check the user entry of this context in your kubeconfig',
  });
}

/** An HTTP answer that is not what we asked for. */
export function mapHttpError(status: number, body: unknown, where: Where, what: string): AppError {
  const message =
    typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string'
      ? (body as { message: string }).message
      : '';
  if (status === 401) {
    return new AppError({
      code: 'unauthorized',
      message: `The API server rejected the credentials of user '${where.user ?? ''}' (401 Unauthorized, context '${where.context}')`,
      hint: 'The token is wrong or has expired, or the client certificate is not trusted: get fresh credentials from your provider (or log in again) and retry',
    });
  }
  if (status === 403) {
    return new AppError({
      code: 'forbidden',
      message: `Not allowed to ${what} (403${message ? `: ${message}` : ''})`,
      hint: 'Ask a cluster administrator for the rights, or use a context with more rights',
    });
  }
  if (status === 404) {
    return new AppError({ code: 'not-found', message: `Not found while trying to ${what}${message ? `: ${message}` : ''}` });
  }
  if (status === 409) {
    // Server-side apply names the other field managers in its message ("conflict with \"kubectl-edit\"…").
    return new AppError({
      code: 'conflict',
      message: `Conflict while trying to ${what}${message ? `: ${message}` : ''}`,
      hint: 'Another tool or person changed or owns this object; look at it (kubectl get -o yaml), then retry',
    });
  }
  if (status === 400 || status === 422) {
    return new AppError({
      code: 'invalid-input',
      message: `The API server refused to ${what}${message ? `: ${message}` : ` (${status})`}`,
      hint: 'The message says which field; an immutable field (a Secret’s type, a binding’s roleRef) means deleting and re-creating the object',
    });
  }
  return new AppError({
    code: status >= 500 ? 'unreachable' : 'internal',
    message: `The API server answered ${status} when trying to ${what}${message ? `: ${message}` : ''}`,
    hint:
      status >= 500
        ? 'The API server has a problem; try again, or ask its administrator'
        : 'Try again; if it persists, the log has the details',
  });
}

/**
 * Anything thrown or reported by client-node's own transports (Watch and the informer over undici fetch, PortForward
 * over a WebSocket), mapped the same way as our requests: an HTTP status when there is one, else the socket error
 * underneath (undici wraps it as `cause`, ws as `error`).
 */
export function mapKubeError(e: unknown, where: Where, what: string, timeoutMs: number): AppError {
  if (e instanceof AppError) return e;
  const err = (e ?? {}) as {
    statusCode?: unknown;
    code?: unknown;
    body?: unknown;
    name?: unknown;
    message?: unknown;
    cause?: unknown;
    error?: unknown;
  };
  const status = typeof err.statusCode === 'number' ? err.statusCode : typeof err.code === 'number' ? err.code : undefined;
  if (status !== undefined && status >= 400) {
    const body = typeof err.body === 'string' ? safeJson(err.body) : err.body;
    return mapHttpError(status, body, where, what);
  }
  const upgrade = typeof err.message === 'string' ? /Unexpected server response: (\d{3})/.exec(err.message) : null;
  if (upgrade) return mapHttpError(Number(upgrade[1]), undefined, where, what);
  if (err.name === 'TimeoutError') return mapTransportError({ code: 'FD_TIMEOUT' }, where, timeoutMs);
  const below = (err.cause as { code?: unknown } | undefined)?.code
    ? err.cause
    : (err.error as { code?: unknown } | undefined)?.code
      ? err.error
      : e;
  return mapTransportError(below, where, timeoutMs);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 200) };
  }
}

function firstLines(text: string, max = 300): string {
  const t = text.trim().split('\n').slice(0, 3).join(' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}
