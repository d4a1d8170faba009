// Watches kubeconfig files for changes. Tools replace the file (write a temp file, rename it over), which ends a
// watch on the file itself, so the folder is watched and events are filtered by name; bursts are debounced. The
// watch never keeps a CLI process alive (persistent: false).
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

export interface KubeconfigWatcher {
  /** Watches exactly these files from now on (folders that do not exist are skipped). */
  setFiles(paths: string[]): void;
  close(): void;
}

export function createKubeconfigWatcher(onChange: () => void, debounceMs = 300): KubeconfigWatcher {
  const watchers = new Map<string, FSWatcher>();
  let names = new Map<string, Set<string>>();
  let timer: NodeJS.Timeout | undefined;
  const fire = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
    timer.unref();
  };
  return {
    setFiles(paths) {
      const next = new Map<string, Set<string>>();
      for (const p of paths) {
        const dir = dirname(p);
        if (!next.has(dir)) next.set(dir, new Set());
        next.get(dir)!.add(basename(p));
      }
      for (const [dir, w] of watchers) {
        if (!next.has(dir)) {
          w.close();
          watchers.delete(dir);
        }
      }
      names = next;
      for (const dir of next.keys()) {
        if (watchers.has(dir)) continue;
        try {
          const w = watch(dir, { persistent: false }, (_event, file) => {
            if (file === null || names.get(dir)?.has(file.toString())) fire();
          });
          w.on('error', () => {
            w.close();
            watchers.delete(dir);
          });
          watchers.set(dir, w);
        } catch {
          // The folder does not exist (yet): nothing to watch there.
        }
      }
    },
    close() {
      clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}
