// Benchmark: the example job's jar built into an image FROM the (stand-in) Flink base image and pushed, by the
// docker CLI (`docker build` + `docker push`, the legacy builder as StreamPark drives the engine) and by Flink Desk
// by each path (the Docker engine; the registry path, no engine), on the bench's real dockerd and registry, in
// rotating order, several rounds. Each round pushes to a new repository, so every tool does the whole work (the base
// layers mounted or found, the job layer uploaded). All registry traffic goes through a counting TCP relay on
// loopback: the bytes each tool sends are measured (HTTP headers included), not estimated. The docker CLI builds
// the same image as Flink Desk (the jar in usrlib, one LABEL instruction with the same labels). Last, an unchanged
// rebuild by each.
// Flink Desk runs in this process, as the app runs it (services up; the build operation persisted).
// Run: npm run bench -- build   (or: npm run build && npx tsx tests/bench/build.bench.ts [rounds])
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, copyFileSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ensure } from '../fixtures/bench.ts';
import { dockerCli, dockerEnv, type DockerBench } from '../fixtures/docker/part.ts';
import type { BuildResult } from '../../shared/contracts/build.ts';
import type { OperationSnapshot } from '../../shared/operations.ts';
import { checkJobDocument } from '../../shared/jobs/spec.ts';
import { EventBus } from '../../electron/services/runtime/event-bus.ts';
import { JobStore } from '../../electron/services/jobs/job-store.ts';
import { OperationRegistry } from '../../electron/services/operations/operation-registry.ts';
import { silentLogger, systemClock } from '../../electron/services/ports.ts';
import { saveRegistry } from '../../electron/services/registry/registry-settings.ts';
import { fileKeySecretBox } from '../../electron/services/secrets/file-key-secret-box.ts';
import { SettingsService } from '../../electron/services/settings/settings-service.ts';
import { openStores } from '../../electron/services/store/stores.ts';
import { startBuild } from '../../electron/services/build/pipeline.ts';

const rounds = Number(process.argv[2] ?? 5);
const bench = await ensure<DockerBench>('docker');
const job = await ensure<{ jar: string; entryClass: string }>('example-job');
const work = mkdtempSync(join(tmpdir(), 'fd-bench-build-'));

// The counting relay: every byte a client sends to the registry is counted.
const [regHost, regPort] = bench.registry.split(':');
let sent = 0;
const relay = createServer((client: Socket) => {
  const upstream = connect(Number(regPort), regHost);
  client.on('data', (c: Buffer) => (sent += c.length));
  client.pipe(upstream).pipe(client);
  const close = () => (client.destroy(), upstream.destroy());
  client.on('error', close).on('close', close);
  upstream.on('error', close).on('close', close);
});
await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
const registry = `127.0.0.1:${(relay.address() as { port: number }).port}`;
const base = bench.baseImage.replace(bench.registry, registry);

const docker = dockerCli();
const denv = { ...dockerEnv(bench.dockerHost, join(work, 'docker-config')), DOCKER_BUILDKIT: '0' };
// Asynchronous: the relay runs in this process and must keep serving while the docker CLI waits on it.
function must(args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(docker, args, { env: denv, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`docker ${args.join(' ')} failed: ${err || out}`))));
    child.stdin.end(input ?? '');
  });
}
await must(['login', '--username', bench.username, '--password-stdin', registry], bench.password);

// Flink Desk's build services, wired as the composition root wires them (the root itself imports the renderer's
// raw assets, which tsx cannot load).
const home = join(work, 'flink-desk');
const stores = openStores(home);
const bus = new EventBus({ emit: () => undefined }, silentLogger);
const settings = new SettingsService(stores.settings, bus);
const operations = new OperationRegistry({
  events: bus,
  clock: systemClock,
  repository: stores.operations,
  logDir: join(home, 'operations'),
});
const ctx = {
  stores,
  secrets: fileKeySecretBox(join(home, 'secret.key')),
  settings,
  operations,
  events: bus,
  logger: silentLogger,
  env: { ...process.env, DOCKER_HOST: bench.dockerHost },
};
const jobs = new JobStore(stores.jobs, systemClock);
await saveRegistry(ctx, { address: registry, namespace: 'streamx', username: bench.username, password: bench.password });
const services = { on: bus.on.bind(bus) };

function ended(id: string): Promise<OperationSnapshot> {
  return new Promise((resolve) => {
    const off = services.on('op', (e) => {
      if (e.opId === id && (e.type === 'done' || e.type === 'error')) {
        off();
        resolve(e.snapshot);
      }
    });
  });
}

