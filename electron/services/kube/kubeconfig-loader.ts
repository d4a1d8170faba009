// Reads the user's kubeconfig the way kubectl does: every file in KUBECONFIG (in order; missing files are skipped),
// else ~/.kube/config; then the files the user added in Flink Desk. For clusters, users and contexts the first file
// that names one wins, and current-context comes from the first file that sets it. client-node's own
// loadFromDefault differs (it throws on a duplicate name and lets the last file's current-context win), so the
// merge is done here, per file, with client-node parsing each file. Nothing here ever writes a kubeconfig.
import type { Cluster, Context, KubeConfig, User } from '@kubernetes/client-node';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { KubeconfigFileInfo, KubeconfigOrigin, KubeContextInfo, KubeContextsResult } from '../../../shared/contracts/kube';
import { AppError } from '../../../shared/errors';
import { clientNode } from './client-node';

export interface KubeconfigSource {
  path: string;
  origin: KubeconfigOrigin;
}

export interface LoadedKubeconfig {
  files: KubeconfigFileInfo[];
  clusters: Map<string, Cluster>;
  users: Map<string, User>;
  contexts: Map<string, { context: Context; source: string }>;
  currentContext?: string;
}

/** The files to read, in precedence order. `override` (the CLI's --kubeconfig) replaces KUBECONFIG and the default. */
export function kubeconfigSources(env: NodeJS.ProcessEnv, added: string[], override?: string): KubeconfigSource[] {
  const out: KubeconfigSource[] = [];
  const push = (path: string, origin: KubeconfigOrigin) => {
    const abs = resolve(path);
    if (!out.some((s) => s.path === abs)) out.push({ path: abs, origin });
  };
  if (override) {
    push(override, 'flag');
    return out;
  }
  const list = (env.KUBECONFIG ?? '').split(delimiter).filter((p) => p.trim() !== '');
  if (list.length > 0) for (const p of list) push(p, 'KUBECONFIG');
  else push(join(env.HOME || homedir(), '.kube', 'config'), 'default');
  for (const p of added) push(p, 'added');
  return out;
}

