// What an engine failure means at each step of the verification: the failures any pull or push meets (plain-HTTP
// registry, TLS, bad reference, unreachable) come from docker/; here is what login refused, push denied and pull
// denied mean for the user. Pure; unit-tested with the texts dockerd and distribution produce.
import type { AppErrorInfo } from '../../../shared/errors';
import { engineSaid, registryTransportError, type RegistryErrorContext } from '../docker';

export type VerifyStage = 'login' | 'push' | 'pull' | 'cleanup';

export interface ErrorContext extends RegistryErrorContext {
  namespace: string;
  username: string;
}

const is = (re: RegExp, text: string) => re.test(text);

export function classifyEngineError(stage: VerifyStage, raw: string, c: ErrorContext): AppErrorInfo {
  const transport = registryTransportError(raw, c);
  if (transport) return transport;
  const text = engineSaid(raw);
  const said = ` — the engine said: ${text}`;
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
