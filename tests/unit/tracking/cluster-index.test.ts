// The per-namespace index the tracker reads each cluster's pods and events from must say exactly what filtering the
// namespace by the pods' app label and by `belongs` says, for any names: compared here over random ones.
import { describe, expect, it } from 'vitest';
import {
  belongs,
  clusterIndex,
  eventEvidence,
  MAX_EVENTS,
  podEvidence,
  type EventObj,
  type PodObj,
} from '../../../electron/services/tracking/kube-evidence';

let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
const parts = ['a', 'b', 'job', 'x1', ''];
const name = () => Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(parts)).join('-');

const pod = (app: string | undefined, n: number): PodObj => ({
  metadata: { name: `p${n}`, namespace: 'ns', labels: { ...(app ? { app } : {}), component: 'jobmanager' } },
  status: { phase: 'Running' },
});
const event = (object: string | undefined, n: number): EventObj => ({
  metadata: { name: `e${n}`, namespace: 'ns' },
  ...(object !== undefined ? { involvedObject: { kind: 'Pod', name: object } } : {}),
  reason: `r${n}`,
  // Some at the same time: the order among them is the list's, as with a stable sort of the filtered list.
  lastTimestamp: new Date(1_700_000_000_000 + Math.floor(random() * 30) * 1000).toISOString(),
});

describe('clusterIndex', () => {
  it('gives each cluster the pods and the newest events that filtering by app label and belongs gives', () => {
    const pods = Array.from({ length: 300 }, (_, n) => pod(random() < 0.1 ? undefined : name(), n));
    const events = Array.from({ length: 600 }, (_, n) => event(random() < 0.05 ? undefined : name(), n));
    const index = clusterIndex(pods, events);
    const ids = new Set([...pods.map((p) => p.metadata.labels?.app ?? 'none'), ...Array.from({ length: 200 }, name)]);
    let withEvents = 0;
    for (const id of ids) {
      expect(index.pods.get(id) ?? [], id).toEqual(pods.filter((p) => p.metadata.labels?.app === id).map(podEvidence));
      const expected = events
        .filter((e) => belongs(e.involvedObject?.name, id))
        .map(eventEvidence)
        .sort((a, b) => b.at - a.at)
        .slice(0, MAX_EVENTS);
      expect(index.events.get(id) ?? [], id).toEqual(expected);
      if (expected.length) withEvents++;
    }
    // The comparison covered clusters with events, and ones past the cap.
    expect(withEvents).toBeGreaterThan(20);
    expect([...index.events.values()].some((l) => l.length === MAX_EVENTS)).toBe(true);
  });

  it('does not give a cluster the events of another whose name it only starts with', () => {
    const index = clusterIndex([], [event('job-1-taskmanager-1-1', 1), event('job-10', 2)]);
    expect(index.events.get('job-1')?.map((e) => e.reason)).toEqual(['r1']);
    expect(index.events.get('job-10')?.map((e) => e.reason)).toEqual(['r2']);
  });
});
