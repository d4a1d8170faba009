// What the renderer and the CLI see of the registry settings: never the password, only whether one is saved.
import type { RegistryView } from '../../../shared/contracts/registry';
import type { ServiceContext } from '../context';
import { resolveEngineAddress } from './docker-engine';
import { readRegistry } from './registry-store';

export function registryView(ctx: ServiceContext): RegistryView {
  const r = readRegistry(ctx.stores);
  const view: RegistryView = {
    address: r.address,
    namespace: ctx.settings.get()['docker.register.image-namespace'],
    username: r.username,
    hasPassword: Boolean(r.passwordSealed),
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
