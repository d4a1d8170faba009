// A LOAD DOUBLE of many Flink JobManagers' REST endpoints, named as one and used for scale only (the issue's "named
// load double"; DESIGN §8 allows a test double where a real part cannot serve): one node:http server on 127.0.0.1
// (on 127.0.0.1, or the loopback address given) that answers, under /c/<n>/, the calls tracking makes —
// /jobs/overview, /overview, a job's /checkpoints and /checkpoints/config, and the memory reads' /jobmanager/config
// and /taskmanagers — with the shapes real Flink 1.20 sends
// (trimmed), for as many clusters as a test scripts, and counts them. Real Flink fixtures cannot be started a
// thousand times on one machine; the states here are scripted, and a test changes them live. Used by the e2e tests
// and, in a process of its own, by the tracking benchmark (tests/bench/tracking-load-double.ts).
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoadJob {
  jid: string;
  name: string;
  state: string;
  startTime: number;
  /** A checkpoint every this many ms since the job started, each taking 150 ms (what /checkpoints and
   * /checkpoints/config answer); without it, the cluster's scripted `checkpoint`, and checkpointing reads as off. */
  checkpointIntervalMs?: number;
}

export interface LoadCluster {
  jobs: LoadJob[];
  /** 'error': every call gets the 503 a JobManager without a leader answers. */
  answer?: 'ok' | 'error';
  taskManagers: number;
  slotsTotal: number;
  slotsAvailable: number;
  /** The latest completed checkpoint of each running job. */
  checkpoint?: { id: number; at: number };
}

/** Calls answered, by kind; /jobs/overview and /overview per cluster. */
export interface LoadCalls {
  jobsOverview: number[];
  overview: number[];
  checkpoints: number;
  checkpointConfigs: number;
  /** /jobmanager/config and /taskmanagers (the memory a cluster runs with, read once per JobManager). */
  memory: number;
  /** Anything else: a call tracking should not make (and every answer of a cluster in 'error'). */
  other: number;
}

export interface FlinkLoadDouble {
  url: string;
  restUrlOf(n: number): string;
  clusters: LoadCluster[];
  calls: LoadCalls;
  close(): Promise<void>;
}

export const noCalls = (clusters: number): LoadCalls => ({
  jobsOverview: Array<number>(clusters).fill(0),
  overview: Array<number>(clusters).fill(0),
  checkpoints: 0,
  checkpointConfigs: 0,
  memory: 0,
  other: 0,
});

/** The memory sizes every cluster of the double runs with (Flink's defaults for native Kubernetes). */
export const LOAD_MEMORY = { jobManager: 1600 * 1024 * 1024, taskManager: 1728 * 1024 * 1024 };

const pad = (n: number) => String(n).padStart(4, '0');

