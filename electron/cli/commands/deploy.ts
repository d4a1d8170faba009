// `flink-desk apply -f job.yaml [--replace]`, `flink-desk delete NAME [--with-ha]`, `flink-desk jobs [--json]`, and
// the session-cluster subcommands `session create -f | list | delete` (issue: Jobs and Deploy).
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Client } from '../../../shared/client';
import type { ClusterListResult, SavedJobView } from '../../../shared/contracts/deploy';
import { AppError } from '../../../shared/errors';
import type { OperationSnapshot } from '../../../shared/operations';
import { parseArgs, usage } from '../args';
import type { CliCommand } from '../command';
import { followOperation } from '../follow-operation';
import type { CliIO } from '../io';
import { parseSpecYaml } from '../../services/deploy/spec-loader';

export const applyHelp = `flink-desk apply -f job.yaml [--replace] [--kubeconfig FILE] [--json]
                                          save the spec as a new version and deploy it (a dry run on the server first)`;
export const deleteHelp = `flink-desk delete NAME [--with-ha] [--json]  delete a saved job's cluster (--with-ha: its HA ConfigMaps too)
flink-desk delete --context C --namespace N CLUSTER_ID [--with-ha]   any Flink cluster`;
export const jobsHelp = `flink-desk jobs [--json]                  the saved jobs, their versions and what was deployed`;
export const sessionClusterHelp = `flink-desk session create -f session.yaml [--replace] [--json]
                                          deploy a session cluster (a spec with mode: session and no session:)
flink-desk session list [--context C --namespace N] [--json]
                                          every Flink session cluster in the targets' namespaces (made anywhere)
flink-desk session delete --context C --namespace N CLUSTER_ID [--with-ha]`;

