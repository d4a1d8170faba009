// Targets and added kubeconfig files live in the app's targets store, never in the user's kubeconfig.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TargetStore } from '../../../electron/services/kube/targets';
import { silentLogger } from '../../../electron/services/ports';
import { openStores } from '../../../electron/services/store/stores';

const stores = () => openStores(mkdtempSync(join(tmpdir(), 'fd-targets-')));

describe('target store', () => {
  it('adds (context, namespace) pairs once, updates the service account, removes by id', () => {
    const s = stores();
    const targets = new TargetStore(s.targets, silentLogger);
    targets.add({ context: 'a', namespace: 'flink', serviceAccount: 'default' });
    targets.add({ context: 'b', namespace: 'flink', serviceAccount: 'default' });
    const list = targets.add({ context: 'a', namespace: 'flink', serviceAccount: 'flink-sa' });
    expect(list.map((t) => [t.context, t.namespace, t.serviceAccount])).toEqual([
      ['a', 'flink', 'flink-sa'],
      ['b', 'flink', 'default'],
    ]);
    expect(new TargetStore(openStores(s.dir).targets, silentLogger).list()).toEqual(list);
    expect(targets.remove(list[0]!.id).map((t) => t.context)).toEqual(['b']);
  });

  it('keeps stored entries that are not valid targets through adds and removes, and reports them', () => {
    const s = stores();
    const bad = [{ context: 42 }, 'junk'];
    s.targets.update(() => ({ targets: [{ id: '1', context: 'a', namespace: 'n', serviceAccount: 's' }, ...bad], files: [] }));
    const warned: string[] = [];
    const targets = new TargetStore(s.targets, { ...silentLogger, warn: (m) => warned.push(m) });
    expect(targets.list()).toHaveLength(1);
    expect(targets.warnings).toHaveLength(2);
    expect(targets.warnings[0]).toMatch(/A stored target \{"context":42\} .* is kept in the file but not used/);
    // Before the fix, the next add wrote back only the valid entries: the user's data was erased.
    targets.add({ context: 'b', namespace: 'n', serviceAccount: 's' });
    targets.remove('1');
    expect(s.targets.read().targets).toEqual([...bad, expect.objectContaining({ context: 'b' })]);
    expect(warned).toHaveLength(2);
  });
});
