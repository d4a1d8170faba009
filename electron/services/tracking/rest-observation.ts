// One job-status call for a cluster: its REST endpoint found through the access seam (kept until a call fails), then
// GET /jobs/overview — one call for an application cluster and one for all of a session cluster's jobs. The answer or
// the error becomes the REST observation the inference reads; a call cut by the round's deadline says so.
import { AppError } from '../../../shared/errors';
import { FlinkRestClient } from '../flink/rest-client';
import type { Clock } from '../ports';
import type { RestObservation } from './infer-state';
import type { RestAccess } from './rest-access';
import type { Runtime } from './runtime';

export interface ObserveDeps {
  access: RestAccess;
  clock: Clock;
  fetch?: typeof fetch;
  /** The services are stopping: an abort is theirs, not the round's timeout. */
  stopped(): boolean;
}

export function restClient(restUrl: string, timeoutMs: number, fetchImpl?: typeof fetch): FlinkRestClient {
  return new FlinkRestClient({ restUrl, timeoutMs, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
}

export async function observeRest(r: Runtime, signal: AbortSignal, timeoutMs: number, deps: ObserveDeps): Promise<RestObservation> {
  try {
    r.endpoint ??= await deps.access.resolve(r.entry, signal);
    r.accessProblem = undefined;
    const jobs = await restClient(r.endpoint.restUrl, timeoutMs, deps.fetch).jobsOverview({ signal });
    return {
      ok: true,
      at: deps.clock.now(),
      jobs: jobs.map((j) => ({ id: j.jid, name: j.name, state: j.state, startTime: j['start-time'] })),
    };
  } catch (e) {
    let error = e instanceof AppError ? { code: e.code, message: e.message } : { code: 'internal', message: String(e) };
    if (signal.aborted && !deps.stopped())
      error = { code: 'timeout', message: `no answer within the round timeout (${Math.round(timeoutMs / 1000)} s)` };
    else if (r.endpoint) {
      // The local proxy found no way while the call was made: the way's problem, not an answer of Flink's.
      const problem = deps.access.problem?.(r.entry.id);
      if (problem) error = { code: 'unreachable', message: problem };
    }
    if (!r.endpoint) r.accessProblem = error.message;
    // A resolved address may have moved (a new node, a LoadBalancer provisioned): found again next round.
    else if (r.entry.ref.kind === 'kube' && !r.entry.ref.restUrl) r.endpoint = undefined;
    return { ok: false, at: deps.clock.now(), error };
  }
}
