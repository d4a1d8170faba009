// The series the job page charts, gathered while it is open (Flink keeps no history of its own): each read of the
// job (flink.job through the cluster's way in) gives the counters since the job started; the rates are the
// differences between two reads. Task managers and slots come from tracking's metrics of the cluster.
import { useEffect, useRef, useState } from 'react';
import type { FlinkJobDetail } from '../../../../shared/contracts/flink';
import type { ClusterMetrics } from '../../../../shared/contracts/tracking';
import { api } from '../../api/client';
import { failureMessage } from '../../api/failure';

export interface Sample {
  /** Seconds (uPlot's x unit). */
  t: number;
  recordsIn?: number;
  recordsOut?: number;
  /** 0..100: share of the subtasks' time busy and backpressured since the previous read. */
  busyPct?: number;
  backpressuredPct?: number;
}

export interface ClusterSample {
  t: number;
  taskManagers: number;
  slotsTotal: number;
  slotsFree: number;
}

const MAX = 720;

interface Totals {
  at: number;
  read: number;
  write: number;
  busy: number;
  idle: number;
  bp: number;
}

const totalsOf = (d: FlinkJobDetail, at: number): Totals =>
  d.vertices.reduce(
    (t, v) => ({
      ...t,
      read: t.read + (v.metrics?.readRecords ?? 0),
      write: t.write + (v.metrics?.writeRecords ?? 0),
      busy: t.busy + (v.metrics?.busyMs ?? 0),
      idle: t.idle + (v.metrics?.idleMs ?? 0),
      bp: t.bp + (v.metrics?.backpressuredMs ?? 0),
    }),
    { at, read: 0, write: 0, busy: 0, idle: 0, bp: 0 },
  );

export function nextSample(prev: Totals | undefined, now: Totals): Sample {
  const t = now.at / 1000;
  if (!prev || now.at <= prev.at) return { t };
  const secs = (now.at - prev.at) / 1000;
  const time = now.busy - prev.busy + (now.idle - prev.idle) + (now.bp - prev.bp);
  return {
    t,
    recordsIn: Math.max(0, (now.read - prev.read) / secs),
    recordsOut: Math.max(0, (now.write - prev.write) / secs),
    ...(time > 0 ? { busyPct: (100 * (now.busy - prev.busy)) / time, backpressuredPct: (100 * (now.bp - prev.bp)) / time } : {}),
  };
}

export function useJobSamples(restUrl: string | undefined, jobId: string | undefined, everyMs: number) {
  // Kept per job: another job's readings never show (and its counters never make a rate).
  const key = `${restUrl ?? ''}|${jobId ?? ''}`;
  const [state, setState] = useState<{ key: string; detail?: FlinkJobDetail; error?: string; samples: Sample[] }>({ key, samples: [] });
  const last = useRef<{ key: string; totals: Totals } | undefined>(undefined);
  useEffect(() => {
    if (!restUrl || !jobId) return;
    let live = true;
    const read = () =>
      api.invoke('flink.job', { restUrl, jobId }).then(
        (d) => {
          if (!live) return;
          const totals = totalsOf(d, Date.now());
          const s = nextSample(last.current?.key === key ? last.current.totals : undefined, totals);
          last.current = { key, totals };
          setState((was) => ({ key, detail: d, samples: [...(was.key === key ? was.samples : []), s].slice(-MAX) }));
        },
        (e: unknown) =>
          live &&
          setState((was) => ({ ...(was.key === key ? was : { samples: [] }), key, error: failureMessage('Flink did not answer', e) })),
      );
    void read();
    const timer = setInterval(() => void read(), everyMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [restUrl, jobId, everyMs, key]);
  const mine: { detail?: FlinkJobDetail; error?: string; samples: Sample[] } = state.key === key ? state : { samples: [] };
  return { detail: mine.detail, error: mine.error, samples: mine.samples };
}

/** Appends the cluster's metrics each time tracking reads new ones (state adjusted while rendering: no effect). */
export function useClusterSamples(metrics: ClusterMetrics | undefined): ClusterSample[] {
  const [samples, setSamples] = useState<ClusterSample[]>([]);
  const [seen, setSeen] = useState<number>();
  const at = metrics && !metrics.error ? metrics.at : undefined;
  if (metrics && at !== undefined && at !== seen) {
    setSeen(at);
    setSamples((all) =>
      [
        ...all,
        { t: at / 1000, taskManagers: metrics.taskManagers, slotsTotal: metrics.slotsTotal, slotsFree: metrics.slotsAvailable },
      ].slice(-MAX),
    );
  }
  return samples;
}
