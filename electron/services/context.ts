// What the capabilities are built from. Each capability's handlers take the narrow part they use (a Pick of this),
// never a transport and never another capability's internals.
import type { KubeClients } from './kube';
import type { Clock, FilePicker, Logger, Scheduler, SecretBox } from './ports';
import type { EventBus } from './runtime/event-bus';
import type { Lifecycle } from './runtime/lifecycle';
import type { OperationRegistry } from './operations/operation-registry';
import type { SettingsService } from './settings/settings-service';
import type { Stores } from './store/stores';

export interface ServiceContext {
  stores: Stores;
  secrets: SecretBox;
  /** The in-process bus: emit to every window and to other services; `on` to react. */
  events: EventBus;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  settings: SettingsService;
  operations: OperationRegistry;
  /** Register background work here: started with the services, disposed when they stop. */
  lifecycle: Lifecycle;
  /** The Kubernetes clients, one per kubeconfig context: every capability talks to clusters through this. */
  kube: KubeClients;
  /** The environment to read (KUBECONFIG, HOME, DOCKER_HOST…); tests pass their own. */
  env: NodeJS.ProcessEnv;
  dataDir: string;
  filePicker?: FilePicker;
}
