// The kubeconfig merge follows kubectl: first file wins per name, current-context from the first file that sets it,
// missing KUBECONFIG entries skipped, a broken file reported without hiding the others. Real files in a temp dir.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadClientNode } from '../../../electron/services/kube/client-node';
import { kubeConfigFor, kubeconfigSources, loadKubeconfigs, summarize } from '../../../electron/services/kube/kubeconfig-loader';

const dir = mkdtempSync(join(tmpdir(), 'fd-kcfg-'));
function file(name: string, doc: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof doc === 'string' ? doc : stringify(doc));
  return p;
}
const cfg = (server: string, ctxs: string[], current?: string) => ({
  apiVersion: 'v1',
  kind: 'Config',
  clusters: [{ name: 'c', cluster: { server } }],
  users: [{ name: 'u', user: { token: `token-for-${server}` } }],
  contexts: ctxs.map((n) => ({ name: n, context: { cluster: 'c', user: 'u', namespace: `ns-${n}` } })),
  ...(current ? { 'current-context': current } : {}),
});

describe('kubeconfig loader', () => {
  beforeAll(async () => {
    await loadClientNode();
  });

  it('merges KUBECONFIG files the way kubectl does', () => {
    const a = file('a.yaml', cfg('https://a.example:6443', ['one', 'shared']));
    const b = file('b.yaml', cfg('https://b.example:6443', ['shared', 'two'], 'two'));
    const c = file('c.yaml', cfg('https://c.example:6443', ['three'], 'three'));
    const sources = kubeconfigSources({ KUBECONFIG: [a, join(dir, 'missing.yaml'), b, c].join(':'), HOME: dir }, []);
    const merged = summarize(loadKubeconfigs(sources));
    expect(merged.contexts.map((x) => [x.name, x.source])).toEqual([
      ['one', a],
      ['shared', a],
      ['two', b],
      ['three', c],
    ]);
    // current-context from the first file that sets one (b), not the last (c)
    expect(merged.currentContext).toBe('two');
    // cluster 'c' is defined by a first: every context uses a's server
    expect(new Set(merged.contexts.map((x) => x.server))).toEqual(new Set(['https://a.example:6443']));
    expect(merged.files.find((f) => f.path.endsWith('missing.yaml'))).toMatchObject({ exists: false });
    expect(merged.files.find((f) => f.path.endsWith('missing.yaml'))?.error).toBeUndefined();
  });

  it('never hands out a credential in the summary', () => {
    const a = file('secret.yaml', cfg('https://s.example', ['s']));
    const json = JSON.stringify(summarize(loadKubeconfigs(kubeconfigSources({ KUBECONFIG: a }, []))));
    expect(json).not.toContain('token-for');
  });

  it('falls back to ~/.kube/config, then adds user-added files after it', () => {
    const home = mkdtempSync(join(tmpdir(), 'fd-home-'));
    const added = file('added.yaml', cfg('https://added.example', ['added']));
    const sources = kubeconfigSources({ HOME: home }, [added]);
    expect(sources).toEqual([
      { path: join(home, '.kube', 'config'), origin: 'default' },
      { path: added, origin: 'added' },
    ]);
    const r = summarize(loadKubeconfigs(sources));
    expect(r.contexts.map((c) => c.name)).toEqual(['added']);
    expect(r.files[0]).toMatchObject({ exists: false, origin: 'default' });
  });

  it('reports a malformed file and keeps the others', () => {
    const bad = file('bad.yaml', 'clusters: [ {name: x\n');
    const notCfg = file('list.yaml', '- just\n- a list\n');
    const noServer = file('noserver.yaml', stringify({ clusters: [{ name: 'x', cluster: {} }], contexts: [], users: [] }));
    const good = file('good.yaml', cfg('https://good.example', ['good']));
    const r = summarize(loadKubeconfigs(kubeconfigSources({ KUBECONFIG: [bad, notCfg, noServer, good].join(':') }, [])));
    expect(r.contexts.map((c) => c.name)).toEqual(['good']);
    expect(r.files[0]?.error).toMatchObject({ code: 'invalid-input', message: expect.stringContaining('not valid YAML') });
    expect(r.files[1]?.error?.message).toContain('is not a kubeconfig');
    expect(r.files[2]?.error?.message).toContain('not a valid kubeconfig');
    for (const f of r.files.slice(0, 3)) expect(f.error?.hint).toBeTruthy();
  });

  it('an empty file is an empty config; --kubeconfig replaces KUBECONFIG', () => {
    const empty = file('empty.yaml', '');
    const other = file('other.yaml', cfg('https://o.example', ['o']));
    const r = loadKubeconfigs(kubeconfigSources({ KUBECONFIG: other }, [], empty));
    expect(r.files).toEqual([{ path: empty, origin: 'flag', exists: true, contexts: 0 }]);
  });

  it('builds a one-context KubeConfig, and names what is wrong with an unknown context', () => {
    const a = file('one.yaml', cfg('https://one.example', ['x', 'y'], 'x'));
    const loaded = loadKubeconfigs(kubeconfigSources({ KUBECONFIG: a }, []));
    const { kc, cluster } = kubeConfigFor(loaded, 'y');
    expect(kc.getCurrentContext()).toBe('y');
    expect(cluster.server).toBe('https://one.example');
    expect(() => kubeConfigFor(loaded, 'nope')).toThrow(/No context named 'nope'/);
  });

  it('resolves a relative exec plugin path against the kubeconfig folder, like kubectl', () => {
    const p = file('exec.yaml', {
      clusters: [{ name: 'c', cluster: { server: 'https://e.example' } }],
      users: [{ name: 'u', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: './bin/plugin' } } }],
      contexts: [{ name: 'e', context: { cluster: 'c', user: 'u' } }],
    });
    const { kc } = kubeConfigFor(loadKubeconfigs(kubeconfigSources({ KUBECONFIG: p }, [])), 'e');
    expect((kc.getCurrentUser() as { exec?: { command?: string } }).exec?.command).toBe(join(dir, 'bin', 'plugin'));
  });
});
