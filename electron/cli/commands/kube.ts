// `flink-desk contexts | check | rbac grant` (issue: Clusters).
import type { KubeCheckResult, RbacRow } from '../../../shared/contracts/kube';
import { AppError } from '../../../shared/errors';
import type { Client } from '../../../shared/client';
import { parseArgs, usage } from '../args';
import type { CliIO } from '../io';
import type { CliCommand } from '../command';

const contextsHelp = `flink-desk contexts [--kubeconfig PATH] [--json]
                                          the contexts of your kubeconfig (KUBECONFIG, else ~/.kube/config)`;
const checkHelp = `flink-desk check --context C --namespace N [--service-account SA] [--kubeconfig PATH] [--request-timeout SEC] [--json]
                                          reachability, version, identity and RBAC (exit 0 fine, 3 RBAC missing, 2 unreachable)`;
const rbacHelp = `flink-desk rbac grant --context C --namespace N --service-account SA [--mode role|edit]
                [--create-namespace] [--dry-run | --yes] [--kubeconfig PATH] [--json]
                                          print the RBAC Flink's service account needs as YAML; apply it with --yes`;

function need(flags: Record<string, string | true>, name: string): string {
  const v = flags[name];
  if (typeof v !== 'string' || v === '') throw usage(`--${name} is required`);
  return v;
}

const opt = (flags: Record<string, string | true>, name: string): string | undefined => {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
};

async function contexts(argv: string[], client: Client, io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, { values: ['kubeconfig'] });
  if (positionals.length) throw usage(`contexts takes no arguments (got '${positionals.join(' ')}')`, contextsHelp);
  const kubeconfig = opt(flags, 'kubeconfig');
  const result = await client.invoke('kube.contexts', kubeconfig ? { kubeconfig } : {});
  for (const f of result.files) if (f.error) io.err(`warning: ${f.error.message}${f.error.hint ? `\nhint: ${f.error.hint}` : ''}`);
  if (flags.json === true) {
    io.out(JSON.stringify(result.contexts.map((c) => ({ name: c.name, server: c.server, user: c.user, namespace: c.namespace ?? null }))));
    return 0;
  }
  if (result.contexts.length === 0) {
    io.out(
      'No contexts. Flink Desk reads KUBECONFIG, else ~/.kube/config; your cluster provider writes one (e.g. aws eks update-kubeconfig, gcloud container clusters get-credentials).',
    );
    return 0;
  }
  const w = Math.max(...result.contexts.map((c) => c.name.length));
  for (const c of result.contexts) {
    io.out(`${c.current ? '*' : ' '} ${c.name.padEnd(w)}  ${c.server}  user=${c.user}  namespace=${c.namespace ?? '-'}`);
  }
  return 0;
}

function seconds(v: string): number {
  const n = Number(v.replace(/s$/, ''));
  if (!Number.isInteger(n) || n < 1 || n > 300) throw usage(`--request-timeout is whole seconds from 1 to 300 (got '${v}')`, checkHelp);
  return n;
}

function exitFor(r: KubeCheckResult): number {
  return r.verdict === 'ok' ? 0 : r.verdict === 'rbac-missing' ? 3 : 2;
}

function rbacLine(label: string, rows: RbacRow[]): string {
  const missing = rows.filter((r) => r.status === 'denied' && !r.optional);
  const unknown = rows.filter((r) => r.status === 'unknown');
  const optional = rows.filter((r) => r.status === 'denied' && r.optional);
  const name = (r: RbacRow) => `${r.verb} ${r.resource}${r.group ? `.${r.group}` : ''}`;
  const parts = [
    missing.length
      ? `missing ${missing.length}: ${missing.map(name).join(', ')}`
      : unknown.length === rows.length
        ? ''
        : 'all required rights allowed',
    unknown.length ? `unknown ${unknown.length}${unknown[0]?.reason ? ` (${unknown[0].reason})` : ''}` : '',
    optional.length ? `optional missing: ${optional.map(name).join(', ')}` : '',
  ].filter(Boolean);
  return `${label}: ${parts.join('; ')}`;
}

