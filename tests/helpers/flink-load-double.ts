// A LOAD DOUBLE of many Flink JobManagers' REST endpoints, named as one and used for scale only (the issue's "named
// load double"; DESIGN §8 allows a test double where a real part cannot serve): one node:http server on 127.0.0.1
// that answers, under /c/<n>/, the three calls tracking makes — /jobs/overview, /overview and a job's /checkpoints —
// with the shapes real Flink 1.20 sends (trimmed), for as many clusters as a test scripts. Real Flink fixtures
// cannot be started a thousand times on one machine; the states here are scripted, and a test changes them live.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoadJob {
  jid: string;
  name: string;
  state: string;
  startTime: number;
}

export interface LoadCluster {
  jobs: LoadJob[];
  /** 'error': every call gets the 503 a JobManager without a leader answers. */
  answer: 'ok' | 'error';
  taskManagers: number;
  slotsTotal: number;
  slotsAvailable: number;
  /** The latest completed checkpoint of each running job. */
  checkpoint?: { id: number; at: number };
}

export interface FlinkLoadDouble {
  url: string;
  restUrlOf(n: number): string;
  clusters: LoadCluster[];
  /** Calls answered, by kind. */
  calls: { jobsOverview: number; overview: number; checkpoints: number; other: number };
  close(): Promise<void>;
}

const pad = (n: number) => String(n).padStart(4, '0');

export async function startFlinkLoadDouble(clusters: LoadCluster[]): Promise<FlinkLoadDouble> {
  const calls = { jobsOverview: 0, overview: 0, checkpoints: 0, other: 0 };
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
    res.end(JSON.stringify(body));
  };
  const server: Server = createServer((req, res) => {
    const m = /^\/c\/(\d+)(\/.*)$/.exec((req.url ?? '/').split('?')[0]!);
    const c = m ? clusters[Number(m[1])] : undefined;
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
      calls.jobsOverview++;
      return send(res, 200, {
        jobs: c.jobs.map((j) => ({
          jid: j.jid,
          name: j.name,
          state: j.state,
          'start-time': j.startTime,
          'end-time': -1,
          duration: Date.now() - j.startTime,
          'last-modification': j.startTime,
          tasks: { running: 1, total: 1 },
        })),
      });
    }
    if (path === '/overview') {
      calls.overview++;
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
    const cp = /^\/jobs\/([0-9a-f]{32})\/checkpoints$/.exec(path);
    if (cp && c.jobs.some((j) => j.jid === cp[1])) {
      calls.checkpoints++;
      const k = c.checkpoint;
      const stats = k && {
        id: k.id,
        status: 'COMPLETED',
        is_savepoint: false,
        trigger_timestamp: k.at - 120,
        latest_ack_timestamp: k.at,
        state_size: 4096,
        end_to_end_duration: 120,
        external_path: `file:/tmp/checkpoints/${cp[1]}/chk-${k.id}`,
        checkpoint_type: 'CHECKPOINT',
      };
      return send(res, 200, {
        counts: { restored: 0, total: k ? k.id : 0, in_progress: 0, completed: k ? k.id : 0, failed: 0 },
        latest: { completed: stats ?? null, savepoint: null, failed: null, restored: null },
        history: stats ? [stats] : [],
      });
    }
    calls.other++;
    send(res, 404, { errors: [`Not found: ${path}`] });
  });
  // Flink's REST server keeps idle connections for minutes (rest.idleness-timeout, 5 min), not Node's 5 s.
  server.keepAliveTimeout = 300_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', 1024, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
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
