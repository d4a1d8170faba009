// `flink-desk session submit | jobs | job | cancel | savepoint | stop` (issue: Jobs and Deploy): jobs on a session
// cluster reached by its REST URL. Program arguments follow `--`, passed to the job as they are (no shell quoting).
// Session clusters on Kubernetes (`session create | list | delete`) add their subcommands to the same table.
import { resolve } from 'node:path';
import type { FlinkJobDetail, FlinkJobsResult, SavepointResult, SessionSubmitResult } from '../../../shared/contracts/flink';
import type { Client } from '../../../shared/client';
import { AppError } from '../../../shared/errors';
import type { OperationSnapshot, OperationStep } from '../../../shared/operations';
import { parseArgs, usage, type FlagSpec } from '../args';
import type { CliCommand } from '../command';
import { exitCodeFor, type CliIO } from '../io';
import { sessionClusterHelp, sessionClusterSubcommands } from './deploy';

export const sessionHelp = `flink-desk session submit --rest-url URL --jar FILE [--entry-class C] [--parallelism N] [--savepoint PATH]
                [--allow-non-restored-state] [--restore-mode CLAIM|NO_CLAIM|LEGACY] [--keep-jar] [--wait SEC | --no-wait] [--json] [-- ARGS...]
                                          upload the jar to a session cluster, run it, wait until it is RUNNING (at most SEC, default 180)
flink-desk session jobs --rest-url URL [--json]
                                          the cluster's jobs, the newest first
flink-desk session job --rest-url URL JOB_ID [--json]
                                          one job: tasks, root exceptions, checkpoints
flink-desk session cancel --rest-url URL JOB_ID [--wait] [--json]
                                          cancel a job (--wait: until it is CANCELED)
flink-desk session savepoint --rest-url URL JOB_ID [--target-directory DIR] [--cancel] [--json]
                                          take a savepoint (into the cluster's default directory unless given)
flink-desk session stop --rest-url URL JOB_ID [--target-directory DIR] [--drain] [--json]
                                          stop a job with a savepoint`;

/** The contract's field names as the user typed them here, so an error names the flag. */
const flagOf: Record<string, string> = {
  restUrl: '--rest-url',
  jar: '--jar',
  entryClass: '--entry-class',
  parallelism: '--parallelism',
  'savepoint.path': '--savepoint',
  'savepoint.restoreMode': '--restore-mode',
  waitSec: '--wait',
  jobId: 'JOB_ID',
  targetDirectory: '--target-directory',
};

/** Runs a request; an invalid-input error is re-worded to name the flag and the rule. */
async function invoke<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'invalid-input' || !e.fields) throw e;
    const fields = Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [flagOf[k] ?? k, v]));
    const [first] = Object.entries(fields);
    throw new AppError({ code: 'invalid-input', message: first ? `${first[0]}: ${first[1]}` : e.message, fields, hint: sessionHelp });
  }
}

const opt = (flags: Record<string, string | true>, name: string): string | undefined => {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
};

function need(flags: Record<string, string | true>, name: string): string {
  const v = opt(flags, name);
  if (!v) throw usage(`--${name} is required`, sessionHelp);
  return v;
}

function wholeNumber(flags: Record<string, string | true>, name: string, min: number, max: number): number | undefined {
  const v = opt(flags, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max)
    throw usage(`--${name}: must be a whole number from ${min} to ${max} (got '${v}')`, sessionHelp);
  return Number(v);
}

/** Everything after the first `--` is the job's own arguments, never read as flags. */
function splitProgramArgs(argv: string[]): { own: string[]; program: string[] } {
  const at = argv.indexOf('--');
  return at < 0 ? { own: argv, program: [] } : { own: argv.slice(0, at), program: argv.slice(at + 1) };
}

function oneJobId(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw usage(`session ${what} needs one JOB_ID (got ${positionals.length})`, sessionHelp);
  return positionals[0]!;
}

const mark: Record<OperationStep['status'], string> = { pending: '·', running: '…', succeeded: '✓', failed: '✗', skipped: '-' };

/**
 * Waits for the operation, printing each step change to stderr (unless quiet). Follows the `op` events, so it ends
 * the moment the operation does; reads the snapshot now and then too, as events can be missed on a transport that
 * reconnects, and the snapshot is the truth.
 */
