// Benchmark: `flink-desk check` against the same questions asked with kubectl, one command each (what a user would
// type: version, readyz, auth whoami, get namespace, auth can-i per right, auth can-i --as for the service account).
// Both run here, on the bench cluster; the script prints the times and the ratio.
// Run: npm run build && npx tsx tests/bench/kube-check.bench.ts [rounds]
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensure } from '../fixtures/bench.ts';
import { jobManagerRequirements, userRequirements } from '../../electron/services/kube/rbac-requirements.ts';

interface KubeBench {
  kubeconfig: string;
  contexts: { admin: string };
}

const rounds = Number(process.argv[2] ?? 5);
const kube = await ensure<KubeBench>('kube');
const ns = 'default';
const kubectl = (...args: string[]) => {
  const r = spawnSync('kubectl', ['--kubeconfig', kube.kubeconfig, '--context', kube.contexts.admin, ...args], { encoding: 'utf8' });
  if (r.error) throw new Error(`kubectl is needed for this benchmark: ${r.error.message}`);
  return r.status;
};
const resourceArg = (r: { resource: string; subresource?: string; group: string }) =>
  `${r.resource}${r.group ? `.${r.group}` : ''}${r.subresource ? `/${r.subresource}` : ''}`;

function kubectlRound(): number {
  kubectl('version', '-o', 'json');
  kubectl('get', '--raw', '/readyz');
  kubectl('auth', 'whoami', '-o', 'json');
  kubectl('get', 'namespace', ns, '-o', 'name');
  let asked = 4;
  for (const r of userRequirements)
    for (const v of r.verbs) {
      kubectl('auth', 'can-i', v, resourceArg(r), ...(r.scope === 'namespace' ? ['-n', ns] : []));
      asked++;
    }
  for (const r of jobManagerRequirements)
    for (const v of r.verbs) {
      kubectl('auth', 'can-i', v, resourceArg(r), '-n', ns, `--as=system:serviceaccount:${ns}:default`);
      asked++;
    }
  return asked;
}

function flinkDeskRound(): void {
  const bin = join(import.meta.dirname, '..', '..', 'electron', 'cli', 'flink-desk.mjs');
  const env = { ...process.env, FLINK_DESK_HOME: mkdtempSync(join(tmpdir(), 'fd-bench-')) };
  const r = spawnSync(
    process.execPath,
    [bin, 'check', '--kubeconfig', kube.kubeconfig, '--context', kube.contexts.admin, '--namespace', ns, '--json'],
    {
      env,
      encoding: 'utf8',
    },
  );
  if (r.status !== 0 && r.status !== 3) throw new Error(`flink-desk check failed (${r.status}): ${r.stderr}`);
}

function time(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
let questions = 0;
const k: number[] = [];
const f: number[] = [];
for (let i = 0; i < rounds; i++) {
  k.push(time(() => (questions = kubectlRound())));
  f.push(time(flinkDeskRound));
}
console.log(`questions per check: ${questions} (version, readyz, whoami, namespace, ${questions - 4} access reviews)`);
console.log(`kubectl, one command each: median ${median(k).toFixed(0)} ms over ${rounds} rounds`);
console.log(`flink-desk check (one process): median ${median(f).toFixed(0)} ms over ${rounds} rounds`);
console.log(`ratio kubectl / flink-desk: ${(median(k) / median(f)).toFixed(1)}×`);
