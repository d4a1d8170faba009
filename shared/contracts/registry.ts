// The remote Docker registry: settings, verification, pull secrets (issue: Registry).
// The password travels only one way (renderer/CLI → main, in `registry.save`); what comes back says `hasPassword`.
import { z } from 'zod';
import { channel, none } from '../channel';
import type { OperationSnapshot, StepStatus } from '../operations';
import { settingsShape } from '../settings';

/** host[:port][/path] — a DNS name or IPv4 (or [IPv6]), an optional port, optional path components. No scheme. */
const hostPart =
  /^(?:\[[0-9a-fA-F:.]+\]|(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*)(?::(\d{1,5}))?$/;
const pathComponent = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

/** Why an address is not valid, in the user's words; undefined when it is. */
export function registryAddressProblem(address: string): string | undefined {
  const a = address.trim();
  if (!a) return 'The registry address must not be empty — for example registry.example.com or 127.0.0.1:5000';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(a))
    return 'Leave out the scheme: write the address as host[:port][/path], e.g. registry.example.com (the engine chooses HTTPS or HTTP)';
  if (/\s/.test(a)) return 'The registry address must not contain spaces';
  const [host = '', ...path] = a.split('/');
  const m = hostPart.exec(host);
  if (!m) return `"${host}" is not a host name: use letters, digits, "-" and ".", then an optional :port`;
  if (m[1] !== undefined && (Number(m[1]) < 1 || Number(m[1]) > 65535)) return `The port ${m[1]} must be from 1 to 65535`;
  if (path.length && !path.every((c) => pathComponent.test(c)))
    return 'The path after the host must be lowercase letters and digits, separated by ".", "_", "__" or "-", with "/" between levels';
  if (a.length > 255) return 'The registry address must be at most 255 characters';
  return undefined;
}

/** The registry host[:port], without any path (what `docker login` and a dockerconfigjson key use). */
export function registryHost(address: string): string {
  return address.trim().split('/')[0] ?? '';
}

/** The server name credentials are keyed by: Docker Hub's is its legacy index URL (as docker login writes it). */
export function credentialServer(address: string): string {
  const host = registryHost(address);
  return ['docker.io', 'index.docker.io', 'registry-1.docker.io'].includes(host) ? 'https://index.docker.io/v1/' : host;
}

const address = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const problem = registryAddressProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
const username = z
  .string()
  .trim()
  .max(255, { error: 'The user name must be at most 255 characters' })
  .refine((v) => !/[\s:]/.test(v), { error: 'The user name must not contain spaces or ":"' });

export const registrySaveSchema = z
  .object({
    address,
    namespace: settingsShape['docker.register.image-namespace'],
    username,
    /** Only when the user typed a new one; absent keeps the saved password. */
    password: z.string().min(1, { error: 'The password must not be empty' }).max(4096).optional(),
    /** Forget the saved password. */
    clearPassword: z.boolean().optional(),
    /** The Docker engine to use: unix:///path, tcp://host:port, or empty for DOCKER_HOST / the default socket. */
    dockerHost: z
      .string()
      .trim()
      .refine((v) => v === '' || /^(unix|tcp|npipe|http|https):\/\/.+/.test(v), {
        error: 'The Docker engine address must look like unix:///var/run/docker.sock or tcp://127.0.0.1:2375 (or stay empty)',
      })
      .optional(),
  })
  .strict();
export type RegistrySaveInput = z.input<typeof registrySaveSchema>;

export const pullSecretSchema = z
  .object({
    context: z.string().min(1, { error: 'Choose a kubeconfig context' }),
    namespace: z
      .string()
      .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { error: 'A Kubernetes namespace is lowercase letters, digits and "-"' })
      .max(63),
    name: z
      .string()
      .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, { error: 'A Secret name is lowercase letters, digits, "-" and "."' })
      .max(253)
      .optional(),
    /** A kubeconfig file the CLI user named; otherwise KUBECONFIG / ~/.kube/config. */
    kubeconfig: z.string().min(1).optional(),
  })
  .strict();

export const importDockerConfigSchema = z
  .object({
    /** Which registry's credentials to take; default: the configured address, else the only one in the file. */
    address: z.string().trim().min(1).optional(),
  })
  .strict()
  .optional();

export interface VerificationStepResult {
  id: string;
  title: string;
  status: StepStatus;
  detail?: string;
  hint?: string;
  durationMs?: number;
}

export interface LastVerification {
  opId: string;
  at: number;
  /** 'running' while it runs; 'interrupted' when Flink Desk stopped before it ended. */
  status: 'running' | 'passed' | 'failed' | 'interrupted';
  reference?: string;
  steps: VerificationStepResult[];
  error?: { code: string; message: string; hint?: string };
}

export interface PullSecretRecord {
  context: string;
  namespace: string;
  name: string;
  at: number;
}

export interface RegistryView {
  address: string;
  namespace: string;
  username: string;
  hasPassword: boolean;
  /** The engine address saved on the Registry page ('' = DOCKER_HOST or the default socket). */
  dockerHost: string;
  /** The engine address that will actually be used, and where it came from. */
  engine: { address: string; source: 'setting' | 'DOCKER_HOST' | 'default' };
  lastVerification?: LastVerification;
  pullSecrets: PullSecretRecord[];
}

export interface PullSecretResult extends PullSecretRecord {
  action: 'created' | 'updated';
  /** The Flink option that makes pods use it. */
  flinkOption: string;
}

export interface DockerConfigImportResult {
  view: RegistryView;
  importedFrom: string;
  source: 'auths' | 'credsStore' | 'credHelpers';
}

export const registryRequests = {
  'registry.get': channel<typeof none, RegistryView>(none),
  'registry.save': channel<typeof registrySaveSchema, RegistryView>(registrySaveSchema),
  'registry.verify': channel<typeof none, OperationSnapshot>(none),
  'registry.pullSecret': channel<typeof pullSecretSchema, PullSecretResult>(pullSecretSchema),
  'registry.importDockerConfig': channel<typeof importDockerConfigSchema, DockerConfigImportResult>(importDockerConfigSchema),
} as const;

export interface RegistryEvents {
  /** The registry settings changed (saved here, in another window, or by a verification ending). */
  'registry.changed': RegistryView;
}
export const registryEventNames: (keyof RegistryEvents)[] = ['registry.changed'];