async function follow(client: Client, first: OperationSnapshot, io: CliIO, quiet: boolean): Promise<OperationSnapshot> {
  const seen = new Map<string, string>();
  const print = (s: OperationStep) => {
    if (quiet) return;
    const key = `${s.status}|${s.detail ?? ''}`;
    if (seen.get(s.id) === key || s.status === 'pending') return;
    seen.set(s.id, key);
    const took = s.startedAt && s.endedAt ? ` (${((s.endedAt - s.startedAt) / 1000).toFixed(1)} s)` : '';
    io.err(`${mark[s.status]} ${s.title}${s.detail ? `: ${s.detail}` : ''}${took}`);
    if (s.hint && s.status !== 'running') io.err(`  hint: ${s.hint}`);
  };
  first.steps.forEach(print);
  if (first.status !== 'running') return first;
  return new Promise<OperationSnapshot>((resolve, reject) => {
    let over = false;
    const stopAll = () => {
      over = true;
      off();
      clearInterval(timer);
    };
    const end = (op: OperationSnapshot) => {
      if (over || op.status === 'running') return;
      stopAll();
      op.steps.forEach(print);
      resolve(op);
    };
    const check = () =>
      client.invoke('operations.get', { id: first.id }).then(end, (e: unknown) => {
        if (over) return;
        stopAll();
        reject(e instanceof Error ? e : new Error(String(e)));
      });
    const off = client.on('op', (e) => {
      if (e.opId !== first.id) return;
      if (e.type === 'step') print(e.step);
      if (e.type === 'done' || e.type === 'error') end(e.snapshot);
    });
    const timer = setInterval(() => void check(), 1000);
    // It may have ended between its start and the subscription.
    void check();
  });
}

/** The operation's outcome on stdout, and its exit code: 0 done, else as its error's code says. */
function finish(op: OperationSnapshot, io: CliIO, json: boolean, text: (result: unknown) => string): number {
  if (json)
    io.out(
      JSON.stringify({
        status: op.status,
        steps: op.steps.map((s) => ({ id: s.id, title: s.title, status: s.status, detail: s.detail, hint: s.hint })),
        ...(op.result !== undefined ? { result: op.result } : {}),
        ...(op.error ? { error: op.error } : {}),
      }),
    );
  if (op.status === 'succeeded') {
    if (!json) io.out(text(op.result));
    return 0;
  }
  const error = op.error ?? { code: 'internal', message: op.status };
  if (!json) {
    io.err(`flink-desk: ${error.message}`);
    if (error.hint) io.err(`hint: ${error.hint}`);
  }
  return exitCodeFor({ code: error.code as never, message: error.message });
}

async function submit(argv: string[], client: Client, io: CliIO): Promise<number> {
  const { own, program } = splitProgramArgs(argv);
  const spec: FlagSpec = {
    values: ['rest-url', 'jar', 'entry-class', 'parallelism', 'savepoint', 'restore-mode', 'wait'],
    switches: ['allow-non-restored-state', 'keep-jar', 'no-wait'],
  };
  const { positionals, flags } = parseArgs(own, spec);
  if (positionals.length)
    throw usage(`session submit takes the job's arguments after -- (got '${positionals.join(' ')}' before it)`, sessionHelp);
  const savepoint = opt(flags, 'savepoint');
  const restoreMode = opt(flags, 'restore-mode');
  const allowNonRestored = flags['allow-non-restored-state'] === true;
  if (!savepoint && (allowNonRestored || restoreMode))
    throw usage(
      `--${allowNonRestored ? 'allow-non-restored-state' : 'restore-mode'} applies to a restore: give --savepoint PATH`,
      sessionHelp,
    );
  const entryClass = opt(flags, 'entry-class');
  const parallelism = wholeNumber(flags, 'parallelism', 1, 32768);
  const waitSec = wholeNumber(flags, 'wait', 1, 3600);
  const noWait = flags['no-wait'] === true;
  if (noWait && waitSec !== undefined) throw usage('--no-wait and --wait exclude each other', sessionHelp);
  const json = flags.json === true;
  const first = await invoke(() =>
    client.invoke('flink.session.submit', {
      restUrl: need(flags, 'rest-url'),
      jar: resolve(need(flags, 'jar')),
      ...(entryClass !== undefined ? { entryClass } : {}),
      ...(program.length ? { args: program } : {}),
      ...(parallelism !== undefined ? { parallelism } : {}),
      ...(savepoint
        ? {
            savepoint: {
              path: savepoint,
              ...(allowNonRestored ? { allowNonRestoredState: true } : {}),
              ...(restoreMode ? { restoreMode: restoreMode as 'CLAIM' } : {}),
            },
          }
        : {}),
      ...(flags['keep-jar'] === true ? { keepJar: true } : {}),
      ...(waitSec !== undefined ? { waitSec } : {}),
      ...(noWait ? { wait: false } : {}),
    }),
  );
  const op = await follow(client, first, io, json);
  return finish(op, io, json, (r) => {
    const s = r as SessionSubmitResult;
    return s.state === 'SUBMITTED'
      ? `Job ${s.jobId} submitted to ${s.restUrl} (Flink ${s.flinkVersion})`
      : `Job '${s.jobName}' (${s.jobId}) is ${s.state} on ${s.restUrl} (Flink ${s.flinkVersion})`;
  });
}

const time = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');

function printJobs(r: FlinkJobsResult, io: CliIO): void {
  const c = r.cluster;
  io.out(`Flink ${c.flinkVersion} at ${c.restUrl}: ${c.taskManagers} TaskManager(s), ${c.slotsAvailable} of ${c.slotsTotal} slots free`);
  if (r.jobs.length === 0) {
    io.out('No jobs.');
    return;
  }
  const w = Math.max(5, ...r.jobs.map((j) => j.state.length));
  io.out(`${'JOB ID'.padEnd(32)}  ${'STATE'.padEnd(w)}  TASKS    STARTED               NAME`);
  for (const j of r.jobs)
    io.out(`${j.id}  ${j.state.padEnd(w)}  ${`${j.tasks.running}/${j.tasks.total}`.padEnd(7)}  ${time(j.startTime)}  ${j.name}`);
}

