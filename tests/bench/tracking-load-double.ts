// A LOAD DOUBLE of many Flink JobManagers' REST endpoints, for the tracking benchmark only (named as one; DESIGN §8
// allows a test double where the real part cannot serve: a thousand real Flink clusters do not fit on this machine).
// It answers the calls tracking makes — GET /jobs/overview, /overview and a job's /checkpoints and
// /checkpoints/config — with the shapes Flink 1.20 sends (trimmed; each job takes a checkpoint every
// checkpointIntervalMs since it started, which takes 150 ms), for every cluster the benchmark scripts, under /c/<n>/ on one server per loopback
// address 127.0.0.2…, and counts every call per cluster. It runs as a child process of the benchmark (IPC), so its
// CPU time is not the tracker's:
//   parent → {type: 'start', clusters: LoadCluster[], hosts: number}   child → {type: 'ready', urls: string[]}
//   parent → {type: 'counts'}                                         child → {type: 'counts', ...Counts}
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoadJob {
  jid: string;
  name: string;
  state: string;
  startTime: number;
  checkpointIntervalMs: number;
}

export interface LoadCluster {
  jobs: LoadJob[];
  taskManagers: number;
  slotsTotal: number;
  slotsAvailable: number;
}

export interface Counts {
  /** GET /jobs/overview, per cluster (the job-status loop's one call). */
  jobsOverview: number[];
  /** GET /overview, per cluster (the metrics loop). */
  overview: number[];
  /** GET /jobs/<id>/checkpoints, all clusters together (the metrics loop, per running job). */
  checkpoints: number;
  /** GET /jobs/<id>/checkpoints/config, all clusters together (once per job). */
  checkpointConfigs: number;
  /** Anything else: a call tracking should not make. */
  other: number;
}

export type ToDouble = { type: 'start'; clusters: LoadCluster[]; hosts: number } | { type: 'counts' };
export type FromDouble = { type: 'ready'; urls: string[] } | ({ type: 'counts' } & Counts);

function serve(clusters: LoadCluster[], counts: Counts, host: string): Promise<{ server: Server; url: string }> {
  const send = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const server = createServer((req, res) => {
    const m = /^\/c\/(\d+)(\/[^?]*)/.exec(req.url ?? '/');
    const n = m ? Number(m[1]) : -1;
    const c = clusters[n];
    const path = m?.[2];
    if (!c || req.method !== 'GET') {
      counts.other++;
      return send(res, 404, { errors: [`Not found: ${req.url}`] });
    }
    if (path === '/jobs/overview') {
      counts.jobsOverview[n]!++;
      const now = Date.now();
      return send(res, 200, {
        jobs: c.jobs.map((j) => ({
          jid: j.jid,
          name: j.name,
          state: j.state,
          'start-time': j.startTime,
          'end-time': -1,
          duration: now - j.startTime,
          'last-modification': j.startTime,
          tasks: { total: 2, created: 0, scheduled: 0, deploying: 0, running: 2, finished: 0, canceling: 0, canceled: 0, failed: 0 },
        })),
      });
    }
    if (path === '/overview') {
      counts.overview[n]!++;
      return send(res, 200, {
        taskmanagers: c.taskManagers,
        'slots-total': c.slotsTotal,
        'slots-available': c.slotsAvailable,
        'jobs-running': c.jobs.filter((j) => j.state === 'RUNNING').length,
        'jobs-finished': 0,
        'jobs-cancelled': 0,
        'jobs-failed': 0,
        'flink-version': '1.20.5',
        'flink-commit': 'bench-load-double',
      });
    }
    const cp = /^\/jobs\/([0-9a-f]{32})\/checkpoints(\/config)?$/.exec(path ?? '');
    const job = cp ? c.jobs.find((j) => j.jid === cp[1]) : undefined;
    if (job && cp![2]) {
      counts.checkpointConfigs++;
      return send(res, 200, { mode: 'exactly_once', interval: job.checkpointIntervalMs, timeout: 600000, min_pause: 0, max_concurrent: 1 });
    }
    if (job) {
      counts.checkpoints++;
      // Checkpoint n is triggered at startTime + n × interval and completes 150 ms later.
      const since = Date.now() - job.startTime;
      const n = Math.floor(since / job.checkpointIntervalMs);
      const inProgress = n > 0 && since - n * job.checkpointIntervalMs < 150 ? 1 : 0;
      const done = n - inProgress;
      const at = job.startTime + done * job.checkpointIntervalMs;
      const latest = {
        id: done,
        status: 'COMPLETED',
        is_savepoint: false,
        trigger_timestamp: at,
        latest_ack_timestamp: at + 150,
        state_size: 4096,
        end_to_end_duration: 150,
        num_subtasks: 2,
        num_acknowledged_subtasks: 2,
        external_path: `file:/tmp/checkpoints/${job.jid}/chk-${done}`,
        checkpoint_type: 'CHECKPOINT',
      };
      return send(res, 200, {
        counts: { restored: 0, total: n, in_progress: inProgress, completed: done, failed: 0 },
        latest: { completed: done > 0 ? latest : null, savepoint: null, failed: null, restored: null },
        history: done > 0 ? [latest] : [],
      });
    }
    counts.other++;
    send(res, 404, { errors: [`Not found: ${req.url}`] });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve({ server, url: `http://${host}:${(server.address() as AddressInfo).port}` }));
  });
}

async function start(clusters: LoadCluster[], hosts: number): Promise<{ urls: string[]; counts: Counts }> {
  const counts: Counts = {
    jobsOverview: clusters.map(() => 0),
    overview: clusters.map(() => 0),
    checkpoints: 0,
    checkpointConfigs: 0,
    other: 0,
  };
  // One server per loopback address 127.0.0.2, .3, …: the clusters are spread over them as over several hosts.
  const servers = await Promise.all(Array.from({ length: hosts }, (_, h) => serve(clusters, counts, `127.0.0.${h + 2}`)));
  return { urls: clusters.map((_, n) => `${servers[n % hosts]!.url}/c/${String(n).padStart(4, '0')}`), counts };
}

if (process.send) {
  let counts: Counts | undefined;
  const reply = (m: FromDouble) => process.send!(m);
  process.on('message', (m: ToDouble) => {
    if (m.type === 'start')
      void start(m.clusters, m.hosts).then((r) => {
        counts = r.counts;
        reply({ type: 'ready', urls: r.urls });
      });
    else if (counts) reply({ type: 'counts', ...counts });
  });
  // The benchmark gone, so is the double.
  process.on('disconnect', () => process.exit(0));
}
