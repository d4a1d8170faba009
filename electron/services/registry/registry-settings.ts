// Saving the registry settings: address, user, engine address in the 'registry' section, the password sealed by
// the SecretBox (only when a new one is given), and the image namespace through the settings service (it is the
// setting docker.register.image-namespace, shared with the Settings page).
import type { z } from 'zod';
import type { registrySaveSchema, RegistryView } from '../../../shared/contracts/registry';
import type { ServiceContext } from '../context';
import { updateRegistry } from './registry-store';
import { registryView } from './registry-view';

export async function saveRegistry(ctx: ServiceContext, input: z.output<typeof registrySaveSchema>): Promise<RegistryView> {
  const sealed = input.password !== undefined ? await ctx.secrets.encrypt(input.password) : undefined;
  const namespaceChanged = ctx.settings.get()['docker.register.image-namespace'] !== input.namespace;
  if (namespaceChanged) ctx.settings.update({ 'docker.register.image-namespace': input.namespace });
  updateRegistry(ctx.stores, (r) => {
    const changedTarget = namespaceChanged || r.address !== input.address || r.username !== input.username;
    const next = {
      ...r,
      address: input.address,
      username: input.username,
      dockerHost: input.dockerHost ?? r.dockerHost,
    };
    if (sealed !== undefined) next.passwordSealed = sealed;
    else if (input.clearPassword) delete next.passwordSealed;
    // A verification of other credentials says nothing about these.
    if (changedTarget || sealed !== undefined) delete next.lastVerification;
    return next;
  });
  const view = registryView(ctx);
  ctx.events.emit('registry.changed', view);
  return view;
}