function printJob(j: FlinkJobDetail, io: CliIO): void {
  io.out(`${j.name} (${j.id}): ${j.state}, ${j.tasks.running} of ${j.tasks.total} tasks running, since ${time(j.startTime)}`);
  for (const v of j.vertices) io.out(`  ${v.status.padEnd(10)} ${v.name} (parallelism ${v.parallelism})`);
  const cp = j.checkpoints;
  io.out(`checkpoints: ${cp.counts.completed} completed, ${cp.counts.failed} failed, ${cp.counts.inProgress} in progress`);
  if (cp.latestCompleted?.path) io.out(`  latest: ${cp.latestCompleted.path}`);
  if (cp.latestSavepoint?.path) io.out(`  latest savepoint: ${cp.latestSavepoint.path}`);
  if (cp.restoredFrom) io.out(`  restored from ${cp.restoredFrom.path ?? `checkpoint ${cp.restoredFrom.id}`}`);
  const e = j.exceptions[0];
  if (e) io.out(`latest exception (${time(e.at)}${e.task ? `, ${e.task}` : ''}): ${e.message}`);
}

async function simple(sub: string, argv: string[], client: Client, io: CliIO, spec: FlagSpec): Promise<number> {
  const { positionals, flags } = parseArgs(argv, spec);
  const json = flags.json === true;
  const restUrl = need(flags, 'rest-url');
  switch (sub) {
    case 'jobs': {
      if (positionals.length) throw usage('session jobs takes no arguments', sessionHelp);
      const r = await invoke(() => client.invoke('flink.jobs', { restUrl }));
      if (json) io.out(JSON.stringify(r));
      else printJobs(r, io);
      return 0;
    }
    case 'job': {
      const r = await invoke(() => client.invoke('flink.job', { restUrl, jobId: oneJobId(positionals, 'job') }));
      if (json) io.out(JSON.stringify(r));
      else printJob(r, io);
      return 0;
    }
    case 'cancel': {
      const r = await invoke(() =>
        client.invoke('flink.job.cancel', { restUrl, jobId: oneJobId(positionals, 'cancel'), wait: flags.wait === true }),
      );
      io.out(json ? JSON.stringify(r) : `Job ${r.jobId}: ${r.state}`);
      return 0;
    }
    case 'savepoint':
    case 'stop': {
      const jobId = oneJobId(positionals, sub);
      const targetDirectory = opt(flags, 'target-directory');
      const first = await invoke(() =>
        sub === 'savepoint'
          ? client.invoke('flink.job.savepoint', {
              restUrl,
              jobId,
              ...(targetDirectory ? { targetDirectory } : {}),
              cancelJob: flags.cancel === true,
            })
          : client.invoke('flink.job.stop', {
              restUrl,
              jobId,
              ...(targetDirectory ? { targetDirectory } : {}),
              drain: flags.drain === true,
            }),
      );
      const op = await follow(client, first, io, json);
      return finish(op, io, json, (r) => `Savepoint of job ${(r as SavepointResult).jobId}: ${(r as SavepointResult).location}`);
    }
    default:
      throw usage(`unknown session command '${sub}'`, sessionHelp);
  }
}

/** The subcommands of `session`, by name; each parses its own flags. */
export const sessionSubcommands: Record<string, (argv: string[], client: Client, io: CliIO) => Promise<number>> = {
  // Session clusters on Kubernetes: create | list | delete (deploy.ts).
  ...sessionClusterSubcommands,
  submit,
  jobs: (argv, c, io) => simple('jobs', argv, c, io, { values: ['rest-url'] }),
  job: (argv, c, io) => simple('job', argv, c, io, { values: ['rest-url'] }),
  cancel: (argv, c, io) => simple('cancel', argv, c, io, { values: ['rest-url'], switches: ['wait'] }),
  savepoint: (argv, c, io) => simple('savepoint', argv, c, io, { values: ['rest-url', 'target-directory'], switches: ['cancel'] }),
  stop: (argv, c, io) => simple('stop', argv, c, io, { values: ['rest-url', 'target-directory'], switches: ['drain'] }),
};

async function session(argv: string[], client: Client, io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  const run = sub !== undefined && Object.prototype.hasOwnProperty.call(sessionSubcommands, sub) ? sessionSubcommands[sub] : undefined;
  if (!run)
    throw new AppError({
      code: 'invalid-input',
      message: sub ? `unknown session command '${sub}'` : `session needs a command: ${Object.keys(sessionSubcommands).join(', ')}`,
      hint: sessionHelp,
    });
  return run(rest, client, io);
}

export const sessionCommands: Record<string, CliCommand> = { session: { help: `${sessionClusterHelp}\n${sessionHelp}`, run: session } };
