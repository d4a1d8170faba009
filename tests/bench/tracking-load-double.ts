// The tracking benchmark's LOAD DOUBLE of many Flink JobManagers' REST endpoints (tests/helpers/flink-load-double.ts,
// named as one: DESIGN §8 allows a test double where the real part cannot serve, and a thousand real Flink clusters
// do not fit on this machine), one server per loopback address 127.0.0.2, .3, … over the same clusters, the clusters
// spread over them as over several hosts, counting every call together. It runs as a child process of the benchmark
// (IPC), so its CPU time is not the tracker's:
//   parent → {type: 'start', clusters: LoadCluster[], hosts: number}   child → {type: 'ready', urls: string[]}
//   parent → {type: 'counts'}                                         child → {type: 'counts', ...LoadCalls}
import { noCalls, startFlinkLoadDouble, type LoadCalls, type LoadCluster } from '../helpers/flink-load-double.ts';

export type { LoadCalls as Counts, LoadCluster };
export type ToDouble = { type: 'start'; clusters: LoadCluster[]; hosts: number } | { type: 'counts' };
export type FromDouble = { type: 'ready'; urls: string[] } | ({ type: 'counts' } & LoadCalls);

async function start(clusters: LoadCluster[], hosts: number): Promise<{ urls: string[]; calls: LoadCalls }> {
  const calls = noCalls(clusters.length);
  const servers = await Promise.all(
    Array.from({ length: hosts }, (_, h) => startFlinkLoadDouble(clusters, { host: `127.0.0.${h + 2}`, calls })),
  );
  return { urls: clusters.map((_, n) => servers[n % hosts]!.restUrlOf(n)), calls };
}

if (process.send) {
  let calls: LoadCalls | undefined;
  const reply = (m: FromDouble) => process.send!(m);
  process.on('message', (m: ToDouble) => {
    if (m.type === 'start')
      void start(m.clusters, m.hosts).then((r) => {
        calls = r.calls;
        reply({ type: 'ready', urls: r.urls });
      });
    else if (calls) reply({ type: 'counts', ...calls });
  });
  // The benchmark gone, so is the double.
  process.on('disconnect', () => process.exit(0));
}
