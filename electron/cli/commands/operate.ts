// `flink-desk cancel|stop|savepoint|restart|redeploy|logs|events|diagnose NAME` (issue: Operate): the operations on a
// tracked job by the name the user knows it by — a tracking id, a saved job's name, a cluster id or a session job's
// name — and what explains a failure. Long ones follow their operation's steps on stderr; `logs -f` follows the log.
import type { Client } from '../../../shared/client';
import type { SavepointResult } from '../../../shared/contracts/flink';
import type { TrackedClusterView } from '../../../shared/contracts/tracking';
import { AppError } from '../../../shared/errors';
import type { OperationSnapshot } from '../../../shared/operations';
import { parseArgs, usage } from '../args';
import type { CliCommand } from '../command';
import { followOperation } from '../follow-operation';
import type { CliIO } from '../io';

const help = {
  cancel: `flink-desk cancel NAME [--job ID] [--json]  cancel a tracked job (NAME: tracking id, saved job, cluster id or job name)`,
  stop: `flink-desk stop NAME [--job ID] [--dir DIR] [--drain] [--json]
                                          stop the job with a savepoint (into DIR, else the cluster's default)`,
  savepoint: `flink-desk savepoint NAME [--job ID] [--dir DIR] [--format canonical|native] [--json]
                                          take a savepoint; waits however long it takes`,
  restart: `flink-desk restart NAME [--job ID] [--from SAVEPOINT] [--restore-mode claim|no_claim|legacy] [--allow-non-restored] [--json]
                                          stop with a savepoint (or use --from) and start the job again from it`,
  redeploy: `flink-desk redeploy NAME --version N [--json]  deploy a saved job's earlier version again`,
  logs: `flink-desk logs NAME [--pod P | --taskmanager] [--container C] [--previous] [--tail N] [-f]
                                          a JobManager's (or TaskManager's) log; -f follows it`,
  events: `flink-desk events NAME [--json]           the Kubernetes events of the cluster's Deployment, ReplicaSets and pods`,
  diagnose: `flink-desk diagnose NAME [--json]         what the cluster's pods, events and logs say is wrong, and what to change`,
};
export const operateHelp = Object.values(help).join('\n');

/** The tracked cluster (and job) NAME means: exactly one, or an error listing the candidates. */
export async function resolveTracked(client: Client, name: string): Promise<{ view: TrackedClusterView; jobId?: string }> {
  const { clusters } = await client.invoke('tracking.list');
  const byId = clusters.find((c) => c.id === name);
  if (byId) return { view: byId };
  const matches: { view: TrackedClusterView; jobId?: string }[] = [];
  for (const c of clusters) {
    if (c.jobName === name || (c.ref.kind === 'kube' && c.ref.clusterId === name)) matches.push({ view: c });
    else for (const j of c.jobs) if (j.name === name || j.id === name) matches.push({ view: c, jobId: j.id });
  }
  if (matches.length === 1) return matches[0]!;
  throw new AppError({
    code: matches.length ? 'invalid-input' : 'not-found',
    message: matches.length
      ? `${name} could mean ${matches.map((m) => (m.jobId ? `${m.view.id} job ${m.jobId}` : m.view.id)).join(' or ')}`
      : `Nothing tracked is called ${name}`,
    hint: matches.length
      ? 'Give the tracking id (the first column of flink-desk status), and --job for a session job'
      : 'flink-desk status lists what is tracked',
  });
}

const str = (flags: Record<string, string | true>, k: string) => (typeof flags[k] === 'string' ? flags[k] : undefined);

function one(positionals: string[], command: keyof typeof help): string {
  if (positionals.length !== 1) throw usage(`${command} takes one NAME`, help[command]);
  return positionals[0]!;
}

async function target(client: Client, name: string, flags: Record<string, string | true>) {
  const { view, jobId } = await resolveTracked(client, name);
  const job = str(flags, 'job') ?? jobId;
  return { id: view.id, ...(job ? { jobId: job } : {}) };
}

