// The (context, namespace) pairs the user works with, and the kubeconfig files they added: app data in the store
// (sections 'targets' and 'kubeconfig-files'), never written into the user's kubeconfig.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { KubeTarget } from '../../../shared/contracts/kube';
import type { Logger, SettingsStore } from '../ports';

const targetShape = z.object({
  id: z.string().min(1),
  context: z.string().min(1),
  namespace: z.string().min(1),
  serviceAccount: z.string().min(1),
});

export class TargetStore {
  constructor(
    private readonly store: SettingsStore,
    private readonly logger: Logger,
  ) {}

  list(): KubeTarget[] {
    const raw = this.store.get('targets');
    if (raw === undefined) return [];
    if (!Array.isArray(raw)) {
      this.logger.warn('store section "targets" is not a list; ignored');
      return [];
    }
    return raw.flatMap((t) => {
      const r = targetShape.safeParse(t);
      if (!r.success) this.logger.warn('ignored an invalid stored target');
      return r.success ? [r.data] : [];
    });
  }

  /** Adds the pair, or updates its service account when the pair is already there. */
  add(t: Omit<KubeTarget, 'id'>): KubeTarget[] {
    const all = this.list();
    const same = all.find((x) => x.context === t.context && x.namespace === t.namespace);
    if (same) same.serviceAccount = t.serviceAccount;
    else all.push({ id: randomUUID(), ...t });
    this.store.set('targets', all);
    return all;
  }

  remove(id: string): KubeTarget[] {
    const all = this.list().filter((t) => t.id !== id);
    this.store.set('targets', all);
    return all;
  }

  files(): string[] {
    const raw = this.store.get('kubeconfig-files');
    return Array.isArray(raw) ? raw.filter((p): p is string => typeof p === 'string') : [];
  }

  setFiles(files: string[]): void {
    this.store.set('kubeconfig-files', files);
  }
}
