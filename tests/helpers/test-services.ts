// Real services over an in-memory store and a file-key secret box in a temp dir, plus a recording event sink.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName, Events } from '../../shared/contract';
import { createServices } from '../../electron/services/app';
import type { EventSink } from '../../electron/services/ports';
import { fileKeySecretBox } from '../../electron/services/secrets/file-key-secret-box';
import { memoryStore } from './memory-store';

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

export function testServices(events: EventSink = new RecordingSink(), transport: 'electron' | 'web' | 'cli' = 'cli') {
  const dir = mkdtempSync(join(tmpdir(), 'flinkdesk-unit-'));
  const store = memoryStore();
  return {
    store,
    dir,
    ...createServices({
      store,
      secrets: fileKeySecretBox(join(dir, 'secret.key')),
      events,
      transport,
      dataDir: dir,
      version: '0.0.0-test',
    }),
  };
}