/** Follows the operation; prints its result, or throws its error (the exit code follows it). */
async function finish(client: Client, first: OperationSnapshot, io: CliIO, json: boolean, say: (r: unknown) => string): Promise<number> {
  const end = await followOperation(client, first, io);
  if (json) io.out(JSON.stringify({ status: end.status, result: end.result, ...(end.error ? { error: end.error } : {}) }));
  if (end.status === 'succeeded') {
    if (!json) io.out(say(end.result));
    return 0;
  }
  throw new AppError({
    code: (end.error?.code as AppError['code'] | undefined) ?? 'internal',
    message: end.error?.message ?? `It ended ${end.status}`,
    ...(end.error?.hint ? { hint: end.error.hint } : {}),
  });
}

const location = (r: unknown) => (r as SavepointResult).location;

const commandsImpl: Record<keyof typeof help, (argv: string[], client: Client, io: CliIO) => Promise<number>> = {
  cancel: async (argv, client, io) => {
    const { positionals, flags } = parseArgs(argv, { values: ['job'] });
    const t = await target(client, one(positionals, 'cancel'), flags);
    return finish(client, await client.invoke('operate.cancel', t), io, flags.json === true, (r) => {
      const { jobId, state } = r as { jobId: string; state: string };
      return `job ${jobId} is ${state}`;
    });
  },
  stop: async (argv, client, io) => {
    const { positionals, flags } = parseArgs(argv, { values: ['job', 'dir'], switches: ['drain'] });
    const t = await target(client, one(positionals, 'stop'), flags);
    const dir = str(flags, 'dir');
    const first = await client.invoke('operate.stop', { ...t, ...(dir ? { targetDirectory: dir } : {}), drain: flags.drain === true });
    return finish(client, first, io, flags.json === true, (r) => `stopped; savepoint ${location(r)}`);
  },
  savepoint: async (argv, client, io) => {
    const { positionals, flags } = parseArgs(argv, { values: ['job', 'dir', 'format'] });
    const t = await target(client, one(positionals, 'savepoint'), flags);
    const format = str(flags, 'format')?.toUpperCase();
    if (format !== undefined && format !== 'CANONICAL' && format !== 'NATIVE')
      throw usage(`--format: canonical or native (got '${str(flags, 'format')}')`, help.savepoint);
    const dir = str(flags, 'dir');
    const first = await client.invoke('operate.savepoint', {
      ...t,
      ...(dir ? { targetDirectory: dir } : {}),
      ...(format ? { formatType: format } : {}),
    });
    return finish(client, first, io, flags.json === true, location);
  },
  restart: async (argv, client, io) => {
    const { positionals, flags } = parseArgs(argv, { values: ['job', 'from', 'restore-mode', 'dir'], switches: ['allow-non-restored'] });
    const t = await target(client, one(positionals, 'restart'), flags);
    const mode = str(flags, 'restore-mode')?.toUpperCase();
    if (mode !== undefined && mode !== 'CLAIM' && mode !== 'NO_CLAIM' && mode !== 'LEGACY')
      throw usage(`--restore-mode: claim, no_claim or legacy (got '${str(flags, 'restore-mode')}')`, help.restart);
    const from = str(flags, 'from');
    const dir = str(flags, 'dir');
    const first = await client.invoke('operate.restart', {
      ...t,
      ...(from ? { savepoint: from } : {}),
      ...(mode ? { restoreMode: mode } : {}),
      ...(flags['allow-non-restored'] === true ? { allowNonRestoredState: true } : {}),
      ...(dir ? { targetDirectory: dir } : {}),
    });
    return finish(client, first, io, flags.json === true, (r) => `started again from ${(r as { savepoint: string }).savepoint}`);
  },
  redeploy: async (argv, client, io) => {
    const { positionals, flags } = parseArgs(argv, { values: ['version'] });
    const name = one(positionals, 'redeploy');
    const version = Number(flags.version);
    if (!Number.isInteger(version) || version < 1)
      throw usage('--version N: the saved version to deploy again (flink-desk jobs lists them)', help.redeploy);
    const first = await client.invoke('jobs.apply', { name, version, replace: true });
    return finish(client, first, io, flags.json === true, () => `${name} version ${version} deployed`);
  },
  logs: async (argv, client, io) => {
    const { positionals, flags } = parseArgs(argv, {
      values: ['pod', 'container', 'tail'],
      switches: ['previous', 'follow', 'taskmanager'],
      short: { f: 'follow' },
    });
    const { view } = await resolveTracked(client, one(positionals, 'logs'));
    const tail = flags.tail === undefined ? undefined : Number(flags.tail);
    if (tail !== undefined && !(Number.isInteger(tail) && tail > 0)) throw usage('--tail N: a whole number of lines', help.logs);
    const pod = str(flags, 'pod');
    const container = str(flags, 'container');
    const input = {
      id: view.id,
      ...(pod ? { pod } : {}),
      ...(flags.taskmanager === true ? { component: 'taskmanager' as const } : {}),
      ...(container ? { container } : {}),
      ...(tail ? { tailLines: tail } : {}),
    };
    if (flags.follow !== true) {
      const r = await client.invoke('operate.logs', { ...input, ...(flags.previous === true ? { previous: true } : {}) });
      io.err(`${r.pod}/${r.container}${r.previous ? ' (previous run)' : ''}`);
      for (const l of r.lines) io.out(l);
      return 0;
    }
    if (flags.previous === true) throw usage('--previous reads a log that has ended: leave out -f', help.logs);
    let streamId = '';
    const early: { lines: string[]; ended?: unknown }[] = [];
    let done!: (e: { error?: { message: string } } | undefined) => void;
    const ended = new Promise<{ error?: { message: string } } | undefined>((r) => (done = r));
    const off = client.on('operate.log', (e) => {
      if (!streamId) return void early.push(e);
      if (e.streamId !== streamId) return;
      for (const l of e.lines) io.out(l);
      if (e.ended) done(e.ended);
    });
    const stop = () => void client.invoke('operate.logs.close', { streamId }).catch(() => done(undefined));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      const s = await client.invoke('operate.logs.follow', input);
      streamId = s.streamId;
      io.err(`following ${s.pod}/${s.container} (Ctrl-C to stop)`);
      for (const e of early.splice(0) as { streamId?: string; lines: string[]; ended?: { error?: { message: string } } }[])
        if (e.streamId === streamId) {
          for (const l of e.lines) io.out(l);
          if (e.ended) done(e.ended);
        }
      const end = await ended;
      if (end?.error) io.err(`the log stopped: ${end.error.message}`);
      return end?.error ? 1 : 0;
    } finally {
      off();
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
  },
  events: async (argv, client, io) => {
    const { positionals, flags } = parseArgs(argv, {});
    const { view } = await resolveTracked(client, one(positionals, 'events'));
    const r = await client.invoke('operate.events', { id: view.id });
    if (flags.json === true) io.out(JSON.stringify(r));
    else if (!r.events.length) io.out(`No events of ${view.id} (Kubernetes keeps them for an hour)`);
    else
      for (const e of r.events)
        io.out(
          `${new Date(e.at).toISOString()}  ${e.type.padEnd(7)}  ${e.object}  ${e.reason}${e.count > 1 ? ` ×${e.count}` : ''}: ${e.message}`,
        );
    return 0;
  },
  diagnose: async (argv, client, io) => {
    const { positionals, flags } = parseArgs(argv, {});
    const { view } = await resolveTracked(client, one(positionals, 'diagnose'));
    const r = await client.invoke('operate.diagnose', { id: view.id });
    if (flags.json === true) io.out(JSON.stringify(r));
    else if (!r.diagnoses.length) io.out(`Nothing known is wrong with ${view.id} (read: ${r.read.join(', ')})`);
    else
      for (const d of r.diagnoses) {
        io.out(`✗ ${d.title}`);
        for (const e of d.evidence) io.out(`    ${e}`);
        io.out(`  → ${d.hint}`);
      }
    return 0;
  },
};

export const operateCommands: Record<string, CliCommand> = Object.fromEntries(
  Object.entries(commandsImpl).map(([name, run]) => [name, { help: help[name as keyof typeof help], run }]),
);
