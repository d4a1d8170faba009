// Append-only history (state changes, deploys, operations' outcomes): one JSON line per entry in its own file,
// so it never rewrites the documents that hold settings and secrets. Bounded: past maxBytes the oldest half is
// dropped by an atomic rewrite under the lock. A line torn by a crash mid-append is skipped when read.
import { appendFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { withFileLock } from './file-lock';

export const historyEntrySchema = z.looseObject({ at: z.number(), kind: z.string().min(1), subject: z.string() });
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export interface HistoryLog {
  readonly path: string;
  append(entry: HistoryEntry): void;
  /** Newest first. */
  recent(filter?: { kind?: string; subject?: string }, limit?: number): HistoryEntry[];
}

export function openHistory(dir: string, maxBytes = 4 * 1024 * 1024): HistoryLog {
  const path = join(dir, 'history.jsonl');
  const readAll = (): HistoryEntry[] => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return [];
    }
    const out: HistoryEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        const r = historyEntrySchema.safeParse(JSON.parse(line));
        if (r.success) out.push(r.data);
      } catch {
        /* a torn last line */
      }
    }
    return out;
  };
  return {
    path,
    append(entry) {
      const line = `${JSON.stringify(historyEntrySchema.parse(entry))}\n`;
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      withFileLock(path, () => {
        let size = 0;
        try {
          size = statSync(path).size;
        } catch {
          /* new file */
        }
        if (size + line.length > maxBytes) {
          const all = readAll();
          const kept = all.slice(Math.floor(all.length / 2));
          writeFileAtomic.sync(path, kept.map((e) => `${JSON.stringify(e)}\n`).join(''), { mode: 0o600, fsync: true });
        }
        appendFileSync(path, line, { mode: 0o600 });
      });
    },
    recent(filter = {}, limit = 100) {
      const all = readAll().filter(
        (e) => (!filter.kind || e.kind === filter.kind) && (filter.subject === undefined || e.subject === filter.subject),
      );
      return all.slice(-limit).reverse();
    },
  };
}
