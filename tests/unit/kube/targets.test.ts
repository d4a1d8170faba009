// Targets and added kubeconfig files live in the app's store, never in the user's kubeconfig.
import { describe, expect, it } from 'vitest';
import { TargetStore } from '../../../electron/services/kube/targets';
import { silentLogger } from '../../../electron/services/ports';
import { memoryStore } from '../../helpers/memory-store';

describe('target store', () => {
  it('adds (context, namespace) pairs once, updates the service account, removes by id', () => {
    const store = memoryStore();
    const targets = new TargetStore(store, silentLogger);
    targets.add({ context: 'a', namespace: 'flink', serviceAccount: 'default' });
    targets.add({ context: 'b', namespace: 'flink', serviceAccount: 'default' });
    const list = targets.add({ context: 'a', namespace: 'flink', serviceAccount: 'flink-sa' });
    expect(list.map((t) => [t.context, t.namespace, t.serviceAccount])).toEqual([
      ['a', 'flink', 'flink-sa'],
      ['b', 'flink', 'default'],
    ]);
    expect(new TargetStore(store, silentLogger).list()).toEqual(list);
    expect(targets.remove(list[0]!.id).map((t) => t.context)).toEqual(['b']);
  });

  it('ignores stored entries that are not targets, and tells the log', () => {
    const store = memoryStore();
    store.set('targets', [{ id: '1', context: 'a', namespace: 'n', serviceAccount: 's' }, { context: 42 }, 'junk']);
    const warnings: string[] = [];
    const targets = new TargetStore(store, { ...silentLogger, warn: (m) => warnings.push(m) });
    expect(targets.list()).toHaveLength(1);
    expect(warnings).toHaveLength(2);
  });
});