/** Parses one file with client-node; an empty file is an empty config, as for kubectl. */
export function parseKubeconfigFile(path: string): KubeConfig {
  const kc = new (clientNode().KubeConfig)();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new AppError({
      code: 'invalid-input',
      message: `Cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
      hint: 'Check that the file exists and that you may read it',
    });
  }
  if (text.trim() === '') return kc;
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    const first = ((e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '').replace(/:\s*$/, '');
    throw new AppError({
      code: 'invalid-input',
      message: `${path} is not valid YAML: ${first}`,
      hint: 'Fix the file (kubectl config view shows what kubectl makes of it) or remove it from the list',
    });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new AppError({
      code: 'invalid-input',
      message: `${path} is not a kubeconfig (expected a document with clusters, users and contexts)`,
      hint: 'Choose the file your cluster provider wrote (often ~/.kube/config)',
    });
  }
  try {
    kc.loadFromFile(path);
  } catch (e) {
    throw new AppError({
      code: 'invalid-input',
      message: `${path} is not a valid kubeconfig: ${e instanceof Error ? e.message : String(e)}`,
      hint: 'Every cluster needs a name and a server, every user and context a name; fix the entry or remove the file',
    });
  }
  return kc;
}

/** kubectl runs a relative exec command that contains a path separator relative to the kubeconfig's folder. */
function withExecPathResolved(user: User, file: string): User {
  const exec = (user as { exec?: { command?: unknown } }).exec;
  if (!exec || typeof exec.command !== 'string') return user;
  const cmd = exec.command;
  if (isAbsolute(cmd) || !cmd.includes('/')) return user;
  return { ...user, exec: { ...exec, command: resolve(dirname(file), cmd) } };
}

export function loadKubeconfigs(sources: KubeconfigSource[]): LoadedKubeconfig {
  const loaded: LoadedKubeconfig = { files: [], clusters: new Map(), users: new Map(), contexts: new Map() };
  for (const source of sources) {
    const info: KubeconfigFileInfo = { path: source.path, origin: source.origin, exists: existsSync(source.path), contexts: 0 };
    loaded.files.push(info);
    if (!info.exists) {
      if (source.origin === 'flag' || source.origin === 'added') {
        info.error = {
          code: 'not-found',
          message: `${source.path} does not exist`,
          hint: 'Check the path, or remove the file from the list',
        };
      }
      continue;
    }
    let kc: KubeConfig;
    try {
      kc = parseKubeconfigFile(source.path);
    } catch (e) {
      info.error = e instanceof AppError ? e.toInfo() : { code: 'invalid-input', message: String(e) };
      continue;
    }
    info.contexts = kc.contexts.length;
    for (const c of kc.clusters) if (!loaded.clusters.has(c.name)) loaded.clusters.set(c.name, c);
    for (const u of kc.users) if (!loaded.users.has(u.name)) loaded.users.set(u.name, withExecPathResolved(u, source.path));
    for (const c of kc.contexts) if (!loaded.contexts.has(c.name)) loaded.contexts.set(c.name, { context: c, source: source.path });
    if (loaded.currentContext === undefined && kc.currentContext) loaded.currentContext = kc.currentContext;
  }
  return loaded;
}

/** What the renderer may see: names, servers, namespaces and source files — no credential. */
export function summarize(loaded: LoadedKubeconfig): KubeContextsResult {
  const contexts: KubeContextInfo[] = [...loaded.contexts.values()].map(({ context, source }) => ({
    name: context.name,
    server: loaded.clusters.get(context.cluster)?.server ?? '',
    user: context.user,
    ...(context.namespace ? { namespace: context.namespace } : {}),
    source,
    current: context.name === loaded.currentContext,
  }));
  return {
    files: loaded.files,
    contexts,
    ...(loaded.currentContext !== undefined ? { currentContext: loaded.currentContext } : {}),
  };
}

/** A KubeConfig holding exactly one context (and its cluster and user), current; client-node's auth works on it. */
export function kubeConfigFor(loaded: LoadedKubeconfig, contextName: string): { kc: KubeConfig; cluster: Cluster; source: string } {
  const entry = loaded.contexts.get(contextName);
  if (!entry) {
    const problems = loaded.files.filter((f) => f.error).map((f) => f.error!.message);
    throw new AppError({
      code: 'not-found',
      message: `No context named '${contextName}' in ${describeFiles(loaded)}`,
      hint: problems.length
        ? `Some kubeconfig files could not be read: ${problems.join('; ')}`
        : `Contexts: ${[...loaded.contexts.keys()].join(', ') || 'none'} (flink-desk contexts lists them)`,
      fields: { context: 'Unknown context' },
    });
  }
  const { context, source } = entry;
  const cluster = loaded.clusters.get(context.cluster);
  if (!cluster) {
    throw new AppError({
      code: 'invalid-input',
      message: `Context '${contextName}' (in ${source}) names cluster '${context.cluster}', which no kubeconfig file defines`,
      hint: 'Add the cluster entry to your kubeconfig, or fix the context',
    });
  }
  // A context without a user entry talks anonymously, as kubectl does; client-node skips the CA without a user.
  const user: User = loaded.users.get(context.user) ?? { name: context.user || 'anonymous' };
  const kc = new (clientNode().KubeConfig)();
  kc.loadFromOptions({ clusters: [cluster], users: [user], contexts: [{ ...context, user: user.name }], currentContext: contextName });
  return { kc, cluster, source };
}

function describeFiles(loaded: LoadedKubeconfig): string {
  const present = loaded.files.filter((f) => f.exists).map((f) => f.path);
  return present.length ? present.join(', ') : 'any kubeconfig file (none found)';
}
