// `flink-desk status [--json] [--watch]`, `flink-desk track …` and `flink-desk untrack ID` (issue 10): every
// tracked cluster and job with its state — reported by Flink, or inferred and marked so — the age of the last
// successful poll and the reason. status polls once first (the CLI runs no loops of its own); --watch then runs
// the tracking loops in this process and prints each state change as the bus delivers it (no polling of its own),
// until Ctrl-C or, with --count N, after N changes.
import type { Client } from '../../../shared/client';
import { accessModes, type AccessMode } from '../../../shared/contracts/tracking';
import type { StateView, TrackedClusterView, TrackingChange, TrackingList } from '../../../shared/contracts/tracking';
import { parseArgs, usage } from '../args';
import type { CliCommand } from '../command';
import type { CliIO } from '../io';

const statusUsage = `flink-desk status [--json] [--watch [--count N]]
                                          tracked clusters and jobs: state (reported by Flink, or inferred: *), last poll, why
                                          --watch: follow the state changes (--count N: stop after N)`;
const trackUsage = `flink-desk track --rest-url URL [--mode application|session] [--json]
flink-desk track --context C --namespace N --cluster-id ID [--kubeconfig FILE] [--rest-url URL]
                 [--access auto|direct|port-forward|service-proxy] [--json]
                                          track a cluster by its REST URL, or a Flink cluster on Kubernetes
                                          (--access pins how its REST endpoint is reached; auto picks with fallback)`;
const untrackUsage = `flink-desk untrack ID [--json]            stop tracking it (the id is the first column of status)`;
export const statusHelp = [statusUsage, trackUsage, untrackUsage].join('\n');

const age = (ms: number | undefined): string => {
  if (ms === undefined) return 'never';
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 90 ? `${s}s ago` : s < 5400 ? `${Math.round(s / 60)}m ago` : `${Math.round(s / 3600)}h ago`;
};

/** A reported state as it is; an inferred one with a star, so the two never read alike. */
const shown = (v: StateView) => (v.source === 'inferred' ? `${v.state}*` : v.state);

function table(list: TrackingList): string {
  if (list.clusters.length === 0) return 'Nothing is tracked. Deploy a job, or: flink-desk track --rest-url URL';
  const rows: string[][] = [['ID', 'STATE', 'LAST POLL', 'TM/SLOTS', 'WHY']];
  const slots = (c: TrackedClusterView) =>
    c.metrics && !c.metrics.error ? `${c.metrics.taskManagers} TM, ${c.metrics.slotsAvailable}/${c.metrics.slotsTotal} free` : '-';
  for (const c of list.clusters) {
    rows.push([c.id, shown(c.state), age(c.lastPollAgeMs), slots(c), c.state.reason]);
    for (const p of c.state.problems) rows.push(['', '', '', '', `! ${p}`]);
    if (c.mode !== 'application')
      for (const j of c.jobs) rows.push([`  ${j.id}${j.name ? ` ${j.name}` : ''}`, shown(j.state), '', '', j.state.reason]);
  }
  const widths = rows[0]!.slice(0, -1).map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) =>
    r
      .map((cell, i) => (i < widths.length ? cell.padEnd(widths[i]!) : cell))
      .join('  ')
      .trimEnd(),
  );
  return [...lines, '', '* inferred by Flink Desk (the REST endpoint did not answer); otherwise as Flink reports it'].join('\n');
}

function changeLine(c: TrackingChange): string {
  const at = new Date(c.at).toISOString();
  if (c.kind === 'removed') return `${at}  ${c.id}  no longer tracked`;
  const what = c.jobId ? `${c.id} job ${c.jobId}${c.jobName ? ` (${c.jobName})` : ''}` : c.id;
  const from = c.from ? `${c.from.source === 'inferred' ? `${c.from.state}*` : c.from.state} → ` : '';
  return `${at}  ${what}  ${from}${shown(c.to)}  ${c.to.reason}`;
}

