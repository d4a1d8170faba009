// Composition root: every service wired from injected ports, the contract's handlers over them, and the lifecycle.
// Electron, the serve host, the CLI and the tests all call this (through node-runtime.ts, or with test adapters).
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AppInfo, EventName, Events } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { ServiceContext } from './context';
import { KubeClients } from './kube';
import { kubeHandlers } from './kube/handlers';
import { TargetStore } from './kube/targets';
import { OperationRegistry } from './operations/operation-registry';
import {
  systemClock,
  systemScheduler,
  silentLogger,
  type Clock,
  type EventSink,
  type FilePicker,
  type Logger,
  type Scheduler,
  type SecretBox,
} from './ports';
import { registryHandlers } from './registry/handlers';
import { flinkHandlers } from './flink/handlers';
import { jobsHandlers } from './deploy/handlers';
import { deployHandlers } from './jobs/handlers';
import { buildHandlers } from './build/handlers';
import { createTracking } from './tracking/handlers';
import { trackingHistoryHandlers } from './tracking/history-handler';
import { operateHandlers } from './operate/handlers';
import { webUiHandlers } from './webui/handlers';
import type { WebUiHost } from './webui/web-ui-host';
import { createDispatcher, type Dispatch, type Handlers } from './rpc/dispatcher';
import { EventBus } from './runtime/event-bus';
import { Lifecycle } from './runtime/lifecycle';
import { SettingsService } from './settings/settings-service';
import type { Stores } from './store/stores';

export type { ServiceContext } from './context';

export interface ServiceDeps {
  stores: Stores;
  secrets: SecretBox;
  /** Where events go outside the process (the window, the sockets); the bus forwards to it. */
  events: EventSink;
  transport: AppInfo['transport'];
  version: string;
  clock?: Clock;
  scheduler?: Scheduler;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
  filePicker?: FilePicker;
  /** How this front end shows a cluster's Flink Web UI (the desktop app's views, the serve host's UI origins). */
  webUi?: WebUiHost;
}

export interface Services {
  settings: SettingsService;
  operations: OperationRegistry;
  handlers: Handlers;
  dispatch: Dispatch;
  /** Subscribe to the in-process bus (the CLI's transport; tests). */
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
  /** Starts the background work. Electron calls it when ready, the host after it listens, the CLI per command. */
  start(): Promise<void>;
  /** Aborts running operations and disposes the background work. Never throws; safe to call twice. */
  stop(): Promise<void>;
  readonly context: ServiceContext;
}

export function createServices(deps: ServiceDeps): Services {
  const clock = deps.clock ?? systemClock;
  const scheduler = deps.scheduler ?? systemScheduler;
  const logger = deps.logger ?? silentLogger;
  const bus = new EventBus(deps.events, logger);
  const settings = new SettingsService(deps.stores.settings, bus);
  const operations = new OperationRegistry({
    events: bus,
    clock,
    scheduler,
    logger,
    repository: deps.stores.operations,
    logDir: join(deps.stores.dir, 'operations'),
  });
  const lifecycle = new Lifecycle(logger);
  const env = deps.env ?? process.env;
  const kube = new KubeClients({
    env,
    addedFiles: () => new TargetStore(deps.stores.targets, logger).files(),
    scheduler,
    logger,
    lifecycle,
  });
  const ctx: ServiceContext = {
    stores: deps.stores,
    secrets: deps.secrets,
    events: bus,
    clock,
    scheduler,
    logger,
    settings,
    operations,
    lifecycle,
    env,
    kube,
    dataDir: deps.stores.dir,
    ...(deps.filePicker ? { filePicker: deps.filePicker } : {}),
  };

  const deploy = deployHandlers(ctx);
  const tracking = createTracking(ctx, { background: deps.transport !== 'cli' });
  const handlers: Handlers = {
    'app.info': () => {
      // Reading the targets reports the entries kept but not used (an invalid stored target is never dropped).
      const targets = new TargetStore(deps.stores.targets, logger);
      targets.list();
      return {
        version: deps.version,
        transport: deps.transport,
        platform: process.platform,
        secrets: { backend: deps.secrets.backend, ...(deps.secrets.warning ? { warning: deps.secrets.warning } : {}) },
        logFile: logger.file ?? '(not written)',
        storeWarnings: [...deps.stores.warnings(), ...settings.warnings, ...targets.warnings],
      };
    },
    'app.pickFile': async (input) => {
      if (!deps.filePicker)
        throw new AppError({
          code: 'not-available',
          message: 'There is no file dialog here',
          hint: 'Type the path of the file instead',
        });
      const path = await deps.filePicker.openFile(input);
      return path ? { path } : {};
    },
    'settings.get': () => settings.get(),
    'settings.update': (patch) => settings.update(patch),
    'settings.reset': () => settings.reset(),
    'operations.list': () => operations.list(),
    'operations.get': ({ id }) => operations.get(id),
    'operations.cancel': ({ id }) => operations.cancel(id),
    'operations.log': ({ id, step, from }) => operations.log(id, step, from),
    ...kubeHandlers(ctx),
    ...registryHandlers(ctx),
    ...flinkHandlers(ctx),
    ...jobsHandlers(),
    ...deploy,
    ...buildHandlers(ctx),
    ...tracking.handlers,
    ...trackingHistoryHandlers(ctx, tracking.tracker),
    ...operateHandlers(ctx, {
      tracker: tracking.tracker,
      apply: async (document, source) => deploy['jobs.apply']({ document, source }),
    }),
    ...webUiHandlers(ctx, { tracker: tracking.tracker, access: tracking.access, ...(deps.webUi ? { host: deps.webUi } : {}) }),
  };
  let stopping: Promise<void> | undefined;
  return {
    settings,
    operations,
    handlers,
    dispatch: createDispatcher(handlers, logger),
    on: (event, listener) => bus.on(event, listener),
    context: ctx,
    start: () => lifecycle.start(),
    stop: () =>
      (stopping ??= (async () => {
        await operations.stop();
        await lifecycle.stop();
      })()),
  };
}

/** A path as the user would write it: the home folder as ~. */
export function displayPath(path: string, env: NodeJS.ProcessEnv): string {
  const home = env.HOME || homedir();
  return home && path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path;
}
