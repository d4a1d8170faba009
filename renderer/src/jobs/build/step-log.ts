// The whole log of one step of an operation, kept in memory and followed live. The log files on the host are the
// truth: every `op` log event of the step only says "there is more", and the lines are read with operations.log from
// the line after the last one held. So no line is lost or shown twice, whatever order events and answers arrive in,
// and a reconnect simply reads on from there. One read at a time; events during a read ask for one more read after
// it. Plain code, so the Node tests drive it against the real services; the React hook is a thin wrapper.
import type { Client } from '../../../../shared/client';

export interface StepLog {
  lines: string[];
  /** The first read has not answered yet. */
  loading: boolean;
  error?: string;
}

export function followStepLog(
  client: Client,
  onReconnect: (cb: () => void) => () => void,
  opId: string,
  stepId: string,
  onChange: (log: StepLog) => void,
): () => void {
  let live = true;
  let lines: string[] = [];
  let next = 0;
  let reading = false;
  let again = false;
  let loaded = false;

  const read = async () => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      do {
        again = false;
        for (;;) {
          const page = await client.invoke('operations.log', { id: opId, step: stepId, from: next });
          if (!live) return;
          if (page.lines.length) {
            lines = lines.concat(page.lines);
            next = page.next;
          }
          if (page.lines.length === 0 || page.next >= page.total) break;
        }
        loaded = true;
        onChange({ lines, loading: false });
      } while (again && live);
    } catch (e) {
      if (live) onChange({ lines, loading: !loaded, error: e instanceof Error ? e.message : String(e) });
    } finally {
      reading = false;
    }
  };

  const offEvents = client.on('op', (ev) => {
    if (ev.opId === opId && ev.type === 'log' && ev.stepId === stepId) void read();
  });
  const offReconnect = onReconnect(() => void read());
  onChange({ lines, loading: true });
  void read();
  return () => {
    live = false;
    offEvents();
    offReconnect();
  };
}
