// A container's log for the page: read (its tail, or the previous run's), or followed — the lines of
// operate.logs.follow arriving as operate.log events, kept whole (up to a bound) until the page lets go.
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { failureMessage } from '../../api/failure';

export interface LogChoice {
  pod?: string;
  container?: string;
  previous: boolean;
  follow: boolean;
}

const KEEP = 200_000;

export function usePodLog(id: string, choice: LogChoice) {
  const key = JSON.stringify([id, choice]);
  // Kept per choice: switching pods never shows the previous pod's lines.
  const [state, setState] = useState<{ key: string; lines: string[]; status: { text: string; error?: boolean } }>({
    key,
    lines: [],
    status: { text: 'Reading the log…' },
  });
  useEffect(() => {
    let live = true;
    const setLines = (f: string[] | ((all: string[]) => string[])) =>
      setState((was) => {
        const all = was.key === key ? was.lines : [];
        return { key, status: was.key === key ? was.status : { text: '' }, lines: typeof f === 'function' ? f(all) : f };
      });
    const setStatus = (status: { text: string; error?: boolean }) =>
      setState((was) => ({ key, lines: was.key === key ? was.lines : [], status }));
    const input = {
      id,
      ...(choice.pod ? { pod: choice.pod } : {}),
      ...(choice.container ? { container: choice.container } : {}),
      tailLines: 5000,
    };
    if (!choice.follow) {
      api.invoke('operate.logs', { ...input, ...(choice.previous ? { previous: true } : {}) }).then(
        (r) => live && (setLines(r.lines), setStatus({ text: `${r.pod}/${r.container}${r.previous ? ' (previous run)' : ''}` })),
        (e: unknown) => live && setStatus({ text: failureMessage('The log could not be read', e), error: true }),
      );
      return () => {
        live = false;
      };
    }
    let streamId = '';
    const early: { streamId: string; lines: string[] }[] = [];
    const take = (more: string[]) =>
      setLines((all) => (all.length + more.length > KEEP ? [...all, ...more].slice(-KEEP) : [...all, ...more]));
    const off = api.on('operate.log', (e) => {
      if (!live) return;
      if (!streamId) return void early.push(e);
      if (e.streamId !== streamId) return;
      if (e.lines.length) take(e.lines);
      if (e.ended)
        setStatus({ text: e.ended.error ? `The log stopped: ${e.ended.error.message}` : 'The log ended', error: Boolean(e.ended.error) });
    });
    api.invoke('operate.logs.follow', input).then(
      (s) => {
        if (!live) return void api.invoke('operate.logs.close', { streamId: s.streamId }).catch(() => undefined);
        streamId = s.streamId;
        setStatus({ text: `Following ${s.pod}/${s.container}` });
        for (const e of early.splice(0)) if (e.streamId === streamId) take(e.lines);
      },
      (e: unknown) => live && setStatus({ text: failureMessage('The log could not be followed', e), error: true }),
    );
    return () => {
      live = false;
      off();
      if (streamId) void api.invoke('operate.logs.close', { streamId }).catch(() => undefined);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` is the choice
  }, [id, key]);
  if (state.key !== key) return { lines: [] as string[], status: { text: choice.follow ? 'Following…' : 'Reading the log…' } };
  return { lines: state.lines, status: state.status };
}
