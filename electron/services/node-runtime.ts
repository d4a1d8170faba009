// How every front end opens the services: Electron, the serve host and the CLI alike, so they share one data
// directory (FLINK_DESK_HOME when set, else $XDG_CONFIG_HOME/flink-desk or ~/.config/flink-desk), the same stores
// and one secret backend that all of them can read (the OS keychain, or the key file where none answers).
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppInfo } from '../../shared/contract';
import { createServices, displayPath, type Services } from './app';
import { fileLogger, logFilePath } from './log/file-logger';
import type { EventSink, FilePicker, Logger } from './ports';
import type { WebUiHost } from './webui/web-ui-host';
import { openSecretBox, type Keychain } from './secrets/open-secret-box';
import { limitHeapGrowth } from './runtime/heap-growth';
import { openStores } from './store/stores';

export function dataDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FLINK_DESK_HOME) return resolve(env.FLINK_DESK_HOME);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'flink-desk');
}

export function packageVersion(): string {
  // Walk up from this file (TS source in tests, out/main in the build) to the package.json.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'flink-desk' && pkg.version) return pkg.version;
    } catch {
      /* keep walking */
    }
    dir = dirname(dir);
  }
  return '0.0.0';
}

export interface NodeServicesOptions {
  transport: AppInfo['transport'];
  events: EventSink;
  dataDir?: string;
  logger?: Logger;
  filePicker?: FilePicker;
  env?: NodeJS.ProcessEnv;
  version?: string;
  /** The OS keychain; tests pass a named test double. */
  keychain?: () => Promise<Keychain>;
  /** Echo log lines (the serve host in a terminal). */
  echoLog?: (line: string) => void;
  /** How this front end shows a cluster's Flink Web UI. */
  webUi?: WebUiHost;
}

export async function createNodeServices(options: NodeServicesOptions): Promise<Services & { dataDir: string }> {
  // A process setting, for the background loops' garbage (runtime/heap-growth.ts).
  limitHeapGrowth();
  const env = options.env ?? process.env;
  const dataDir = options.dataDir ?? dataDirFromEnv(env);
  const stores = openStores(dataDir);
  const logger =
    options.logger ??
    fileLogger({
      dir: join(dataDir, 'logs'),
      source: options.transport,
      displayFile: displayPath(logFilePath(dataDir), env),
      ...(options.echoLog ? { echo: options.echoLog } : {}),
    });
  const secrets = await openSecretBox(dataDir, options.keychain);
  const services = createServices({
    stores,
    secrets,
    events: options.events,
    transport: options.transport,
    version: options.version ?? packageVersion(),
    logger,
    env,
    ...(options.filePicker ? { filePicker: options.filePicker } : {}),
    ...(options.webUi ? { webUi: options.webUi } : {}),
  });
  return { ...services, dataDir };
}