async function readSpecFile(path: string): Promise<{ document: unknown; baseDir: string; source: string }> {
  const file = resolve(path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new AppError({
      code: 'invalid-input',
      message: `-f: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      hint: 'Give the path of a job spec YAML file',
    });
  }
  return { document: parseSpecYaml(text, file), baseDir: dirname(file), source: file };
}

async function finish(op: OperationSnapshot, io: CliIO, json: boolean): Promise<number> {
  if (json) io.out(JSON.stringify(op));
  if (op.status === 'succeeded') {
    if (!json) {
      const r = op.result as
        | { clusterId: string; namespace: string; context: string; version: number; jobManager: { detail: string } }
        | { jobId: string; jobName: string; state: string; restUrl: string };
      // A job for a session cluster ends with the submission's result, a cluster with the deploy's.
      if ('jobId' in r) io.out(`Submitted ${r.jobName} to ${r.restUrl}: job ${r.jobId}, ${r.state}`);
      else io.out(`Deployed ${r.clusterId} to ${r.context}/${r.namespace} (version ${r.version}): ${r.jobManager.detail}`);
    }
    return 0;
  }
  throw new AppError({
    code: (op.error?.code as AppError['code'] | undefined) ?? 'internal',
    message: op.error?.message ?? `The deploy ended ${op.status}`,
    ...(op.error?.hint ? { hint: op.error.hint } : {}),
  });
}

async function apply(argv: string[], client: Client, io: CliIO, mode?: 'session'): Promise<number> {
  const { positionals, flags } = parseArgs(argv, { values: ['file', 'kubeconfig'], switches: ['replace'], short: { f: 'file' } });
  if (positionals.length) throw usage(`apply takes -f FILE, not '${positionals.join(' ')}'`, applyHelp);
  if (typeof flags.file !== 'string') throw usage('-f FILE is required: the job spec to apply', applyHelp);
  const spec = await readSpecFile(flags.file);
  if (mode === 'session') {
    const m = (spec.document as { spec?: { mode?: unknown; session?: unknown } } | null)?.spec;
    if (m?.mode !== 'session' || m.session !== undefined)
      throw usage(
        'session create takes a spec with mode: session and no session: field (that would be a job for a session cluster)',
        sessionClusterHelp,
      );
  }
  const json = flags.json === true;
  const first = await client.invoke('jobs.apply', {
    ...spec,
    ...(flags.replace === true ? { replace: true } : {}),
    ...(typeof flags.kubeconfig === 'string' ? { kubeconfig: flags.kubeconfig } : {}),
  });
  return finish(await followOperation(client, first, io, json), io, json);
}

async function del(argv: string[], client: Client, io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, { values: ['context', 'namespace', 'kubeconfig'], switches: ['with-ha'] });
  if (positionals.length !== 1)
    throw usage('delete takes one NAME (a saved job) or, with --context and --namespace, a CLUSTER_ID', deleteHelp);
  const name = positionals[0]!;
  let where: { context: string; namespace: string; clusterId: string };
  if (typeof flags.context === 'string' || typeof flags.namespace === 'string') {
    if (typeof flags.context !== 'string' || typeof flags.namespace !== 'string')
      throw usage('give both --context and --namespace', deleteHelp);
    where = { context: flags.context, namespace: flags.namespace, clusterId: name };
  } else {
    const job = await client.invoke('jobs.get', { name });
    const s = job.latest.document.spec;
    if (!s.context) throw usage(`the saved job ${name} names no context: give --context and --namespace`, deleteHelp);
    where = { context: s.context, namespace: s.namespace, clusterId: s.clusterId };
  }
  const r = await client.invoke('clusters.delete', {
    ...where,
    withHa: flags['with-ha'] === true,
    ...(typeof flags.kubeconfig === 'string' ? { kubeconfig: flags.kubeconfig } : {}),
  });
  if (flags.json === true) io.out(JSON.stringify(r));
  else {
    io.out(`Deleted ${r.deleted.join(', ')} in ${where.context}/${where.namespace}; the rest goes by garbage collection.`);
    if (r.haConfigMapsKept.length) io.err(`kept the HA ConfigMaps ${r.haConfigMapsKept.join(', ')} (--with-ha deletes them)`);
  }
  return 0;
}

async function jobs(argv: string[], client: Client, io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, {});
  if (positionals.length) throw usage('jobs takes no arguments', jobsHelp);
  const all = await client.invoke('jobs.list');
  if (flags.json === true) io.out(JSON.stringify(all));
  else printJobs(all, io);
  return 0;
}

function printJobs(all: SavedJobView[], io: CliIO): void {
  if (all.length === 0) {
    io.out('No saved jobs. Apply a spec with "flink-desk apply -f job.yaml".');
    return;
  }
  const w = Math.max(4, ...all.map((j) => j.name.length));
  io.out(`${'NAME'.padEnd(w)}  MODE         CLUSTER / NAMESPACE               VERSION  DEPLOYED`);
  for (const j of all) {
    const s = j.latest.document.spec;
    const d = j.deployed;
    const deployed = d ? `v${d.version} ${d.outcome}${d.version !== j.latest.version ? ' (changed since)' : ''}` : 'never';
    io.out(
      `${j.name.padEnd(w)}  ${s.mode.padEnd(11)}  ${`${s.clusterId} / ${s.namespace}`.padEnd(32)}  v${String(j.latest.version).padEnd(6)}  ${deployed}`,
    );
  }
}

async function list(argv: string[], client: Client, io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, { values: ['context', 'namespace', 'kubeconfig'], switches: ['all'] });
  if (positionals.length) throw usage('session list takes no arguments', sessionClusterHelp);
  const r = await client.invoke('clusters.list', {
    ...(typeof flags.context === 'string' ? { context: flags.context } : {}),
    ...(typeof flags.namespace === 'string' ? { namespace: flags.namespace } : {}),
    ...(typeof flags.kubeconfig === 'string' ? { kubeconfig: flags.kubeconfig } : {}),
  });
  const shown: ClusterListResult = flags.all === true ? r : { ...r, clusters: r.clusters.filter((c) => c.mode === 'session') };
  if (flags.json === true) io.out(JSON.stringify(shown));
  else {
    if (shown.clusters.length === 0) io.out('No session clusters.');
    for (const c of shown.clusters)
      io.out(
        `${c.clusterId.padEnd(24)} ${`${c.context}/${c.namespace}`.padEnd(28)} ${c.jobManagers.ready}/${c.jobManagers.desired} ready  ${c.rest?.exposedType ?? '-'}  ${c.madeByFlinkDesk ? '' : '(made outside Flink Desk)'}`,
      );
  }
  for (const p of r.problems) io.err(`could not list ${p.context}/${p.namespace}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`);
  return r.problems.length && !r.clusters.length ? 2 : 0;
}

async function sessionDelete(argv: string[], client: Client, io: CliIO): Promise<number> {
  const { flags } = parseArgs(argv, { values: ['context', 'namespace', 'kubeconfig'], switches: ['with-ha'] });
  if (typeof flags.context !== 'string' || typeof flags.namespace !== 'string')
    throw usage('session delete needs --context and --namespace', sessionClusterHelp);
  return del(argv, client, io);
}

/** `session create | list | delete`, merged into the session command's table. */
export const sessionClusterSubcommands: Record<string, (argv: string[], client: Client, io: CliIO) => Promise<number>> = {
  create: (argv, c, io) => apply(argv, c, io, 'session'),
  list,
  delete: sessionDelete,
};

export const deployCommands: Record<string, CliCommand> = {
  apply: { help: applyHelp, run: (argv, c, io) => apply(argv, c, io) },
  delete: { help: deleteHelp, run: del },
  jobs: { help: jobsHelp, run: jobs },
};
