// The deploy the user started last, shared by the list and the form and kept across a reload (sessionStorage), so
// leaving the page while it runs never loses sight of it. `source` is what to deploy again on "Replace".
import { useSyncExternalStore } from 'react';
import type { DeploySource } from './deploy-actions';

export interface ActiveDeploy {
  opId: string;
  what: string;
  source: DeploySource;
  /** A session job: replacing makes no sense there. */
  sessionJob: boolean;
}

const KEY = 'flinkdesk.jobs.deploy';
const listeners = new Set<() => void>();
let current: ActiveDeploy | undefined =
  (() => {
    try {
      return JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as ActiveDeploy | undefined;
    } catch {
      return undefined;
    }
  })() ?? undefined;

export function setActiveDeploy(d: ActiveDeploy | undefined): void {
  current = d;
  try {
    if (d) sessionStorage.setItem(KEY, JSON.stringify(d));
    else sessionStorage.removeItem(KEY);
  } catch {
    // Storage refused: the deploy is followed for as long as the page lives.
  }
  for (const l of listeners) l();
}

export function useActiveDeploy(): ActiveDeploy | undefined {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}
