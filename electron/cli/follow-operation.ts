// Follows a long operation from the CLI: the steps as they change (to stderr), until it ends. Events come from the
// services' own bus (the in-process transport subscribes for real), so nothing polls; a snapshot read after the
// subscription catches an operation that ended before it.
import type { Client } from '../../shared/client';
import type { OperationEvent, OperationSnapshot, OperationStep } from '../../shared/operations';
import type { CliIO } from './io';

const mark: Record<OperationStep['status'], string> = { pending: '·', running: '…', succeeded: '✓', failed: '✗', skipped: '-' };

export async function followOperation(client: Client, first: OperationSnapshot, io: CliIO, quiet = false): Promise<OperationSnapshot> {
  const seen = new Map<string, string>();
  const print = (s: OperationStep) => {
    if (quiet || s.status === 'pending') return;
    const key = `${s.status}|${s.detail ?? ''}`;
    if (seen.get(s.id) === key) return;
    seen.set(s.id, key);
    const took = s.startedAt && s.endedAt ? ` (${((s.endedAt - s.startedAt) / 1000).toFixed(1)} s)` : '';
    io.err(`${mark[s.status]} ${s.title}${s.detail ? `: ${s.detail}` : ''}${took}`);
    if (s.hint && s.status !== 'running') io.err(`  hint: ${s.hint}`);
  };
  let off = () => {};
  const ended = new Promise<OperationSnapshot>((resolve) => {
    off = client.on('op', (e: OperationEvent) => {
      if (e.opId !== first.id) return;
      if (e.type === 'step') print(e.step);
      if (e.type === 'done' || e.type === 'error') resolve(e.snapshot);
    });
  });
  try {
    const now = await client.invoke('operations.get', { id: first.id });
    now.steps.forEach(print);
    if (now.status !== 'running') return now;
    const end = await ended;
    end.steps.forEach(print);
    return end;
  } finally {
    off();
  }
}
