// The tracking benchmark's reference: the same REST calls the tracker makes, from a bare loop in a process of its
// own — every cluster's /jobs/overview at each job-status round, its /overview at each metrics round, every job's
// /checkpoints once per its checkpoint interval, and its memory once — through node:http with a keep-alive agent (the tracker's transport)
// and JSON.parse of each answer, and nothing else: no schema, no inference, no Kubernetes, no store. Its CPU share is
// the floor of those calls on this machine, which the tracker's is set against.
//   parent → {type: 'start', ...FloorRun}   child → {type: 'done', micros, ms, calls}
import { Agent, request } from 'node:http';

export interface FloorRun {
  /** Each cluster's REST base URL, and its jobs' ids. */
  clusters: { url: string; jobs: string[] }[];
  rounds: number;
  intervalMs: number;
  metricsMs: number;
  checkpointMs: number;
}

export type ToFloor = { type: 'start' } & FloorRun;
export type FromFloor = { type: 'done'; micros: number; ms: number; calls: number };

// As the tracker's transport keeps them (electron/services/flink/rest-transport.ts).
const agent = new Agent({ keepAlive: true, timeout: 30_000, maxFreeSockets: Infinity });

function get(url: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const r = request(url, { agent, headers: { accept: 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve(JSON.parse(text)));
      res.on('error', reject);
    });
    r.on('error', reject);
    r.end();
  });
}

async function run(m: FloorRun): Promise<FromFloor> {
  let calls = 0;
  const all = (urls: string[]) => Promise.all(urls.map((u) => (calls++, get(u))));
  const round = (n: number) => {
    const urls = m.clusters.map((c) => `${c.url}/jobs/overview`);
    const t = n * m.intervalMs;
    if (t % m.metricsMs === 0) urls.push(...m.clusters.map((c) => `${c.url}/overview`));
    if (t % m.checkpointMs === 0) urls.push(...m.clusters.flatMap((c) => c.jobs.map((j) => `${c.url}/jobs/${j}/checkpoints`)));
    return all(urls);
  };
  // One round to open the connections, as the tracker's warm-up does, with the memory reads it makes once per
  // cluster (/jobmanager/config, /taskmanagers); then the measured ones, at the interval.
  await round(0);
  await all(m.clusters.flatMap((c) => [`${c.url}/jobmanager/config`, `${c.url}/taskmanagers`]));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let n = 0; n < m.rounds; n++) {
    const due = t0 + n * m.intervalMs;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    await round(n);
  }
  // Up to the end of the last interval, as the tracker's window.
  await new Promise((r) => setTimeout(r, Math.max(0, t0 + m.rounds * m.intervalMs - performance.now())));
  const cpu = process.cpuUsage(cpu0);
  return { type: 'done', micros: cpu.user + cpu.system, ms: performance.now() - t0, calls };
}

if (process.send) {
  process.on('message', (m: ToFloor) => {
    if (m.type === 'start') void run(m).then((r) => process.send!(r));
  });
  process.on('disconnect', () => process.exit(0));
}
