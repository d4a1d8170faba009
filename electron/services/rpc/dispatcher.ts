// The one place that turns (channel, untrusted input) into an envelope: it checks the channel exists, validates the
// input with the contract's schema, calls the handler, and turns any failure into an error value. IPC, WebSocket,
// CLI and tests all go through it.
import type { z } from 'zod';
import { requests, isChannel, type Channel, type ParsedInputOf, type ResultOf } from '../../../shared/contract';
import { AppError, type AppErrorInfo, type Envelope } from '../../../shared/errors';
import type { Logger } from '../ports';

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

/** Field messages keyed by the input's field names; the top message names the first problem so a CLI user sees it. */
export function validationError(error: z.ZodError): AppErrorInfo {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '(input)';
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) fields[k] = `Unknown field '${k}'`;
    } else fields[key] ??= issue.message;
  }
  const entries = Object.entries(fields);
  const first = entries[0];
  return {
    code: 'invalid-input',
    message: first ? (first[0] === '(input)' ? first[1] : `${first[0]}: ${first[1]}`) : 'The input is not valid',
    hint: entries.length > 1 ? `${entries.length} fields need attention` : 'Correct the value and try again',
    fields,
  };
}

export function toErrorInfo(e: unknown, logger: Logger, channel: string): AppErrorInfo {
  if (e instanceof AppError) return e.toInfo();
  // Unexpected failures: log the detail for support, show the user a message without internals.
  logger.error('request failed', { channel, error: e instanceof Error ? e.message : String(e) });
  return {
    code: 'internal',
    message: e instanceof Error ? e.message : 'Something went wrong',
    hint: 'This is a bug in Flink Desk; the log has the details',
  };
}