async function status(argv: string[], client: Client, io: CliIO): Promise<number> {
  const { flags, positionals } = parseArgs(argv, { switches: ['watch'], values: ['count'] });
  if (positionals.length) throw usage(`status takes no arguments (got '${positionals.join(' ')}')`, statusHelp);
  const json = flags.json === true;
  const count = flags.count === undefined ? undefined : Number(flags.count);
  if (count !== undefined && (!Number.isInteger(count) || count < 1))
    throw usage(`--count: must be a whole number of at least 1 (got '${String(flags.count)}')`, statusHelp);
  if (count !== undefined && !flags.watch) throw usage('--count goes with --watch', statusHelp);
  if (!flags.watch) {
    const list = await client.invoke('tracking.list', { refresh: true });
    io.out(json ? JSON.stringify(list) : table(list));
    return 0;
  }
  let seen = 0;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  // Subscribed before the loops start: no change is missed between the list and the first event.
  const off = client.on('tracking.changed', (c) => {
    // One round can bring several changes at once: none is printed past the count.
    if (count !== undefined && seen >= count) return;
    io.out(json ? JSON.stringify(c) : changeLine(c));
    if (c.kind === 'state' && count !== undefined && ++seen >= count) finish();
  });
  const onSignal = () => finish();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const list = await client.invoke('tracking.list');
    if (!json) io.out(`${table(list)}\n\nFollowing state changes (Ctrl-C to stop)…`);
    await client.invoke('tracking.follow');
    await done;
    return 0;
  } finally {
    off();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function track(argv: string[], client: Client, io: CliIO): Promise<number> {
  const { flags, positionals } = parseArgs(argv, {
    values: ['rest-url', 'mode', 'context', 'namespace', 'cluster-id', 'kubeconfig', 'access'],
  });
  if (positionals.length) throw usage(`track takes no arguments (got '${positionals.join(' ')}')`, statusHelp);
  const s = (k: string) => (typeof flags[k] === 'string' ? flags[k] : undefined);
  const mode = s('mode');
  if (mode !== undefined && mode !== 'application' && mode !== 'session')
    throw usage(`--mode: must be application or session (got '${mode}')`, statusHelp);
  const kube = s('context') ?? s('namespace') ?? s('cluster-id');
  let view: TrackedClusterView;
  if (kube) {
    const [context, namespace, clusterId] = [s('context'), s('namespace'), s('cluster-id')];
    if (!context || !namespace || !clusterId) throw usage('--context, --namespace and --cluster-id go together', statusHelp);
    if (mode) throw usage('--mode is read from the cluster on Kubernetes; leave it out', statusHelp);
    const kubeconfig = s('kubeconfig');
    const restUrl = s('rest-url');
    const access = s('access');
    if (access !== undefined && !(accessModes as readonly string[]).includes(access))
      throw usage(`--access: must be one of ${accessModes.join(', ')} (got '${access}')`, statusHelp);
    view = await client.invoke('tracking.add', {
      context,
      namespace,
      clusterId,
      ...(kubeconfig ? { kubeconfig } : {}),
      ...(restUrl ? { restUrl } : {}),
      ...(access ? { access: access as AccessMode } : {}),
    });
  } else {
    if (s('access')) throw usage('--access goes with --context, --namespace and --cluster-id (a REST URL is reached as it is)', statusHelp);
    const restUrl = s('rest-url');
    if (!restUrl) throw usage('give --rest-url, or --context, --namespace and --cluster-id', statusHelp);
    view = await client.invoke('tracking.add', { restUrl, ...(mode ? { mode } : {}) });
  }
  io.out(flags.json ? JSON.stringify(view) : `tracking ${view.id}`);
  return 0;
}

async function untrack(argv: string[], client: Client, io: CliIO): Promise<number> {
  const { flags, positionals } = parseArgs(argv, {});
  if (positionals.length !== 1) throw usage('untrack needs one ID (see flink-desk status)', statusHelp);
  const r = await client.invoke('tracking.remove', { id: positionals[0]! });
  io.out(flags.json ? JSON.stringify(r) : `no longer tracking ${r.removed}`);
  return 0;
}

export const statusCommands: Record<string, CliCommand> = {
  status: { help: statusUsage, run: status },
  track: { help: trackUsage, run: track },
  untrack: { help: untrackUsage, run: untrack },
};
