// Benchmark: `flink-desk registry verify` against the same check done by hand with the docker CLI, as the seed's
// shell test does (login, build a tiny FROM-scratch image, push, rmi, pull, rmi). Both run here, against the bench's
// engine and registry; the script prints the times and the ratio.
// Run: npm run build && npx tsx tests/bench/registry-verify.bench.ts [rounds]
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensure } from '../fixtures/bench.ts';
import { dockerCli, dockerEnv, type DockerBench } from '../fixtures/docker/part.ts';

const rounds = Number(process.argv[2] ?? 5);
const bench = await ensure<DockerBench>('docker');
const work = mkdtempSync(join(tmpdir(), 'fd-bench-registry-'));
const docker = dockerCli();
const denv = { ...dockerEnv(bench.dockerHost, join(work, 'docker-config')), DOCKER_BUILDKIT: '0' };
const home = join(work, 'home');
const bin = join(import.meta.dirname, '..', '..', 'electron', 'cli', 'flink-desk.mjs');
const fenv = { ...process.env, FLINK_DESK_HOME: home, DOCKER_HOST: bench.dockerHost };

function must(cmd: string, args: string[], env: NodeJS.ProcessEnv, input?: string): void {
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', ...(input !== undefined ? { input } : {}) });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
}

must(
  process.execPath,
  [bin, 'registry', 'set', '--address', bench.registry, '--username', bench.username, '--password-stdin'],
  fenv,
  bench.password,
);

function dockerRound(): number {
  const t = performance.now();
  const ctx = join(work, `ctx-${randomBytes(4).toString('hex')}`);
  must('mkdir', ['-p', ctx], process.env);
  writeFileSync(join(ctx, 'Dockerfile'), 'FROM scratch\nCOPY probe.txt /probe.txt\n');
  writeFileSync(join(ctx, 'probe.txt'), randomBytes(16).toString('hex'));
  const ref = `${bench.registry}/streamx/bench-probe:${randomBytes(6).toString('hex')}`;
  must(docker, ['login', '--username', bench.username, '--password-stdin', bench.registry], denv, bench.password);
  must(docker, ['build', '-q', '-t', ref, ctx], denv);
  must(docker, ['push', '-q', ref], denv);
  must(docker, ['rmi', ref], denv);
  must(docker, ['pull', '-q', ref], denv);
  must(docker, ['rmi', ref], denv);
  return performance.now() - t;
}

function flinkDeskRound(): number {
  const t = performance.now();
  must(process.execPath, [bin, 'registry', 'verify', '--json'], fenv);
  return performance.now() - t;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
dockerRound();
flinkDeskRound(); // warm-up both
const d: number[] = [];
const f: number[] = [];
for (let i = 0; i < rounds; i++) {
  d.push(dockerRound());
  f.push(flinkDeskRound());
}
console.log(`docker CLI (login, build, push, rmi, pull, rmi): median ${median(d).toFixed(0)} ms over ${rounds} rounds`);
console.log(`flink-desk registry verify (same + remote delete): median ${median(f).toFixed(0)} ms over ${rounds} rounds`);
console.log(`ratio flink-desk / docker CLI: ${(median(f) / median(d)).toFixed(2)}`);
