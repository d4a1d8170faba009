// Services for the plain-Node front ends (serve host, CLI, tests): conf for the store, a file-key secret box, all
// data in one directory — FLINK_DESK_HOME when set, else ~/.config/flink-desk.
import Conf from 'conf';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppInfo } from '../../shared/contract';
import { createServices, type Services } from './app';
import type { EventSink, Logger } from './ports';
import { fileKeySecretBox } from './secrets/file-key-secret-box';
import { openConfStore, storeOptions } from './store/conf-store';

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
}

export function createNodeServices(options: NodeServicesOptions): Services & { dataDir: string } {
  const dataDir = options.dataDir ?? dataDirFromEnv();
  const store = openConfStore((o) => new Conf(o), storeOptions(dataDir));
  const services = createServices({
    store,
    secrets: fileKeySecretBox(join(dataDir, 'secret.key')),
    events: options.events,
    transport: options.transport,
    dataDir,
    version: packageVersion(),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return { ...services, dataDir };
}
