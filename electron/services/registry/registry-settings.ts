// Saving the registry settings: address, user, engine address in the registry's store, the password sealed by the
// SecretBox (only when a new one is given), and the image namespace through the settings service (it is the
// setting docker.register.image-namespace, shared with the Settings page). A password belongs to the address and
// engine it was entered for: a save that changes either without a new password drops the saved one.
import type { z } from 'zod';
import type { registrySaveSchema, RegistryView } from '../../../shared/contracts/registry';
import { passwordBelongs, passwordForOf, withoutPassword } from './credentials';
import type { RegistryDeps } from './deps';
import { updateRegistry } from './registry-store';
import { registryView } from './registry-view';

export async function saveRegistry(ctx: RegistryDeps, input: z.output<typeof registrySaveSchema>): Promise<RegistryView> {
  const sealed = input.password !== undefined ? await ctx.secrets.encrypt(input.password) : undefined;
  const namespaceChanged = ctx.settings.get()['docker.register.image-namespace'] !== input.namespace;
  if (namespaceChanged) ctx.settings.update({ 'docker.register.image-namespace': input.namespace });
  let dropped: string | undefined;
  updateRegistry(ctx.stores, (r) => {
    const changedTarget = namespaceChanged || r.address !== input.address || r.username !== input.username;
    let next = {
      ...r,
      address: input.address,
      username: input.username,
      dockerHost: input.dockerHost ?? r.dockerHost,
    };
    if (sealed !== undefined) next = { ...next, passwordSealed: sealed, passwordFor: passwordForOf(next) };
    else if (input.clearPassword) next = withoutPassword(next);
    else if (next.passwordSealed && !passwordBelongs(next)) {
      dropped = r.passwordFor?.address ?? r.address;
      next = withoutPassword(next);
    }
    // A verification of other credentials says nothing about these.
    if (changedTarget || sealed !== undefined || dropped !== undefined || r.dockerHost !== next.dockerHost) delete next.lastVerification;
    return next;
  });
  if (dropped !== undefined)
    ctx.logger.info('registry password dropped: it was entered for another address or engine', { was: dropped, now: input.address });
  const view = registryView(ctx);
  ctx.events.emit('registry.changed', view);
  return view;
}
