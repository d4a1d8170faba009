// Real services for the registry unit tests: in-memory store (a named test double), file-key secret box in a temp
// dir, a recording event sink, and the environment the test gives.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '../../../shared/client';
import { createServices } from '../../../electron/services/app';
import { fileKeySecretBox } from '../../../electron/services/secrets/file-key-secret-box';
import { memoryStore } from '../../helpers/memory-store';
import { RecordingSink } from '../../helpers/test-services';

export function unitRegistryServices(env: NodeJS.ProcessEnv = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'fd-reg-unit-'));
  const store = memoryStore();
  const events = new RecordingSink();
  const services = createServices({
    store,
    secrets: fileKeySecretBox(join(dir, 'secret.key')),
    events,
    transport: 'cli',
    dataDir: dir,
    version: '0.0.0-test',
    env,
  });
  const client = createClient({ request: (c, i) => services.dispatch(c, i), subscribe: () => () => undefined });
  return { ...services, store, events, client, dir };
}
