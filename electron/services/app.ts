// Composition root: every service wired from injected ports, and the contract's handlers over them. Electron, the
// serve host, the CLI and the tests all call this with their own adapters.
import type { AppInfo } from '../../shared/contract';
import { createDispatcher, type Dispatch, type Handlers } from './rpc/dispatcher';
import { kubeHandlers } from './kube/handlers';
import { registryHandlers } from './registry/handlers';
import { OperationRegistry } from './operations/operation-registry';
import { SettingsService } from './settings/settings-service';
import { systemClock, silentLogger, type Clock, type EventSink, type Logger, type SecretBox, type SettingsStore } from './ports';

export interface ServiceDeps {
  store: SettingsStore;
  secrets: SecretBox;
  events: EventSink;
  transport: AppInfo['transport'];
  dataDir: string;
  version: string;
  clock?: Clock;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
}

/** What every capability's handlers are built from. */
export interface ServiceContext {
  store: SettingsStore;
  secrets: SecretBox;
  events: EventSink;
  clock: Clock;
  logger: Logger;
  settings: SettingsService;
  operations: OperationRegistry;
  /** The environment to read (KUBECONFIG, HOME, DOCKER_HOST…); tests pass their own. */
  env: NodeJS.ProcessEnv;
  dataDir: string;
}

export interface Services {
  settings: SettingsService;
  operations: OperationRegistry;
  handlers: Handlers;
  dispatch: Dispatch;
}

export function createServices(deps: ServiceDeps): Services {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? silentLogger;
  const settings = new SettingsService(deps.store, deps.events);
  const operations = new OperationRegistry(deps.events, clock);
  const ctx: ServiceContext = {
    store: deps.store,
    secrets: deps.secrets,
    events: deps.events,
    clock,
    logger,
    settings,
    operations,
    env: deps.env ?? process.env,
    dataDir: deps.dataDir,
  };

  const handlers: Handlers = {
    'app.info': () => ({
      version: deps.version,
      transport: deps.transport,
      platform: process.platform,
      dataDir: deps.dataDir,
      secrets: { backend: deps.secrets.backend, ...(deps.secrets.warning ? { warning: deps.secrets.warning } : {}) },
      storeWarnings: [...deps.store.warnings, ...settings.warnings],
    }),
    'settings.get': () => settings.get(),
    'settings.update': (patch) => settings.update(patch),
    'settings.reset': () => settings.reset(),
    'operations.list': () => operations.list(),
    'operations.get': ({ id }) => operations.get(id),
    'operations.cancel': ({ id }) => operations.cancel(id),
    ...kubeHandlers(ctx),
    ...registryHandlers(ctx),
  };
  return { settings, operations, handlers, dispatch: createDispatcher(handlers, logger) };
}
