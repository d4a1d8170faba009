// Real services over real stores in a temp data directory and a file-key secret box, plus a recording event sink.
// Every unit and integration test builds its services here, so a change of the composition root is made once.
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from '../../shared/client';
import type { EventName, Events } from '../../shared/contract';
import { createServices, type Services } from '../../electron/services/app';
import { inProcessTransport } from '../../electron/cli/main';
import type { Clock, EventSink, Logger, Scheduler } from '../../electron/services/ports';
import { fileKeySecretBox } from '../../electron/services/secrets/file-key-secret-box';
import { openStores, type Stores } from '../../electron/services/store/stores';

export class RecordingSink implements EventSink {
  readonly events: { event: EventName; payload: unknown }[] = [];
  private readonly forward: EventSink | undefined;
  constructor(forward?: EventSink) {
    this.forward = forward;
  }
  emit<E extends EventName>(event: E, payload: Events[E]): void {
    this.events.push({ event, payload });
    this.forward?.emit(event, payload);
  }
}

/** A logger that keeps its lines for assertions (a test double of the file logger, named as one). */
export function recordingLogger(file?: string): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    void lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  return { lines, info: record('info'), warn: record('warn'), error: record('error'), ...(file ? { file } : {}) };
}

export interface TestServiceOptions {
  dir?: string;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  clock?: Clock;
  scheduler?: Scheduler;
  version?: string;
}

export type TestServices = Services & { stores: Stores; dir: string; client: Client };

export function testServices(
  events: EventSink = new RecordingSink(),
  transport: 'electron' | 'web' | 'cli' = 'cli',
  options: TestServiceOptions = {},
): TestServices {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'flinkdesk-test-'));
  const stores = openStores(dir);
  const services = createServices({
    stores,
    secrets: fileKeySecretBox(join(dir, 'secret.key')),
    events,
    transport,
    version: options.version ?? '0.0.0-test',
    ...(options.env ? { env: options.env } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.scheduler ? { scheduler: options.scheduler } : {}),
  });
  return { ...services, stores, dir, client: createClient(inProcessTransport(services)) };
}

/** Every file of a data directory as text (binary too): a password must be in none of them. */
export function dataFilesText(dir: string): string {
  let out = '';
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    out += statSync(p).isDirectory() ? dataFilesText(p) : readFileSync(p, 'latin1');
  }
  return out;
}
