// The registry channels of the contract (shared/contracts/registry.ts), over the registry services.
import type { ServiceContext } from '../app';
import type { Handlers } from '../rpc/dispatcher';
import type { registryRequests } from '../../../shared/contracts/registry';

export function registryHandlers(_ctx: ServiceContext): Pick<Handlers, keyof typeof registryRequests> {
  return {};
}
