// Which build of a job its page shows, kept across a reload (sessionStorage, per job); none chosen means the newest.
// Starting a build chooses it, so the page follows the build the user just started.
import { useCallback, useSyncExternalStore } from 'react';

const key = (job: string) => `flinkdesk.build.${job}`;
const listeners = new Set<() => void>();

function read(job: string): string | undefined {
  try {
    return sessionStorage.getItem(key(job)) ?? undefined;
  } catch {
    return undefined;
  }
}

const memory = new Map<string, string>();

export function selectBuild(job: string, opId: string): void {
  memory.set(job, opId);
  try {
    sessionStorage.setItem(key(job), opId);
  } catch {
    // Storage refused: the choice lasts as long as the page.
  }
  for (const l of listeners) l();
}

export function useSelectedBuild(job: string | undefined): [string | undefined, (opId: string) => void] {
  const opId = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => (job ? (memory.get(job) ?? read(job)) : undefined),
  );
  const set = useCallback((id: string) => job && selectBuild(job, id), [job]);
  return [opId, set];
}
