// The ports the services depend on. Every front end (Electron, the serve host, the CLI) opens the same stores and
// the same secret backend through node-runtime.ts; tests pass their own adapters (a manual clock, a temp data dir).
import type { EventName, Events } from '../../shared/contract';

/** Encrypts secrets at rest. `warning` says when the backend is weak (no OS keychain, only a key file). */
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

/** A timer that can be cancelled. */
export interface TimerHandle {
  cancel(): void;
}

/** Beside Clock: background loops schedule through this, so unit tests drive them with a manual clock. */
export interface Scheduler {
  setTimeout(fn: () => void, ms: number): TimerHandle;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** Where the log is written, for hints ("see the log: …"); undefined when nothing is written. */
  readonly file?: string;
}

/** A native "open file" dialog; only the desktop app has one. */
export interface FilePicker {
  openFile(options: { title: string; filters?: { name: string; extensions: string[] }[] }): Promise<string | undefined>;
}

export const systemClock: Clock = { now: () => Date.now() };

// Not unref'd: a command awaiting a sleep (a poll, a back-off) must keep the process alive until it resolves; what
// runs in the background is cancelled by Services.stop(), which every front end calls.
export const systemScheduler: Scheduler = {
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(t) };
  },
};

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
