// "Import from Docker config": the credentials found for the registry become the saved user and (sealed) password;
// the address is taken too when none is saved yet.
import { registryAddressProblem, type DockerConfigImportResult } from '../../../shared/contracts/registry';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import { findDockerCredentials } from './docker-config-import';
import { readRegistry, updateRegistry } from './registry-store';
import { registryView } from './registry-view';

export async function importDockerCredentials(ctx: ServiceContext, address?: string): Promise<DockerConfigImportResult> {
  const saved = readRegistry(ctx.stores).address;
  const found = await findDockerCredentials(ctx.env, address ?? (saved || undefined));
  const problem = registryAddressProblem(found.address);
  if (problem)
    throw new AppError({
      code: 'invalid-input',
      message: `The Docker config names the registry "${found.address}": ${problem}`,
      hint: 'Type the address on the Registry page',
    });
  const sealed = await ctx.secrets.encrypt(found.password);
  updateRegistry(ctx.stores, (r) => {
    const next = { ...r, address: r.address || found.address, username: found.username, passwordSealed: sealed };
    delete next.lastVerification;
    return next;
  });
  ctx.logger.info('registry credentials imported', { registry: found.address, source: found.source });
  const view = registryView(ctx);
  ctx.events.emit('registry.changed', view);
  return { view, importedFrom: found.file, source: found.source };
}
