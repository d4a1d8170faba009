// The New-job / Edit-job draft: one at a time, kept in localStorage on every change, so it survives leaving the page,
// a reload and a restart of the app; it goes only when the user discards it or the job is deployed or saved.
import { useCallback, useState } from 'react';
import { emptyForm, type JobForm } from './job-form';

const KEY = 'flinkdesk.jobs.draft';

export interface JobDraft {
  form: JobForm;
  /** The saved job this draft edits (its latest version when the edit began); none for a new job. */
  editing?: { name: string; version: number };
  /** The form as it was when the draft began, to tell whether anything was changed. */
  base: string;
}

export function readDraft(): JobDraft | undefined {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return undefined;
    const d = JSON.parse(raw) as JobDraft;
    // A draft written by an older form lacks newer members: the defaults fill them in.
    return { ...d, form: { ...emptyForm(d.form.kind), ...d.form } };
  } catch {
    return undefined;
  }
}

function writeDraft(d: JobDraft | undefined): void {
  try {
    if (d) localStorage.setItem(KEY, JSON.stringify(d));
    else localStorage.removeItem(KEY);
  } catch {
    // Storage refused (full, or private mode): the draft then lives as long as the page; nothing else breaks.
  }
}

export const draftChanged = (d: JobDraft | undefined): boolean => d !== undefined && JSON.stringify(d.form) !== d.base;

export function newDraft(form: JobForm, editing?: JobDraft['editing']): JobDraft {
  return { form, base: JSON.stringify(form), ...(editing ? { editing } : {}) };
}

/** The draft, and setters that store it at once. */
export function useJobDraft(): [JobDraft | undefined, (d: JobDraft | undefined) => void] {
  const [draft, setDraftState] = useState<JobDraft | undefined>(readDraft);
  const setDraft = useCallback((d: JobDraft | undefined) => {
    writeDraft(d);
    setDraftState(d);
  }, []);
  return [draft, setDraft];
}

export const storeDraft = writeDraft;
