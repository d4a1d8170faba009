// Real registry services for the integration tests: the conf-backed store and the file-key secret box in a temp
// FLINK_DESK_HOME (real files, so tests can grep them for the password), a recording event sink, and the
// environment the test chooses (DOCKER_HOST, KUBECONFIG, HOME, DOCKER_CONFIG).
import Conf from 'conf';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from '../../shared/client';
import { createServices, type Services } from '../../electron/services/app';
import type { Logger } from '../../electron/services/ports';
import { fileKeySecretBox } from '../../electron/services/secrets/file-key-secret-box';
import { openConfStore, storeOptions } from '../../electron/services/store/conf-store';
import { RecordingSink } from '../helpers/test-services';

/** A TCP port on 127.0.0.1 that nothing listens on. */
export { freePort as closedPort } from '../fixtures/ports';

export interface RegistryTestServices extends Services {
  home: string;
  events: RecordingSink;
  logLines: string[];
  client: Client;
}

export function registryServices(env: NodeJS.ProcessEnv, home = mkdtempSync(join(tmpdir(), 'fd-registry-'))): RegistryTestServices {
  const events = new RecordingSink();
  const logLines: string[] = [];
  const record = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    logLines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  const logger: Logger = { info: record('info'), warn: record('warn'), error: record('error') };
  const services = createServices({
    store: openConfStore((o) => new Conf(o), storeOptions(home)),
    secrets: fileKeySecretBox(join(home, 'secret.key')),
    events,
    transport: 'cli',
    dataDir: home,
    version: '0.0.0-test',
    logger,
    env,
  });
  const client = createClient({ request: (c, i) => services.dispatch(c, i), subscribe: () => () => undefined });
  return { ...services, home, events, logLines, client };
}

/** Every file under dir, as text (binary files too: a password must not be in any of them). */
export function allFilesText(dir: string): string {
  let out = '';
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    out += statSync(p).isDirectory() ? allFilesText(p) : readFileSync(p, 'latin1');
  }
  return out;
}
