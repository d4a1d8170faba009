// `flink-desk registry set | show | verify | pull-secret | import-docker-config` (issue: Registry).
// The password only ever comes in on stdin (--password-stdin) and never goes out.
import type { RegistryView } from '../../../shared/contracts/registry';
import { AppError } from '../../../shared/errors';
import type { Client } from '../../../shared/client';
import type { OperationSnapshot, OperationStep } from '../../../shared/operations';
import { parseArgs, usage } from '../args';
import type { CliIO } from '../io';
import type { CliCommand } from '../command';

export const registryHelp = `flink-desk registry set --address A [--namespace N] [--username U] [--password-stdin] [--docker-host H] [--clear-password]
                                          save the registry (the password is read from stdin and stored encrypted)
flink-desk registry show [--json]         the registry settings (never the password: hasPassword says if one is saved)
flink-desk registry verify [--json]       log in, push a probe image, pull it back, clean up (exit 0 only if all pass)
flink-desk registry pull-secret --context C --namespace N [--name S] [--kubeconfig PATH] [--json]
                                          create or update the image pull secret (kubernetes.io/dockerconfigjson)
flink-desk registry import-docker-config [--address A] [--json]
                                          take the user and password from ~/.docker/config.json (or its credential helper)`;

/** Reads stdin to its end; a CliIO may supply its own (tests). */
export type StdinReader = () => Promise<string>;

const processStdin: StdinReader = async () => {
  if (process.stdin.isTTY)
    throw usage('--password-stdin reads the password from a pipe, e.g. printf %s "$PASSWORD" | flink-desk registry set … --password-stdin');
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const opt = (flags: Record<string, string | true>, name: string): string | undefined => {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
};
function need(flags: Record<string, string | true>, name: string): string {
  const v = opt(flags, name);
  if (!v) throw usage(`--${name} is required`, registryHelp);
  return v;
}

function describe(v: RegistryView): string {
  const last = v.lastVerification;
  const lines = [
    `address     ${v.address || '(not set)'}`,
    `namespace   ${v.namespace}`,
    `username    ${v.username || '(not set)'}`,
    `password    ${v.hasPassword ? 'saved (encrypted)' : 'not saved'}`,
    `engine      ${v.engine.address} (${v.engine.source === 'setting' ? 'saved' : v.engine.source})`,
    `verified    ${last ? `${last.status} at ${new Date(last.at).toISOString()}` : 'never'}`,
  ];
  for (const s of v.pullSecrets) lines.push(`pull secret ${s.name} in ${s.namespace} (context ${s.context})`);
  return lines.join('\n');
}

async function set(argv: string[], client: Client, io: CliIO & { stdin?: StdinReader }): Promise<number> {
  const { positionals, flags } = parseArgs(argv, {
    values: ['address', 'namespace', 'username', 'docker-host'],
    switches: ['password-stdin', 'clear-password'],
  });
  if (positionals.length) throw usage(`registry set takes no arguments (got '${positionals.join(' ')}')`, registryHelp);
  const current = await client.invoke('registry.get');
  let password: string | undefined;
  if (flags['password-stdin'] === true) {
    password = (await (io.stdin ?? processStdin)()).replace(/\r?\n$/, '');
    if (!password) throw usage('--password-stdin got an empty password');
  }
  const dockerHost = opt(flags, 'docker-host');
  const view = await client.invoke('registry.save', {
    address: opt(flags, 'address') ?? current.address,
    namespace: opt(flags, 'namespace') ?? current.namespace,
    username: opt(flags, 'username') ?? current.username,
    ...(password !== undefined ? { password } : {}),
    ...(flags['clear-password'] === true ? { clearPassword: true } : {}),
    ...(dockerHost !== undefined ? { dockerHost } : {}),
  });
  io.out(flags.json === true ? JSON.stringify(view) : describe(view));
  return 0;
}

const mark: Record<OperationStep['status'], string> = { pending: '·', running: '…', succeeded: '✓', failed: '✗', skipped: '-' };

/** Waits for the operation, printing each step change to stderr (unless quiet). Polls: works over any transport. */
async function follow(client: Client, first: OperationSnapshot, io: CliIO, quiet: boolean): Promise<OperationSnapshot> {
  const seen = new Map<string, string>();
  let op = first;
  const print = (s: OperationStep) => {
    const key = `${s.status}|${s.detail ?? ''}`;
    if (seen.get(s.id) === key || s.status === 'pending') return;
    seen.set(s.id, key);
    const took = s.startedAt && s.endedAt ? ` (${((s.endedAt - s.startedAt) / 1000).toFixed(1)} s)` : '';
    io.err(`${mark[s.status]} ${s.title}${s.detail ? `: ${s.detail}` : ''}${took}`);
    if (s.hint && s.status !== 'running') io.err(`  hint: ${s.hint}`);
  };
  for (;;) {
    if (!quiet) op.steps.forEach(print);
    if (op.status !== 'running') return op;
    await new Promise((r) => setTimeout(r, 50));
    op = await client.invoke('operations.get', { id: op.id });
  }
}

async function verify(argv: string[], client: Client, io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, {});
  if (positionals.length) throw usage('registry verify takes no arguments', registryHelp);
  const json = flags.json === true;
  const op = await follow(client, await client.invoke('registry.verify'), io, json);
  const passed = op.status === 'succeeded';
  if (json) {
    io.out(
      JSON.stringify({
        passed,
        steps: op.steps.map((s) => ({ id: s.id, title: s.title, status: s.status, detail: s.detail, hint: s.hint })),
        ...(op.result ? { result: op.result } : {}),
        ...(op.error ? { error: op.error } : {}),
      }),
    );
  } else io.out(passed ? 'Registry verified: login, push and pull all work.' : `Verification failed: ${op.error?.message ?? op.status}`);
  if (passed) return 0;
  return op.error?.code === 'unreachable' || op.error?.code === 'invalid-input' ? 2 : 1;
}

