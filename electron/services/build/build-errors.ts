// What a registry's or an engine's refusal means at each stage of a build: the base image (not found: name the
// registry asked; unauthorized), the push (unauthorized: point at Verify; denied: the namespace), and what any pull
// or push meets (plain HTTP, TLS, bad reference, unreachable, disk full). Pure.
import { AppError, type AppErrorInfo } from '../../../shared/errors';
import { engineSaid, registryTransportError, type RegistryFailure } from '../docker';

export type RegistryStage = 'base' | 'push';

export interface StageContext {
  host: string;
  /** The image being read or written. */
  reference: string;
  username?: string;
  namespace?: string;
  /** The login came from the Docker client config (a base image on another registry), not the Registry page. */
  dockerConfigLogin?: boolean;
}

const VERIFY_HINT = 'Check the user and password on the Registry page, then run Verify there (it logs in, pushes and pulls a probe)';

function unauthorized(c: StageContext, said: string): AppErrorInfo {
  return {
    code: 'unauthorized',
    message: `The registry ${c.host} refused the user name or password${c.username ? ` for ${c.username}` : ''}${said}`,
    hint: VERIFY_HINT,
  };
}

export function registryFailure(stage: RegistryStage, f: RegistryFailure, c: StageContext): AppError {
  const said = f.said ? ` — the registry said: ${f.said}` : ` (HTTP ${f.status})`;
  if (f.status === 401) return new AppError(stage === 'base' ? baseUnauthorized(c, said) : unauthorized(c, said));
  if (f.status === 403 || /DENIED/i.test(f.said))
    return new AppError(
      stage === 'push'
        ? {
            code: 'forbidden',
            message: `The registry ${c.host} refused the push of ${c.reference}${said}`,
            hint: `The user lacks push rights on ${c.namespace ?? 'this namespace'}: ask the registry's administrator, or choose an image namespace the user can push to (Settings → Registry)`,
          }
        : {
            code: 'forbidden',
            message: `The registry ${c.host} refused to give ${c.reference}${said}`,
            hint: 'The user lacks pull rights on the base image',
          },
    );
  if (stage === 'base' && (f.status === 404 || /MANIFEST_UNKNOWN|NAME_UNKNOWN/.test(f.said)))
    return new AppError({
      code: 'not-found',
      message: `The base image ${c.reference} is not in the registry ${c.host}${said}`,
      hint: 'Check spec.image.base: the registry host, the repository and the tag (Docker Hub is docker.io/library/flink:…)',
    });
  if (f.status === 413 || /too large|no space|quota/i.test(f.said))
    return new AppError({
      code: 'forbidden',
      message: `The registry ${c.host} has no room for ${c.reference}${said}`,
      hint: 'Free space or raise the quota in the registry, then build again',
    });
  if (f.status === 405 || /UNSUPPORTED/.test(f.said))
    return new AppError({
      code: 'forbidden',
      message: `The registry ${c.host} does not accept pushes${said}`,
      hint: 'The registry may be read-only or a pull-through cache; push to a registry (or project) that accepts images',
    });
  return new AppError({
    code: 'internal',
    message: `The registry ${c.host} answered ${f.status} for ${c.reference}${said}`,
    hint: 'Try again; if it persists, the registry log says why',
  });
}

/** The base's registry refused: no login at all, the Docker config's login for it, or the Flink Desk registry's. */
function baseUnauthorized(c: StageContext, said: string): AppErrorInfo {
  if (!c.username) return baseNeedsLogin(c, said);
  if (!c.dockerConfigLogin) return unauthorized(c, said);
  return {
    code: 'unauthorized',
    message: `The registry ${c.host} refused the login for ${c.username} found in the Docker client config${said}`,
    hint: `Log in again with "docker login ${c.host}" (Flink Desk reads ~/.docker/config.json, or $DOCKER_CONFIG, for registries other than its own)`,
  };
}

function baseNeedsLogin(c: StageContext, said: string): AppErrorInfo {
  return {
    code: 'unauthorized',
    message: `The registry ${c.host} wants a login to give the base image ${c.reference}${said}`,
    hint: `Log in once with "docker login ${c.host}" (Flink Desk reads ~/.docker/config.json for registries other than its own)`,
  };
}

/** An engine error text (pull, build, push) as a build error. */
export function engineFailure(stage: RegistryStage | 'build', raw: string, c: StageContext): AppError {
  const transport = registryTransportError(raw, { host: c.host, reference: c.reference });
  if (transport) return new AppError(transport);
  const text = engineSaid(raw);
  const said = ` — the engine said: ${text}`;
  if (/no space left on device|disk quota exceeded/i.test(text))
    return new AppError({
      code: 'internal',
      message: `The disk of the Docker engine is full${said}`,
      hint: 'Free space (docker system prune removes stopped containers, unused images and the build cache), then build again',
    });
  if (stage !== 'build' && /unauthorized|authentication required|incorrect username or password|no basic auth credentials/i.test(text))
    return new AppError(stage === 'base' ? baseUnauthorized(c, said) : unauthorized(c, said));
  if (stage === 'push' && /denied|insufficient_scope|forbidden/i.test(text)) return registryFailure('push', { status: 403, said: text }, c);
  if (stage === 'base' && /manifest unknown|not found|does not exist|pull access denied/i.test(text))
    return registryFailure('base', { status: 404, said: text }, c);
  return new AppError({
    code: 'internal',
    message: `${stage === 'build' ? 'The image build' : stage === 'base' ? 'The pull of the base image' : 'The push'} failed${said}`,
    hint: "The step's log has the engine's output; the engine's own log may say more",
  });
}

/** Local disk full while writing the workspace or a layer. */
export function localFailure(e: unknown, where: string): AppError | undefined {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new AppError({
      code: 'internal',
      message: `The disk is full: ${where} could not be written`,
      hint: 'Free space on this machine (the build workspace is in the temporary directory), then build again',
    });
  return undefined;
}
