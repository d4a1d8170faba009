// A change to a watched kubeconfig (written in place, or replaced by a rename as tools do) fires once per burst.
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKubeconfigWatcher } from '../../../electron/services/kube/kubeconfig-watcher';

const waitFor = async (cond: () => boolean) => {
  for (let i = 0; i < 100 && !cond(); i++) await new Promise((r) => setTimeout(r, 50));
};

describe('kubeconfig watcher', () => {
  it('fires on writes and renames of a watched file, not on other files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fd-watch-'));
    const file = join(dir, 'config');
    writeFileSync(file, 'a');
    let fired = 0;
    const w = createKubeconfigWatcher(() => fired++, 50);
    w.setFiles([file]);
    writeFileSync(join(dir, 'unrelated'), 'x');
    await new Promise((r) => setTimeout(r, 300));
    expect(fired).toBe(0);
    writeFileSync(file, 'b');
    writeFileSync(file, 'c');
    await waitFor(() => fired > 0);
    expect(fired).toBe(1);
    writeFileSync(join(dir, 'config.tmp'), 'd');
    renameSync(join(dir, 'config.tmp'), file);
    await waitFor(() => fired > 1);
    expect(fired).toBe(2);
    w.close();
  });
});
