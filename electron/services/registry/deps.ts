// What the registry capability is built from: the narrow part of the service context it uses.
import type { ServiceContext } from '../context';

export type RegistryDeps = Pick<ServiceContext, 'stores' | 'secrets' | 'events' | 'logger' | 'settings' | 'operations' | 'env'>;
