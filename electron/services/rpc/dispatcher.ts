// The one place that turns (channel, untrusted input) into an envelope: it checks the channel exists, validates the
// input with the contract's schema, calls the handler, and turns any failure into an error value. IPC, WebSocket,
// CLI and tests all go through it.
import { requests, isChannel, type Channel, type ParsedInputOf, type ResultOf } from '../../../shared/contract';
import { AppError, type AppErrorInfo, type Envelope } from '../../../shared/errors';
import type { Logger } from '../ports';
import { validationError } from './validation';

export { validationError };

export type Handlers = { [C in Channel]: (input: ParsedInputOf<C>) => Promise<ResultOf<C>> | ResultOf<C> };
export type Dispatch = (channel: unknown, input: unknown) => Promise<Envelope<unknown>>;

export function createDispatcher(handlers: Handlers, logger: Logger): Dispatch {
  return async (channel, input) => {
    if (!isChannel(channel)) {
      return fail({ code: 'invalid-input', message: `Unknown request '${String(channel)}'` });
    }
    const parsed = requests[channel].input.safeParse(input);
    if (!parsed.success) return fail(validationError(parsed.error));
    try {
      const handler = handlers[channel] as (i: unknown) => unknown;
      return { ok: true, result: await handler(parsed.data) };
    } catch (e) {
      return fail(toErrorInfo(e, logger, channel));
    }
  };
}

function fail(error: AppErrorInfo): Envelope<never> {
  return { ok: false, error };
}

export function toErrorInfo(e: unknown, logger: Logger, channel: string): AppErrorInfo {
  if (e instanceof AppError) return e.toInfo();
  // Unexpected failures: the detail (message, stack) goes to the log; the user gets what happened and where to look,
  // never a raw message that may carry internals (paths, addresses, a library's wording).
  logger.error('request failed unexpectedly', { channel, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  return {
    code: 'internal',
    message: `Flink Desk could not complete "${channel}" because of an unexpected error`,
    hint: logger.file ? `This is a bug in Flink Desk; the details are in the log: ${logger.file}` : 'This is a bug in Flink Desk',
  };
}
