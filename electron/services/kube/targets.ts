// The (context, namespace) pairs the user works with, and the kubeconfig files they added: app data in the
// targets store, never written into the user's kubeconfig. A stored entry that fails its rule (edited by hand, a
// newer version's) is kept as it is and reported, never erased by the next add or remove.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { KubeTarget } from '../../../shared/contracts/kube';
import type { Logger } from '../ports';
import type { Repository } from '../store/json-repository';
import type { TargetsDoc } from '../store/stores';

const targetShape = z.object({
  id: z.string().min(1),
  context: z.string().min(1),
  namespace: z.string().min(1),
  serviceAccount: z.string().min(1),
});

export class TargetStore {
  /** Problems with stored entries, for app.info (each once). */
  readonly warnings: string[] = [];

  constructor(
    private readonly repo: Repository<TargetsDoc>,
    private readonly logger: Logger,
  ) {}

  list(): KubeTarget[] {
    return this.valid(this.repo.read().targets);
  }

  /** Adds the pair, or updates its service account when the pair is already there. */
  add(t: Omit<KubeTarget, 'id'>): KubeTarget[] {
    const doc = this.repo.update((d) => {
      const same = d.targets.findIndex((x) => {
        const r = targetShape.safeParse(x);
        return r.success && r.data.context === t.context && r.data.namespace === t.namespace;
      });
      const targets = [...d.targets];
      if (same >= 0) targets[same] = { ...(targets[same] as KubeTarget), serviceAccount: t.serviceAccount };
      else targets.push({ id: randomUUID(), ...t });
      return { ...d, targets };
    });
    return this.valid(doc.targets);
  }

  remove(id: string): KubeTarget[] {
    const doc = this.repo.update((d) => ({ ...d, targets: d.targets.filter((x) => targetShape.safeParse(x).data?.id !== id) }));
    return this.valid(doc.targets);
  }

  files(): string[] {
    return this.repo.read().files;
  }

  setFiles(change: (files: string[]) => string[]): void {
    this.repo.update((d) => ({ ...d, files: change(d.files) }));
  }

  private valid(raw: unknown[]): KubeTarget[] {
    return raw.flatMap((t, i) => {
      const r = targetShape.safeParse(t);
      if (r.success) return [r.data];
      const shown = JSON.stringify(t).slice(0, 120);
      const w = `A stored target ${shown} in ${this.repo.path} is not valid (${r.error.issues[0]?.path.join('.') || 'entry'}: ${r.error.issues[0]?.message}); it is kept in the file but not used. Fix or remove it there.`;
      if (!this.warnings.includes(w)) {
        this.warnings.push(w);
        this.logger.warn('invalid stored target kept', { index: i });
      }
      return [];
    });
  }
}
