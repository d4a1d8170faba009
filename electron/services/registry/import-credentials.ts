// "Import from Docker config": the credentials the Docker config holds for the configured registry become the saved
// user and (sealed) password, bound to that address and engine. Only the configured registry's entry is taken: an
// import naming another registry is refused (its password would otherwise be saved for, and sent to, the
// configured one). With no address saved yet, the imported registry's address is saved with them.
import { credentialServer, registryAddressProblem, type DockerConfigImportResult } from '../../../shared/contracts/registry';
import { AppError } from '../../../shared/errors';
import { passwordForOf } from './credentials';
import type { RegistryDeps } from './deps';
import { findDockerCredentials, normalizeServer } from './docker-config-import';
import { readRegistry, updateRegistry } from './registry-store';
import { registryView } from './registry-view';

/** The name the Docker config keys this registry's credentials by. */
const configKey = (address: string) => normalizeServer(credentialServer(address));

export async function importDockerCredentials(ctx: RegistryDeps, address?: string): Promise<DockerConfigImportResult> {
  const saved = readRegistry(ctx.stores).address;
  if (saved && address && configKey(address) !== configKey(saved))
    throw new AppError({
      code: 'invalid-input',
      message: `The configured registry is ${saved}, not ${address}: only its credentials can be imported`,
      hint: `Save ${address} as the registry address first (its password is then asked for anew), then import`,
    });
  const wanted = saved || address;
  const found = await findDockerCredentials(ctx.env, wanted ? configKey(wanted) : undefined);
  const target = saved || (address?.trim() ?? found.address);
  const problem = registryAddressProblem(target);
  if (problem)
    throw new AppError({
      code: 'invalid-input',
      message: `The Docker config names the registry "${target}": ${problem}`,
      hint: 'Type the address on the Registry page',
    });
  const sealed = await ctx.secrets.encrypt(found.password);
  updateRegistry(ctx.stores, (r) => {
    // The store is re-read under its lock: if the address changed since, these credentials are not for it.
    if (r.address && configKey(r.address) !== configKey(target))
      throw new AppError({
        code: 'conflict',
        message: `The registry address changed to ${r.address} while importing the credentials for ${target}`,
        hint: 'Import again',
      });
    const next = { ...r, address: r.address || target, username: found.username, passwordSealed: sealed };
    delete next.lastVerification;
    return { ...next, passwordFor: passwordForOf(next) };
  });
  ctx.logger.info('registry credentials imported', { registry: found.address, source: found.source });
  const view = registryView(ctx);
  ctx.events.emit('registry.changed', view);
  return { view, importedFrom: found.file, source: found.source };
}
