// Validation through the server, as the user types: the document goes to jobs.render (no cluster is contacted) a
// moment after the last keystroke, and its answer — the resources, or the problems keyed by field path — is kept.
// Answers that arrive after a newer edit are dropped, so the page never shows the problems of an older text.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { JobRenderResult } from '../../../shared/contracts/jobs';
import { AppError } from '../../../shared/errors';
import { api } from '../api/client';

export interface JobCheck {
  /** The resources of the last valid document (kept while a newer edit is invalid, so previews do not flicker away). */
  result: JobRenderResult | undefined;
  /** Whether `result` belongs to the current text. */
  current: boolean;
  /** Problems by field path (spec.jobManager.memory, …) of the last answer; empty when it was valid. */
  fields: Record<string, string>;
  /** A failure that is not about a field (the host unreachable, an unexpected error). */
  failure: AppError | undefined;
  /** The current text has no answer yet. */
  checking: boolean;
}

export type CheckOutcome = { ok: true; result: JobRenderResult } | { ok: false; fields: Record<string, string>; failure?: AppError };

const asAppError = (e: unknown) => (e instanceof AppError ? e : new AppError({ code: 'internal', message: String(e) }));

/** A render failure as field problems: the spec's own, else the whole message at the document. */
function outcomeOf(e: unknown): Extract<CheckOutcome, { ok: false }> {
  const err = asAppError(e);
  if (err.code === 'invalid-input') return { ok: false, fields: err.fields ?? { '(document)': err.message } };
  return { ok: false, fields: {}, failure: err };
}

interface Answer {
  text: string | undefined;
  result: JobRenderResult | undefined;
  valid: boolean;
  fields: Record<string, string>;
  failure: AppError | undefined;
}

export function useJobCheck(document: Record<string, unknown>, delayMs = 400): JobCheck & { checkNow: () => Promise<CheckOutcome> } {
  const text = JSON.stringify(document);
  const [answer, setAnswer] = useState<Answer>({ text: undefined, result: undefined, valid: false, fields: {}, failure: undefined });
  const latest = useRef(text);
  useLayoutEffect(() => {
    latest.current = text;
  }, [text]);

  const run = useCallback(async (t: string): Promise<CheckOutcome> => {
    let outcome: CheckOutcome;
    try {
      outcome = { ok: true, result: await api.invoke('jobs.render', { document: JSON.parse(t) as unknown }) };
    } catch (e) {
      outcome = outcomeOf(e);
    }
    if (latest.current === t)
      setAnswer((a) => ({
        text: t,
        result: outcome.ok ? outcome.result : a.result,
        valid: outcome.ok,
        fields: outcome.ok ? {} : outcome.fields,
        failure: outcome.ok ? undefined : outcome.failure,
      }));
    return outcome;
  }, []);

  useEffect(() => {
    const t = setTimeout(() => void run(text), delayMs);
    return () => clearTimeout(t);
  }, [text, delayMs, run]);

  const checkNow = useCallback(() => run(latest.current), [run]);
  return {
    result: answer.result,
    current: answer.valid && answer.text === text,
    fields: answer.fields,
    failure: answer.failure,
    checking: answer.text !== text,
    checkNow,
  };
}
