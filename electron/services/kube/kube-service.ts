// The Kubernetes capability: kubeconfig files and contexts (watched), targets, check, RBAC plan and grant; every
// request goes through the shared KubeClients.
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { GrantMode, GrantPlan, GrantResult, KubeCheckResult, KubeContextsResult, KubeTarget } from '../../../shared/contracts/kube';
import { AppError } from '../../../shared/errors';
import type { Clock, EventSink, Logger } from '../ports';
import type { Stores } from '../store/stores';
import type { Lifecycle } from '../runtime/lifecycle';
import { loadClientNode } from './client-node';
import { checkTarget } from './cluster-check';
import { mapHttpError } from './error-mapping';
import type { KubeClient } from './kube-client';
import type { KubeClients } from './kube-clients';
import { kubeconfigSources, loadKubeconfigs, parseKubeconfigFile, summarize, type LoadedKubeconfig } from './kubeconfig-loader';
import { createKubeconfigWatcher, type KubeconfigWatcher } from './kubeconfig-watcher';
import { applyGrant, grantPlan } from './rbac-grant';
import { TargetStore } from './targets';

export interface KubeServiceDeps {
  stores: Pick<Stores, 'targets'>;
  lifecycle: Pick<Lifecycle, 'register'>;
  events: EventSink;
  clock: Clock;
  logger: Logger;
  env: NodeJS.ProcessEnv;
  kube: KubeClients;
}

interface TargetInput {
  context: string;
  namespace: string;
  kubeconfig?: string | undefined;
}

export class KubeService {
  readonly targets: TargetStore;
  private watcher: KubeconfigWatcher | undefined;
  private lastSummary = '';

  constructor(private readonly deps: KubeServiceDeps) {
    this.targets = new TargetStore(deps.stores.targets, deps.logger);
  }

  private load(override?: string): LoadedKubeconfig {
    return loadKubeconfigs(kubeconfigSources(this.deps.env, this.targets.files(), override));
  }

  /** Contexts of every file; also (re)starts the watch on those files, unless the CLI named one file. */
  async contexts(override?: string): Promise<KubeContextsResult> {
    await loadClientNode();
    const loaded = this.load(override);
    if (override) {
      const flagged = loaded.files[0];
      if (flagged?.error) throw new AppError(flagged.error);
      return summarize(loaded);
    }
    const summary = summarize(loaded);
    this.lastSummary = JSON.stringify(summary);
    this.watch(summary.files.map((f) => f.path));
    return summary;
  }

  private watch(paths: string[]): void {
    if (!this.watcher) {
      const watcher = createKubeconfigWatcher(() => this.onFilesChanged());
      this.watcher = watcher;
      void this.deps.lifecycle.register({
        name: 'kubeconfig watcher',
        stop: () => {
          watcher.close();
          if (this.watcher === watcher) this.watcher = undefined;
        },
      });
    }
    this.watcher.setFiles(paths);
  }

  private onFilesChanged(): void {
    // Only ever armed by contexts(), after client-node is loaded.
    const summary = summarize(this.load());
    const json = JSON.stringify(summary);
    if (json === this.lastSummary) return;
    this.lastSummary = json;
    this.deps.logger.info('kubeconfig changed', { files: summary.files.length, contexts: summary.contexts.length });
    this.deps.events.emit('kube.contextsChanged', summary);
  }

  async addFile(path: string): Promise<KubeContextsResult> {
    await loadClientNode();
    const abs = this.expand(path);
    try {
      parseKubeconfigFile(abs);
    } catch (e) {
      if (e instanceof AppError) throw new AppError({ ...e.toInfo(), fields: { path: e.message } });
      throw e;
    }
    const files = this.targets.files();
    if (!files.includes(abs)) this.targets.setFiles((now) => (now.includes(abs) ? now : [...now, abs]));
    return this.changed();
  }

  async removeFile(path: string): Promise<KubeContextsResult> {
    const abs = this.expand(path);
    this.targets.setFiles((now) => now.filter((f) => f !== abs));
    return this.changed();
  }

  private async changed(): Promise<KubeContextsResult> {
    const summary = await this.contexts();
    this.deps.events.emit('kube.contextsChanged', summary);
    return summary;
  }

  private expand(path: string): string {
    const home = this.deps.env.HOME || homedir();
    const p = path.trim();
    if (p === '~') return home;
    if (p.startsWith('~/')) return join(home, p.slice(2));
    if (!isAbsolute(p)) {
      throw new AppError({
        code: 'invalid-input',
        message: `Give the full path of the file (got '${p}')`,
        hint: 'For example /home/you/.kube/other-cluster.yaml or ~/.kube/other-cluster.yaml',
        fields: { path: 'Needs a full path' },
      });
    }
    return resolve(p);
  }

  addTarget(t: Omit<KubeTarget, 'id'>): KubeTarget[] {
    return this.targets.add(t);
  }

  private client(input: TargetInput): Promise<KubeClient> {
    return this.deps.kube.for(input.context, { kubeconfig: input.kubeconfig });
  }

  async check(input: TargetInput & { serviceAccount: string; rbac: boolean; timeoutSec: number }): Promise<KubeCheckResult> {
    const client = await this.client(input);
    try {
      await client.prepare();
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      // The credential could not be had (exec plugin missing or failing): report it as the check's result.
      return {
        context: input.context,
        namespace: input.namespace,
        server: client.where.server,
        checkedAt: this.deps.clock.now(),
        reachable: false,
        error: e.toInfo(),
        verdict: 'unreachable',
      };
    }
    return checkTarget(client.withTimeout(input.timeoutSec * 1000), { ...input }, this.deps.clock);
  }

  async plan(input: TargetInput & { serviceAccount: string; mode: GrantMode; createNamespace: boolean }): Promise<GrantPlan> {
    await this.client(input); // the context must exist
    return grantPlan(input.namespace, input.serviceAccount, input.mode, input.createNamespace);
  }

  async grant(input: TargetInput & { serviceAccount: string; mode: GrantMode; createNamespace: boolean }): Promise<GrantResult> {
    const plan = await this.plan(input);
    return applyGrant(await this.client(input), plan, input.createNamespace);
  }

  async createNamespace(input: TargetInput): Promise<{ created: boolean }> {
    const client = await this.client(input);
    // Created only, never applied: an existing namespace's labels belong to whoever made it.
    const r = await client.request('POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: input.namespace, labels: { 'app.kubernetes.io/managed-by': 'flink-desk' } },
    });
    if (r.status === 409) return { created: false };
    if (r.status !== 201 && r.status !== 200) throw mapHttpError(r.status, r.body, client.where, `create namespace '${input.namespace}'`);
    return { created: true };
  }
}
