// The full log of an operation, one file per step under `<data dir>/operations/<id>/`, appended as lines arrive;
// memory keeps only the last lines. Read back in pages by `operations.log`.
import { appendFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { OperationLogPage } from '../../../shared/operations';

const PAGE = 2000;
/** Lines written before any step runs. */
export const NO_STEP = '_';

export class OperationLogFiles {
  constructor(private readonly dir: string | undefined) {}

  append(opId: string, stepId: string, lines: string[]): void {
    if (!this.dir || lines.length === 0) return;
    const dir = join(this.dir, safe(opId));
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      appendFileSync(join(dir, `${safe(stepId)}.log`), lines.map((l) => `${l}\n`).join(''), { mode: 0o600 });
    } catch {
      /* a full disk must not fail the operation; memory still has the tail */
    }
  }

  read(opId: string, stepId: string, from = 0): OperationLogPage {
    if (!this.dir) return { lines: [], next: 0, total: 0 };
    let all: string[];
    try {
      all = readFileSync(join(this.dir, safe(opId), `${safe(stepId)}.log`), 'utf8').split('\n');
      all.pop();
    } catch {
      all = [];
    }
    const lines = all.slice(from, from + PAGE);
    return { lines, next: from + lines.length, total: all.length };
  }

  remove(opId: string): void {
    if (this.dir) rmSync(join(this.dir, safe(opId)), { recursive: true, force: true });
  }
}

function safe(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, '_');
}
