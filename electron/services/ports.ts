// The ports the services depend on. Electron passes electron-store / safeStorage / webContents adapters; the serve
// host, the CLI and the tests pass conf / a file-key secret box / a WebSocket broadcaster.
import type { EventName, Events } from '../../shared/contract';

/** A persisted document of named sections ('settings', later 'registry', 'targets', 'jobs', 'tracking'). */
export interface SettingsStore {
  get(section: string): unknown;
  set(section: string, value: unknown): void;
  delete(section: string): void;
  /** Where the document lives, for the user (About / support). */
  readonly path: string;
  /** What went wrong while loading (a corrupt file backed up, an old schema migrated). */
  readonly warnings: string[];
}

/** Encrypts secrets at rest. `warning` says when the backend is weak (Linux basic_text, file key). */
export interface SecretBox {
  readonly backend: string;
  readonly warning?: string;
  encrypt(plain: string): Promise<string>;
  decrypt(sealed: string): Promise<string>;
}

export interface EventSink {
  emit<E extends EventName>(event: E, payload: Events[E]): void;
}

export interface Clock {
  now(): number;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const systemClock: Clock = { now: () => Date.now() };

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
