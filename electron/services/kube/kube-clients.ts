// The one way into a cluster for every capability: `kube.for(context, { kubeconfig })` gives the client of that
// context, one per (kubeconfig files, context) for the life of the services, so its connections, exec credentials and
// API discovery are shared by everyone who talks to that cluster. Hold the KubeClients, not a client: for() is cheap,
// and a file added on the Clusters page changes which files a context comes from. Closed by Services.stop() (the
// lifecycle), which ends every watch, informer, log follow and port-forward.
import { AppError } from '../../../shared/errors';
import type { Logger, Scheduler } from '../ports';
import type { Lifecycle } from '../runtime/lifecycle';
import { loadClientNode } from './client-node';
import { KubeClient } from './kube-client';
import { kubeconfigSources } from './kubeconfig-loader';

export interface KubeClientsDeps {
  env: NodeJS.ProcessEnv;
  /** The kubeconfig files the user added in Flink Desk (the targets store), read at each for(). */
  addedFiles: () => string[];
  scheduler: Scheduler;
  logger: Logger;
  /** When given, the clients are closed with the services. */
  lifecycle?: Pick<Lifecycle, 'register'>;
}

export interface ClientFor {
  /** A kubeconfig file to use instead of KUBECONFIG / ~/.kube/config (the CLI's --kubeconfig). */
  kubeconfig?: string | undefined;
}

export class KubeClients {
  private readonly clients = new Map<string, KubeClient>();
  private closed = false;

  constructor(private readonly deps: KubeClientsDeps) {
    void deps.lifecycle?.register({ name: 'kubernetes clients', stop: () => this.close() });
  }

  /** The client of `context`; throws the loader's AppError when no kubeconfig file defines it. */
  async for(context: string, options: ClientFor = {}): Promise<KubeClient> {
    if (this.closed) {
      throw new AppError({ code: 'cancelled', message: 'Flink Desk is shutting down', hint: 'Start it again to talk to your clusters' });
    }
    await loadClientNode();
    const sources = kubeconfigSources(this.deps.env, this.deps.addedFiles(), options.kubeconfig);
    const key = JSON.stringify([sources.map((s) => s.path), context]);
    let client = this.clients.get(key);
    if (!client) {
      client = new KubeClient({ context, sources, scheduler: this.deps.scheduler, logger: this.deps.logger });
      this.clients.set(key, client);
    }
    return client;
  }

  /** How many clients are cached (for tests). */
  get size(): number {
    return this.clients.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.clients.values()];
    this.clients.clear();
    await Promise.allSettled(all.map((c) => c.close()));
  }
}
