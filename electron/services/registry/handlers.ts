// The registry channels of the contract (shared/contracts/registry.ts), over the registry services.
import type { Handlers } from '../rpc/dispatcher';
import type { registryRequests } from '../../../shared/contracts/registry';
import type { RegistryDeps } from './deps';
import { importDockerCredentials } from './import-credentials';
import { applyPullSecret } from './pull-secret';
import { saveRegistry } from './registry-settings';
import { registryView } from './registry-view';
import { startVerification } from './verify';

export function registryHandlers(ctx: RegistryDeps & Parameters<typeof applyPullSecret>[0]): Pick<Handlers, keyof typeof registryRequests> {
  return {
    'registry.get': () => registryView(ctx),
    'registry.save': (input) => saveRegistry(ctx, input),
    'registry.verify': () => startVerification(ctx),
    'registry.pullSecret': (input) => applyPullSecret(ctx, input),
    'registry.importDockerConfig': (input) => importDockerCredentials(ctx, input?.address),
  };
}