async function flinkDesk(engine: 'docker' | 'registry', name: string): Promise<BuildResult> {
  const document = {
    apiVersion: 'flinkdesk/v1',
    kind: 'FlinkJob',
    metadata: { name },
    spec: { mode: 'application', clusterId: name, flinkVersion: '1.20', image: { base }, artifact: { jar: job.jar } },
  };
  const checked = checkJobDocument(document);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  const version = jobs.save(checked.value).job.latest.version;
  const first = startBuild(ctx, jobs, { document: checked.value, version, engine });
  const end = await ended(first.id);
  if (end.status !== 'succeeded') throw new Error(`Flink Desk ${engine} build failed: ${JSON.stringify(end.error)}`);
  return end.result as BuildResult;
}

async function dockerCliBuild(name: string): Promise<string> {
  const ctx = join(work, `ctx-${name}`);
  mkdirSync(ctx, { recursive: true });
  copyFileSync(job.jar, join(ctx, basename(job.jar)));
  // The same image as Flink Desk makes: the jar in usrlib and one LABEL instruction with the same labels.
  writeFileSync(
    join(ctx, 'Dockerfile'),
    [
      `FROM ${base}`,
      `COPY ${basename(job.jar)} /opt/flink/usrlib/${basename(job.jar)}`,
      `LABEL org.opencontainers.image.title="${name}" dev.flinkdesk.job="${name}" org.opencontainers.image.base.name="${base}" org.opencontainers.image.base.digest="${baseDigest}" dev.flinkdesk.input-hash="${name}"`,
      '',
    ].join('\n'),
  );
  const ref = `${registry}/streamx/${name}:1`;
  await must(['build', '-q', '-t', ref, ctx]);
  await must(['push', '-q', ref]);
  return ref;
}

type Tool = 'docker CLI' | 'Flink Desk (engine)' | 'Flink Desk (registry)';
const tools: Tool[] = ['docker CLI', 'Flink Desk (engine)', 'Flink Desk (registry)'];
const times: Record<Tool, number[]> = { 'docker CLI': [], 'Flink Desk (engine)': [], 'Flink Desk (registry)': [] };
const bytes: Record<Tool, number[]> = { 'docker CLI': [], 'Flink Desk (engine)': [], 'Flink Desk (registry)': [] };
const last: Partial<Record<Tool, string>> = {};
const stamp = Date.now().toString(36);

async function runOnce(tool: Tool, name: string): Promise<void> {
  sent = 0;
  const t = performance.now();
  if (tool === 'docker CLI') await dockerCliBuild(name);
  else await flinkDesk(tool === 'Flink Desk (engine)' ? 'docker' : 'registry', name);
  times[tool].push(performance.now() - t);
  bytes[tool].push(sent);
  last[tool] = name;
}

// Warm-up: the engine pulls the base once (for both engine users), the JIT and the connections warm.
await must(['pull', '-q', base]);
const baseDigest = (await must(['image', 'inspect', '--format', '{{index .RepoDigests 0}}', base])).trim().split('@')[1] ?? '';
for (const [i, tool] of tools.entries()) await runOnce(tool, `warm-${stamp}-${i}`);
for (const k of tools) {
  times[k] = [];
  bytes[k] = [];
}

for (let r = 0; r < rounds; r++) {
  for (let k = 0; k < tools.length; k++) {
    const tool = tools[(r + k) % tools.length]!;
    await runOnce(tool, `b-${stamp}-${r}-${tool.includes('registry') ? 'reg' : tool.includes('engine') ? 'eng' : 'cli'}`);
  }
}

// Unchanged rebuild: the same inputs as each tool's last build.
const unchanged: Record<Tool, { ms: number; bytes: number }> = {} as never;
for (const tool of tools) {
  sent = 0;
  const t = performance.now();
  if (tool === 'docker CLI') await dockerCliBuild(last[tool]!);
  else await flinkDesk(tool === 'Flink Desk (engine)' ? 'docker' : 'registry', last[tool]!);
  unchanged[tool] = { ms: performance.now() - t, bytes: sent };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cli = median(times['docker CLI']);
console.log(`build + push of the example job (${basename(job.jar)}) FROM ${basename(base)}, ${rounds} rounds, rotating order:`);
for (const tool of tools)
  console.log(
    `  ${tool.padEnd(22)} median ${median(times[tool]).toFixed(0).padStart(6)} ms   ratio to docker CLI ${(median(times[tool]) / cli).toFixed(2)}   sent ${median(bytes[tool])} bytes`,
  );
console.log('unchanged rebuild (same inputs again):');
for (const tool of tools)
  console.log(`  ${tool.padEnd(22)} ${unchanged[tool].ms.toFixed(0).padStart(6)} ms   sent ${unchanged[tool].bytes} bytes to the registry`);
console.log(
  `goals: engine path ≤ 1.05× (${(median(times['Flink Desk (engine)']) / cli).toFixed(2)}), registry path ≤ 0.5× (${(median(times['Flink Desk (registry)']) / cli).toFixed(2)})`,
);

await operations.stop();
relay.close();
process.exit(0);
