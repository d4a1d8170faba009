// What the renderer and the CLI see of the registry settings: never the password, only whether one is saved for
// this address and engine (a password entered for another is as good as none: nothing will send it).
import type { RegistryView } from '../../../shared/contracts/registry';
import { resolveEngineAddress } from '../docker';
import { passwordBelongs } from './credentials';
import type { RegistryDeps } from './deps';
import { readRegistry } from './registry-store';

export function registryView(ctx: Pick<RegistryDeps, 'stores' | 'settings' | 'env' | 'operations'>): RegistryView {
  const r = readRegistry(ctx.stores);
  const view: RegistryView = {
    address: r.address,
    namespace: ctx.settings.get()['docker.register.image-namespace'],
    username: r.username,
    hasPassword: passwordBelongs(r),
    dockerHost: r.dockerHost,
    engine: resolveEngineAddress(r.dockerHost, ctx.env),
    pullSecrets: r.pullSecrets,
  };
  const last = r.lastVerification;
  // A result for another address or namespace (the namespace can change on the Settings page) says nothing now.
  const stale = last?.reference !== undefined && !last.reference.startsWith(`${r.address.replace(/\/+$/, '')}/${view.namespace}/`);
  if (last && !stale) {
    // A verification the store says is running but this process does not know was cut short by a restart.
    const known = last.status === 'running' ? ctx.operations.list().some((o) => o.id === last.opId) : true;
    view.lastVerification = known ? last : { ...last, status: 'interrupted' };
  }
  return view;
}
