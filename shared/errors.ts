// Errors travel as values: a stable code, a message for the user, a hint of what to do, and per-field messages for
// forms. Every transport (IPC, WebSocket, CLI) carries this same shape.
export type ErrorCode =
  | 'invalid-input'
  | 'not-found'
  | 'conflict'
  | 'unauthorized'
  | 'forbidden'
  | 'unreachable'
  | 'timeout'
  | 'cancelled'
  | 'tool-missing'
  | 'not-available'
  | 'failed-to-start'
  | 'store-corrupt'
  | 'internal';

export interface AppErrorInfo {
  code: ErrorCode;
  message: string;
  hint?: string;
  /** Per-field messages, keyed by the field's name in the input (e.g. a setting key). */
  fields?: Record<string, string>;
}

export type Envelope<T> = { ok: true; result: T } | { ok: false; error: AppErrorInfo };

export class AppError extends Error implements AppErrorInfo {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly fields?: Record<string, string>;

  constructor(info: AppErrorInfo) {
    super(info.message);
    this.name = 'AppError';
    this.code = info.code;
    if (info.hint !== undefined) this.hint = info.hint;
    if (info.fields !== undefined) this.fields = info.fields;
  }

  toInfo(): AppErrorInfo {
    const info: AppErrorInfo = { code: this.code, message: this.message };
    if (this.hint !== undefined) info.hint = this.hint;
    if (this.fields !== undefined) info.fields = this.fields;
    return info;
  }
}

export function isAppErrorInfo(value: unknown): value is AppErrorInfo {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
