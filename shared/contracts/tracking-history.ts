// The state history of a tracked cluster or job (issue 10): the transitions the tracker stored (never a poll that
// changed nothing), newest first, for the Jobs page's details panel and anyone else who asks.
import { z } from 'zod';
import { channel } from '../channel';
import type { StateSource } from './tracking';

export interface TrackingTransition {
  at: number;
  /** A session cluster's job; absent: the cluster's own state (an application cluster's is its job's). */
  jobId?: string;
  jobName?: string;
  from?: { state: string; source: StateSource };
  to: { state: string; source: StateSource };
  reason: string;
}

const historyInput = z.strictObject({
  id: z.string().min(1),
  /** Only this job's transitions (a session cluster's job); absent: the cluster's and all its jobs'. */
  jobId: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});

export const trackingHistoryRequests = {
  /** The stored transitions of a tracked cluster (or one of its jobs), newest first. */
  'tracking.history': channel<typeof historyInput, { transitions: TrackingTransition[] }>(historyInput),
} as const;
