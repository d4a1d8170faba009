// A TINY kubeconfig helper for the registry's pull secrets and its context picker, until the Clusters capability's
// kube service (electron/services/kube/) offers contexts and per-context clients; then this file should go and its
// two callers use that service. It reads a chosen file, or every file in KUBECONFIG (first file wins for duplicate
// names, as kubectl does), or ~/.kube/config — from the injected environment, not process.env.
import { KubeConfig } from '@kubernetes/client-node';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { AppError } from '../../../shared/errors';

export function kubeconfigFiles(env: NodeJS.ProcessEnv, file?: string): string[] {
  if (file) return [file];
  if (env.KUBECONFIG) return env.KUBECONFIG.split(delimiter).filter(Boolean);
  return [join(env.HOME || homedir(), '.kube', 'config')];
}

export function loadKubeConfig(env: NodeJS.ProcessEnv, file?: string): KubeConfig {
  const files = kubeconfigFiles(env, file).filter((f) => existsSync(f));
  if (!files.length)
    throw new AppError({
      code: 'not-found',
      message: `No kubeconfig found (looked at ${kubeconfigFiles(env, file).join(', ')})`,
      hint: 'Point KUBECONFIG at your kubeconfig, or create ~/.kube/config (kubectl config view shows what you have)',
    });
  const merged = new KubeConfig();
  for (const f of files) {
    const kc = new KubeConfig();
    try {
      kc.loadFromFile(f);
    } catch (e) {
      throw new AppError({
        code: 'invalid-input',
        message: `The kubeconfig ${f} cannot be read: ${e instanceof Error ? e.message : String(e)}`,
        hint: 'Check the file with "kubectl config view --kubeconfig <file>"',
      });
    }
    if (!merged.currentContext && kc.currentContext) merged.currentContext = kc.currentContext;
    for (const c of kc.clusters) if (!merged.getCluster(c.name)) merged.addCluster(c);
    for (const u of kc.users) if (!merged.getUser(u.name)) merged.addUser(u);
    for (const c of kc.contexts) if (!merged.getContextObject(c.name)) merged.addContext(c);
  }
  return merged;
}

/** The config switched to `context`, or a clear error naming the contexts that exist. */
export function kubeConfigFor(env: NodeJS.ProcessEnv, context: string, file?: string): KubeConfig {
  const kc = loadKubeConfig(env, file);
  if (!kc.getContextObject(context))
    throw new AppError({
      code: 'not-found',
      message: `The kubeconfig has no context "${context}"`,
      hint: `Contexts: ${kc.contexts.map((c) => c.name).join(', ') || '(none)'}`,
    });
  kc.setCurrentContext(context);
  return kc;
}
