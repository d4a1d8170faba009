// What to tell the user when a request failed. "Not saved: …" is true of a service's refusal, but not when the
// connection dropped after the request went out: it may have run. The transport's own answers (code `unreachable`)
// say which of the two happened, so they are shown as they are, without the "Not …" prefix.
import { AppError } from '../../../shared/errors';

export function failureMessage(notDone: string, e: unknown): string {
  if (e instanceof AppError && e.code === 'unreachable') return e.hint ? `${e.message} ${e.hint}` : e.message;
  return e instanceof Error ? `${notDone}: ${e.message}` : notDone;
}
