// The registry path against a real registry that uses token authentication (Debian docker-registry with
// `auth: token`; its token service is a TEST DOUBLE, tests/helpers/token-issuer-double.ts): Flink Desk answers the
// Bearer challenge (realm, service, the request's scopes, the Basic login sent to the realm), builds the example job
// with Maven on the base image held there (the base's layers mounted across repositories with a two-scope token),
// and the docker CLI pulls the image back through the same token service and finds the jar. A wrong password is
// refused with the hint to Verify, whether the base is on that registry or on another one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBench } from '../fixtures/use-bench.ts';
import type { DockerBench } from '../fixtures/docker/part.ts';
import { startExtraRegistry, type ExtraRegistry } from '../fixtures/docker/extra-registry.ts';
import { startTokenIssuerDouble, type TokenIssuerDouble } from '../helpers/token-issuer-double';
import { build, cleanup, clusterIdOf, dockerAs, jobDocument, projectCopy, stepOf } from './build-helpers';
import { copyImage, dockerAsync, smallJar, type DockerRun } from './build-registries-helpers';
import { registryServices, type RegistryTestServices } from './registry-helpers';

const user = 'token-user';
const password = 'token-password-9f3';
const noEngine = { DOCKER_HOST: 'unix:///nonexistent/flink-desk-test/docker.sock' };
const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

let bench: DockerBench;
let docker: ReturnType<typeof dockerAs>;
/** The docker CLI without blocking this process: the token service double answers from here. */
let cli: DockerRun;
let issuer: TokenIssuerDouble;
let tokenRegistry: ExtraRegistry;
let openRegistry: ExtraRegistry;
let base: string;
const dirs: string[] = [];

beforeAll(async () => {
  bench = await useBench<DockerBench>('docker');
  docker = dockerAs(bench);
  dirs.push(docker.dir);
  cli = dockerAsync(bench, join(docker.dir, 'config'));
  const issuerDir = mkdtempSync(join(tmpdir(), 'fd-token-issuer-'));
  dirs.push(issuerDir);
  issuer = await startTokenIssuerDouble({ dir: issuerDir, users: { [user]: password } });
  tokenRegistry = await startExtraRegistry('token', {
    kind: 'token',
    realm: issuer.realm,
    service: issuer.service,
    issuer: issuer.issuer,
    rootcertbundle: issuer.certFile,
  });
  openRegistry = await startExtraRegistry('open', { kind: 'none' });
  // The docker CLI (through the engine's own token flow) puts the stand-in base there: an independent client.
  await cli(['login', '--username', user, '--password-stdin', tokenRegistry.address], password);
  base = `${tokenRegistry.address}/library/flink:1.20-stand-in`;
  await copyImage(cli, bench.baseImage, base);
});
afterAll(async () => {
  await tokenRegistry?.stop();
  await openRegistry?.stop();
  await issuer?.close();
  cleanup(dirs);
});

async function servicesFor(address: string, pass: string): Promise<RegistryTestServices> {
  // An empty Docker client config: no login for any registry but what Flink Desk saves.
  const dockerConfig = mkdtempSync(join(tmpdir(), 'fd-docker-config-'));
  dirs.push(dockerConfig);
  const env = {
    HOME: process.env.HOME,
    PATH: process.env.PATH,
    JAVA_HOME: process.env.JAVA_HOME,
    DOCKER_CONFIG: dockerConfig,
    ...noEngine,
  };
  const s = registryServices(env);
  dirs.push(s.home);
  await s.client.invoke('registry.save', { address, namespace: 'streamx', username: user, password: pass });
  return s;
}