/** `calls`: counters to add to (several servers over the same clusters count together). */
export async function startFlinkLoadDouble(
  clusters: LoadCluster[],
  { host = '127.0.0.1', calls = noCalls(clusters.length) }: { host?: string; calls?: LoadCalls } = {},
): Promise<FlinkLoadDouble> {
  const send = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const server: Server = createServer((req, res) => {
    const m = /^\/c\/(\d+)(\/.*)$/.exec((req.url ?? '/').split('?')[0]!);
    const n = m ? Number(m[1]) : -1;
    const c = clusters[n];
    if (!m || !c) {
      calls.other++;
      return send(res, 404, { errors: [`Not found: ${req.url}`] });
    }
    const path = m[2]!;
    if (c.answer === 'error') {
      calls.other++;
      return send(res, 503, { errors: ['Service temporarily unavailable due to an ongoing leader election. Please refresh.'] });
    }
    if (path === '/jobs/overview') {
      calls.jobsOverview[n]!++;
      return send(res, 200, {
        jobs: c.jobs.map((j) => ({
          jid: j.jid,
          name: j.name,
          state: j.state,
          'start-time': j.startTime,
          'end-time': -1,
          duration: Date.now() - j.startTime,
          'last-modification': j.startTime,
          // All the counts Flink sends; a job that runs has every task running.
          tasks: {
            total: 2,
            created: 0,
            scheduled: 0,
            deploying: 0,
            running: j.state === 'RUNNING' ? 2 : 0,
            finished: j.state === 'FINISHED' ? 2 : 0,
            canceling: 0,
            canceled: j.state === 'CANCELED' ? 2 : 0,
            failed: j.state === 'FAILED' ? 2 : 0,
            reconciling: 0,
            initializing: 0,
          },
        })),
      });
    }
    if (path === '/overview') {
      calls.overview[n]!++;
      const running = c.jobs.filter((j) => j.state === 'RUNNING').length;
      return send(res, 200, {
        taskmanagers: c.taskManagers,
        'slots-total': c.slotsTotal,
        'slots-available': c.slotsAvailable,
        'jobs-running': running,
        'jobs-finished': c.jobs.filter((j) => j.state === 'FINISHED').length,
        'jobs-cancelled': c.jobs.filter((j) => j.state === 'CANCELED').length,
        'jobs-failed': c.jobs.filter((j) => j.state === 'FAILED').length,
        'flink-version': '1.20.5',
      });
    }
    if (path === '/jobmanager/config') {
      calls.memory++;
      return send(res, 200, [
        { key: 'jobmanager.memory.process.size', value: '1600m' },
        { key: 'taskmanager.memory.process.size', value: '1728m' },
        { key: 'taskmanager.numberOfTaskSlots', value: String(c.taskManagers ? c.slotsTotal / c.taskManagers : 1) },
        { key: 'execution.target', value: 'kubernetes-application' },
      ]);
    }
    if (path === '/taskmanagers') {
      calls.memory++;
      return send(res, 200, {
        taskmanagers: Array.from({ length: c.taskManagers }, (_, i) => ({
          id: `tm-${n}-${i}`,
          path: `pekko.tcp://flink@127.0.0.1:6122/user/rpc/taskmanager_${i}`,
          dataPort: 6121,
          jmxPort: -1,
          timeSinceLastHeartbeat: Date.now(),
          slotsNumber: c.taskManagers ? c.slotsTotal / c.taskManagers : 0,
          freeSlots: 0,
          memoryConfiguration: { totalFlinkMemory: 1_342_177_280, totalProcessMemory: LOAD_MEMORY.taskManager },
        })),
      });
    }
    const cp = /^\/jobs\/([0-9a-f]{32})\/checkpoints(\/config)?$/.exec(path);
    const job = cp ? c.jobs.find((j) => j.jid === cp[1]) : undefined;
    if (job && cp![2]) {
      calls.checkpointConfigs++;
      const every = job.checkpointIntervalMs;
      return every
        ? send(res, 200, { mode: 'exactly_once', interval: every, timeout: 600000, min_pause: 0, max_concurrent: 1 })
        : send(res, 404, { errors: [`Checkpointing is not enabled for this job (${job.jid}).`] });
    }
    if (job) {
      calls.checkpoints++;
      const k = checkpointOf(job, c);
      const stats = k && {
        id: k.id,
        status: 'COMPLETED',
        is_savepoint: false,
        trigger_timestamp: k.at - 150,
        latest_ack_timestamp: k.at,
        state_size: 4096,
        end_to_end_duration: 150,
        num_subtasks: 2,
        num_acknowledged_subtasks: 2,
        external_path: `file:/tmp/checkpoints/${job.jid}/chk-${k.id}`,
        checkpoint_type: 'CHECKPOINT',
      };
      const done = k?.id ?? 0;
      return send(res, 200, {
        counts: { restored: 0, total: done + (k?.inProgress ?? 0), in_progress: k?.inProgress ?? 0, completed: done, failed: 0 },
        latest: { completed: stats ?? null, savepoint: null, failed: null, restored: null },
        history: stats ? [stats] : [],
      });
    }
    calls.other++;
    send(res, 404, { errors: [`Not found: ${path}`] });
  });
  // Flink's REST server keeps idle connections for minutes (rest.idleness-timeout, 5 min), not Node's 5 s.
  server.keepAliveTimeout = 300_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, 1024, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  return {
    url,
    restUrlOf: (n) => `${url}/c/${pad(n)}`,
    clusters,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The latest completed checkpoint of a job (its id, when it completed) and whether the next is in progress. */
function checkpointOf(job: LoadJob, c: LoadCluster): { id: number; at: number; inProgress: number } | undefined {
  const every = job.checkpointIntervalMs;
  if (!every) return c.checkpoint && { ...c.checkpoint, inProgress: 0 };
  // Checkpoint n is triggered at startTime + n × interval and completes 150 ms later.
  const since = Date.now() - job.startTime;
  const n = Math.floor(since / every);
  const inProgress = n > 0 && since - n * every < 150 ? 1 : 0;
  const id = n - inProgress;
  return id > 0 ? { id, at: job.startTime + id * every + 150, inProgress } : undefined;
}
