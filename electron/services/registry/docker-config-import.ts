// Reuses the credentials the docker CLI already has, when the user asks: ~/.docker/config.json (or $DOCKER_CONFIG),
// its `auths`, and its credential helpers (`credHelpers` per registry, `credsStore` for all) through
// `docker-credential-<name> get`, spawned with an argument array and the server address on stdin.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { DockerConfigImportResult } from '../../../shared/contracts/registry';

interface DockerConfigFile {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

export interface FoundCredentials {
  address: string;
  username: string;
  password: string;
  source: DockerConfigImportResult['source'];
  file: string;
}

export function dockerConfigPath(env: NodeJS.ProcessEnv): string {
  return join(env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker'), 'config.json');
}

/** "https://registry.example.com/v1/" and "registry.example.com" name the same registry. */
export function normalizeServer(key: string): string {
  return key
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/v[12]\/?$/, '')
    .replace(/\/+$/, '');
}

function readConfig(file: string): DockerConfigFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new AppError({
      code: 'not-found',
      message: `There is no Docker config at ${file}`,
      hint: 'Log in once with "docker login <registry>", or type the credentials on the Registry page',
    });
  }
  try {
    return JSON.parse(text) as DockerConfigFile;
  } catch {
    throw new AppError({
      code: 'invalid-input',
      message: `The Docker config ${file} is not valid JSON`,
      hint: 'Fix or recreate it with docker login',
    });
  }
}

/** The credentials for `wanted` (a registry host, as the config keys it) and for no other registry; with no
 * `wanted`, those of the only registry the config has. */
export async function findDockerCredentials(env: NodeJS.ProcessEnv, wanted?: string): Promise<FoundCredentials> {
  const file = dockerConfigPath(env);
  const cfg = readConfig(file);
  const auths = new Map(Object.entries(cfg.auths ?? {}).map(([k, v]) => [normalizeServer(k), { key: k, v }]));
  const helpers = new Map(Object.entries(cfg.credHelpers ?? {}).map(([k, v]) => [normalizeServer(k), { key: k, v }]));
  const known = [...new Set([...auths.keys(), ...helpers.keys()])];
  let address = wanted ? normalizeServer(wanted) : undefined;
  if (!address) {
    if (known.length !== 1)
      throw new AppError({
        code: 'invalid-input',
        message: known.length
          ? `The Docker config has credentials for ${known.length} registries: ${known.join(', ')}`
          : `The Docker config ${file} has no registry credentials`,
        hint: known.length
          ? 'Save the registry address first (or pass --address) so Flink Desk knows which to import'
          : 'Log in once with "docker login <registry>"',
      });
    address = known[0]!;
  }
  const helper = helpers.get(address);
  if (helper) return { ...(await fromHelper(helper.v, helper.key, env)), address, source: 'credHelpers', file };
  const entry = auths.get(address);
  if (entry?.v.identitytoken)
    throw new AppError({
      code: 'invalid-input',
      message: `The Docker config holds an identity token for ${address}, not a password`,
      hint: 'Type the user and password (or an access token) on the Registry page instead',
    });
  if (entry && (entry.v.auth || entry.v.username)) {
    const decoded = entry.v.auth ? Buffer.from(entry.v.auth, 'base64').toString('utf8') : `${entry.v.username}:${entry.v.password ?? ''}`;
    const colon = decoded.indexOf(':');
    if (colon > 0 && colon < decoded.length - 1)
      return { address, username: decoded.slice(0, colon), password: decoded.slice(colon + 1), source: 'auths', file };
  }
  // Credential stores key Docker Hub by its legacy index URL, as docker login writes it.
  const server = entry?.key ?? (address === 'index.docker.io' ? 'https://index.docker.io/v1/' : address);
  if (cfg.credsStore) return { ...(await fromHelper(cfg.credsStore, server, env)), address, source: 'credsStore', file };
  throw new AppError({
    code: 'not-found',
    message: `The Docker config has no credentials for ${address}`,
    hint: known.length ? `It has: ${known.join(', ')}` : `Log in once with "docker login ${address}"`,
  });
}

/** `docker-credential-<helper> get`, server URL on stdin, JSON {Username, Secret} on stdout. */
export function fromHelper(helper: string, server: string, env: NodeJS.ProcessEnv): Promise<{ username: string; password: string }> {
  if (!/^[\w.-]+$/.test(helper))
    return Promise.reject(new AppError({ code: 'invalid-input', message: `"${helper}" is not a credential helper name` }));
  const program = `docker-credential-${helper}`;
  return new Promise((resolve, reject) => {
    const child = spawn(program, ['get'], { env, stdio: ['pipe', 'pipe', 'pipe'], timeout: 15_000 });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(
        new AppError({
          code: e.code === 'ENOENT' ? 'tool-missing' : 'internal',
          message:
            e.code === 'ENOENT' ? `The credential helper ${program} is not on PATH` : `${program} could not start (${e.code ?? e.message})`,
          hint: 'Install the helper your Docker config names, or type the credentials on the Registry page',
        }),
      ),
    );
    child.on('close', (code) => {
      const said = (out.trim() || err.trim()).split('\n')[0] ?? '';
      if (code !== 0)
        return reject(
          new AppError({
            code: /not found|no credentials/i.test(said) ? 'not-found' : 'internal',
            message: `${program} has no credentials for ${server}${said ? ` (${said})` : ''}`,
            hint: `Log in with "docker login ${normalizeServer(server)}" first, or type the credentials on the Registry page`,
          }),
        );
      try {
        const r = JSON.parse(out) as { Username?: string; Secret?: string };
        if (!r.Username || !r.Secret) throw new Error('empty');
        if (r.Username === '<token>')
          return reject(
            new AppError({
              code: 'invalid-input',
              message: `${program} holds an identity token for ${server}, not a password`,
              hint: 'Type the user and password on the Registry page instead',
            }),
          );
        resolve({ username: r.Username, password: r.Secret });
      } catch {
        reject(
          new AppError({
            code: 'internal',
            message: `${program} answered something that is not credentials`,
            hint: 'Check the helper with: echo <server> | ' + program + ' get',
          }),
        );
      }
    });
    child.stdin.end(`${server}\n`);
  });
}