describe('build by the registry path to a registry with token auth', () => {
  it('answers the Bearer challenge, pushes the example job, and the docker CLI pulls it back', async () => {
    const s = await servicesFor(tokenRegistry.address, password);
    const before = issuer.requests.length;
    const project = projectCopy('token-auth');
    const op = await build(s, jobDocument('token-job', { maven: { project, args: ['package'] } }, base), 'registry');
    expect(op.status, JSON.stringify(op.steps, null, 1) + JSON.stringify(op.error)).toBe('succeeded');
    const r = op.result!;
    const repository = `streamx/${clusterIdOf('token-job')}`;
    expect(r.engine).toBe('registry');
    expect(r.image).toMatch(new RegExp(`^${tokenRegistry.address.replace(/\./g, '\\.')}/${repository}:[0-9a-f]{12}$`));

    // What went to the token service: the login as Basic, the registry's service, the scopes of each request.
    const asked = issuer.requests.slice(before);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((q) => q.user === user && q.passwordOk && q.service === issuer.service)).toBe(true);
    expect(asked.some((q) => q.scopes.join(' ') === 'repository:library/flink:pull')).toBe(true);
    expect(asked.some((q) => q.scopes.join(' ') === `repository:${repository}:pull,push`)).toBe(true);
    // The base's layers are mounted from library/flink inside this registry: one token for both repositories.
    expect(asked.some((q) => q.scopes.join(' ') === `repository:${repository}:pull,push repository:library/flink:pull`)).toBe(true);
    const pushLog = (await s.client.invoke('operations.log', { id: op.id, step: 'push' })).lines;
    expect(pushLog.some((l) => l.includes('mounted from library/flink'))).toBe(true);
    // A token is asked once per set of scopes, not once per request.
    const perScopes = new Map<string, number>();
    for (const q of asked) perScopes.set(q.scopes.join(' '), (perScopes.get(q.scopes.join(' ')) ?? 0) + 1);
    expect([...perScopes.values()].every((n) => n === 1)).toBe(true);

    // The docker CLI pulls it by digest through the same token service; the jar in usrlib is the one built.
    await cli(['pull', '-q', r.pinned]);
    const cid = (await cli(['create', r.pinned])).trim();
    const out = join(docker.dir, 'token-usrlib.jar');
    await cli(['cp', `${cid}:/opt/flink/usrlib/${r.jar.name}`, out]);
    await cli(['rm', cid]);
    expect(sha(readFileSync(out))).toBe(r.jar.sha256);

    // Unchanged: the tag is found with a token too, and nothing is uploaded.
    const again = await build(s, jobDocument('token-job', { maven: { project, args: ['package'] } }, base), 'registry');
    expect(again.status).toBe('succeeded');
    expect(again.result).toMatchObject({ image: r.image, digest: r.digest, uploadedBytes: 0, reused: true });
  });

  it('refuses a wrong password with the hint to Verify, the token service having been asked with it', async () => {
    const s = await servicesFor(tokenRegistry.address, 'not-the-token-password');
    const jar = smallJar(s.home, 'wrong', 'dev.flinkdesk.examples.Nothing', `wrong-password ${Date.now()}`);
    const before = issuer.requests.length;
    const op = await build(s, jobDocument('token-wrong', { jar }, base), 'registry');
    expect(op.status).toBe('failed');
    expect(op.error).toMatchObject({ code: 'unauthorized' });
    expect(op.error?.message).toContain(`${tokenRegistry.address} refused the user name or password for ${user}`);
    expect(op.error?.hint).toContain('Verify');
    expect(JSON.stringify(op)).not.toContain('not-the-token-password');
    const asked = issuer.requests.slice(before);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((q) => q.user === user && !q.passwordOk && !q.granted)).toBe(true);
  });

  it('refuses the push of a wrong password when the base comes from another registry', async () => {
    const openBase = `${openRegistry.address}/library/flink:1.20-stand-in`;
    await copyImage(cli, bench.baseImage, openBase);
    const s = await servicesFor(tokenRegistry.address, 'still-not-the-password');
    const jar = smallJar(s.home, 'push', 'dev.flinkdesk.examples.Nothing', `push-refused ${Date.now()}`);
    const op = await build(s, jobDocument('token-push-refused', { jar }, openBase), 'registry');
    expect(op.status).toBe('failed');
    // The base was read (no login needed there) and the jar checked; the target refused before anything moved.
    expect(stepOf(op, 'resolve').status).toBe('succeeded');
    expect(stepOf(op, 'artifact').status).toBe('succeeded');
    expect(stepOf(op, 'push').status).toBe('skipped');
    expect(op.error).toMatchObject({ code: 'unauthorized' });
    expect(op.error?.message).toContain(`${tokenRegistry.address} refused the user name or password for ${user}`);
    expect(op.error?.hint).toContain('Verify');
  });
});