async function pullSecret(argv: string[], client: Client, io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, { values: ['context', 'namespace', 'name', 'kubeconfig'] });
  if (positionals.length) throw usage('registry pull-secret takes no arguments', registryHelp);
  const name = opt(flags, 'name');
  const kubeconfig = opt(flags, 'kubeconfig');
  const r = await client.invoke('registry.pullSecret', {
    context: need(flags, 'context'),
    namespace: need(flags, 'namespace'),
    ...(name ? { name } : {}),
    ...(kubeconfig ? { kubeconfig } : {}),
  });
  io.out(
    flags.json === true
      ? JSON.stringify(r)
      : `Secret ${r.name} ${r.action} in ${r.namespace} (context ${r.context}).\nDeployments use it with ${r.flinkOption}`,
  );
  return 0;
}

async function importDockerConfig(argv: string[], client: Client, io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, { values: ['address'] });
  if (positionals.length) throw usage('registry import-docker-config takes no arguments', registryHelp);
  const address = opt(flags, 'address');
  const r = await client.invoke('registry.importDockerConfig', address ? { address } : {});
  io.out(
    flags.json === true
      ? JSON.stringify(r)
      : `Imported the credentials for ${r.view.address} from ${r.importedFrom} (${r.source}).\n${describe(r.view)}`,
  );
  return 0;
}

async function registry(argv: string[], client: Client, io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'set':
      return set(rest, client, io);
    case 'show': {
      const { positionals, flags } = parseArgs(rest, {});
      if (positionals.length) throw usage('registry show takes no arguments', registryHelp);
      const view = await client.invoke('registry.get');
      io.out(flags.json === true ? JSON.stringify(view) : describe(view));
      return 0;
    }
    case 'verify':
      return verify(rest, client, io);
    case 'pull-secret':
      return pullSecret(rest, client, io);
    case 'import-docker-config':
      return importDockerConfig(rest, client, io);
    default:
      throw new AppError({
        code: 'invalid-input',
        message: sub
          ? `unknown registry command '${sub}'`
          : 'registry needs a command: set, show, verify, pull-secret or import-docker-config',
        hint: registryHelp,
      });
  }
}

export const registryCommands: Record<string, CliCommand> = { registry: { help: registryHelp, run: registry } };
