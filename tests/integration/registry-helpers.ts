// Real registry services for the integration tests: the stores and the file-key secret box in a temp
// FLINK_DESK_HOME (real files, so tests can grep them for the password), a recording event sink, and the
// environment the test chooses (DOCKER_HOST, KUBECONFIG, HOME, DOCKER_CONFIG).
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '../../shared/client';
import type { Services } from '../../electron/services/app';
import { RecordingSink, recordingLogger, testServices } from '../helpers/test-services';

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
  const logger = recordingLogger();
  const services = testServices(events, 'cli', { dir: home, env, logger });
  return { ...services, home, events, logLines: logger.lines };
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