function printCheck(r: KubeCheckResult, io: CliIO): void {
  io.out(`context   ${r.context} → ${r.server}, namespace ${r.namespace}`);
  if (r.version) io.out(`server    Kubernetes ${r.version.gitVersion} (${r.rttMs ?? '?'} ms)${r.health ? `, ${r.health}` : ''}`);
  if (r.identity)
    io.out(
      `identity  ${'username' in r.identity ? `${r.identity.username} (${r.identity.groups.join(', ')})` : `unknown: ${r.identity.unknown}`}`,
    );
  if (r.namespaceStatus) io.out(`namespace ${r.namespaceStatus.exists === true ? 'exists' : (r.namespaceStatus.reason ?? 'unknown')}`);
  if (r.rbac) {
    io.out(rbacLine('rbac you ', r.rbac.user));
    const sa = r.rbac.serviceAccount;
    io.out(rbacLine(`rbac service account ${sa.name}${sa.exists === false ? ' (does not exist)' : ''}`, sa.rows));
  }
  if (r.error) {
    io.err(`flink-desk: ${r.error.message}`);
    if (r.error.hint) io.err(`hint: ${r.error.hint}`);
  } else if (r.verdict === 'rbac-missing') {
    io.err(
      `hint: flink-desk rbac grant --context ${r.context} --namespace ${r.namespace} --service-account ${r.rbac?.serviceAccount.name ?? 'default'} --dry-run shows the fix`,
    );
  }
}

async function check(argv: string[], client: Client, io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, { values: ['context', 'namespace', 'service-account', 'kubeconfig', 'request-timeout'] });
  if (positionals.length) throw usage(`check takes no arguments (got '${positionals.join(' ')}')`, checkHelp);
  const kubeconfig = opt(flags, 'kubeconfig');
  const timeout = opt(flags, 'request-timeout');
  const result = await client.invoke('kube.check', {
    context: need(flags, 'context'),
    namespace: need(flags, 'namespace'),
    serviceAccount: opt(flags, 'service-account') ?? 'default',
    ...(kubeconfig ? { kubeconfig } : {}),
    ...(timeout !== undefined ? { timeoutSec: seconds(timeout) } : {}),
  });
  if (flags.json === true) io.out(JSON.stringify(result));
  else printCheck(result, io);
  return exitFor(result);
}

async function rbac(argv: string[], client: Client, io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, {
    values: ['context', 'namespace', 'service-account', 'mode', 'kubeconfig'],
    switches: ['dry-run', 'yes', 'create-namespace'],
  });
  if (positionals[0] !== 'grant' || positionals.length > 1)
    throw usage(positionals[0] ? `unknown rbac command '${positionals.join(' ')}'` : 'rbac needs a command: grant', rbacHelp);
  const modeFlag = opt(flags, 'mode') ?? 'role';
  if (modeFlag !== 'role' && modeFlag !== 'edit') throw usage(`--mode is role or edit (got '${modeFlag}')`, rbacHelp);
  const kubeconfig = opt(flags, 'kubeconfig');
  const input = {
    context: need(flags, 'context'),
    namespace: need(flags, 'namespace'),
    serviceAccount: need(flags, 'service-account'),
    mode: modeFlag === 'edit' ? ('edit' as const) : ('role' as const),
    createNamespace: flags['create-namespace'] === true,
    ...(kubeconfig ? { kubeconfig } : {}),
  };
  const json = flags.json === true;
  const plan = await client.invoke('kube.rbac.plan', input);
  if (flags['dry-run'] === true) {
    io.out(json ? JSON.stringify(plan) : plan.yaml);
    return 0;
  }
  if (flags.yes !== true) {
    if (!json) io.out(plan.yaml);
    throw new AppError({
      code: 'invalid-input',
      message: 'Not applied: the YAML above needs your confirmation',
      hint: 'Run again with --yes to apply it, or with --dry-run to only print it',
    });
  }
  if (!json) io.out(plan.yaml);
  const result = await client.invoke('kube.rbac.grant', input);
  if (json) io.out(JSON.stringify(result));
  else for (const a of result.applied) io.out(`${a.action.padEnd(9)} ${a.kind} ${a.namespace ? `${a.namespace}/` : ''}${a.name}`);
  return 0;
}

export const kubeCommands: Record<string, CliCommand> = {
  contexts: { help: contextsHelp, run: contexts },
  check: { help: checkHelp, run: check },
  rbac: { help: rbacHelp, run: rbac },
};
