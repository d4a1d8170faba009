// The tracking benchmark's reference: the same REST calls the tracker made, from a bare loop in a process of its
// own — every cluster's /jobs/overview at each job-status round and, round by round, as many /overview and
// /checkpoints calls as the tracker's measured rounds made (counted at the load double) — through node:http with a keep-alive agent (the tracker's transport)
// and JSON.parse of each answer, and nothing else: no schema, no inference, no Kubernetes, no store. Its CPU share is
// the floor of those calls on this machine, which the tracker's is set against.
//   parent → {type: 'start', ...FloorRun}   child → {type: 'done', micros, ms, calls}
import { Agent, request } from 'node:http';

export interface FloorRun {
  /** Each cluster's REST base URL, and its jobs' ids. */
  clusters: { url: string; jobs: string[] }[];
  /** Per measured round, the metrics calls the tracker's round made (counted at the load double): this many
   * clusters' /overview and this many jobs' /checkpoints, beside every cluster's /jobs/overview. */
  rounds: { overview: number; checkpoints: number }[];
  intervalMs: number;
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
  const jobs = m.clusters.flatMap((c) => c.jobs.map((j) => `${c.url}/jobs/${j}/checkpoints`));
  const round = (n: number) => {
    const urls = m.clusters.map((c) => `${c.url}/jobs/overview`);
    const { overview, checkpoints } = m.rounds[n]!;
    for (let i = 0; i < overview; i++) urls.push(`${m.clusters[i % m.clusters.length]!.url}/overview`);
    for (let i = 0; i < checkpoints; i++) urls.push(jobs[i % jobs.length]!);
    return all(urls);
  };
  // A round to open the connections, as the tracker's warm-up does, with the reads it makes once per cluster
  // (/overview, the memory: /jobmanager/config, /taskmanagers); then the measured ones, at the interval.
  await all(
    m.clusters.flatMap((c) => [`${c.url}/jobs/overview`, `${c.url}/overview`, `${c.url}/jobmanager/config`, `${c.url}/taskmanagers`]),
  );
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let measured = 0;
  for (let n = 0; n < m.rounds.length; n++) {
    const due = t0 + n * m.intervalMs;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    const before = calls;
    await round(n);
    measured += calls - before;
  }
  // Up to the end of the last interval, as the tracker's window.
  await new Promise((r) => setTimeout(r, Math.max(0, t0 + m.rounds.length * m.intervalMs - performance.now())));
  const cpu = process.cpuUsage(cpu0);
  return { type: 'done', micros: cpu.user + cpu.system, ms: performance.now() - t0, calls: measured };
}

if (process.send) {
  process.on('message', (m: ToFloor) => {
    if (m.type === 'start') void run(m).then((r) => process.send!(r));
  });
  process.on('disconnect', () => process.exit(0));
}
