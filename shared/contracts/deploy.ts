// Saved jobs, deploying them, and the Flink clusters in a namespace (issue: Jobs and Deploy). The spec's rules are in
// shared/jobs/spec.ts; rendering without a cluster is jobs.render (contracts/jobs.ts).
import { z } from 'zod';
import { channel, none } from '../channel';
import type { JobDocument } from '../jobs/spec';
import type { OperationSnapshot } from '../operations';

const name = z.string().min(1, 'Give the job name').max(253);
const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a DNS-1123 label')
  .max(63);
const kubeconfig = z.string().min(1).optional();

const saveInput = z.strictObject({
  /** A job document as edited in the form or read from a file. */
  document: z.unknown(),
  /** Directory relative paths resolve against (the spec file's). */
  baseDir: z.string().min(1).optional(),
  /** The file it came from, kept with the version. */
  source: z.string().min(1).optional(),
});
const yamlInput = z.strictObject({ name, version: z.number().int().min(1).optional() });
const applyInput = z.union([
  saveInput.extend({ replace: z.boolean().optional(), kubeconfig }),
  z.strictObject({ name, version: z.number().int().min(1).optional(), replace: z.boolean().optional(), kubeconfig }),
]);
const deleteInput = z.strictObject({
  context: z.string().min(1),
  namespace: dnsLabel,
  clusterId: z.string().min(1).max(45),
  /** Also delete the HA ConfigMaps (Flink leaves them, so a restarted cluster can recover its jobs). */
  withHa: z.boolean().optional(),
  kubeconfig,
});
const clustersInput = z.strictObject({ context: z.string().min(1).optional(), namespace: dnsLabel.optional(), kubeconfig }).optional();

export interface JobDeploymentView {
  version: number;
  at: number;
  image?: string;
  opId?: string;
  outcome: 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
}

export interface SavedJobView {
  name: string;
  createdAt: number;
  latest: { version: number; at: number; source?: string; document: JobDocument };
  deployed?: JobDeploymentView;
  versions: number;
}

export interface FlinkClusterView {
  context: string;
  namespace: string;
  clusterId: string;
  /** From the JobManager's start command (kubernetes-session or kubernetes-application). */
  mode: 'session' | 'application' | 'unknown';
  image: string;
  createdAt?: number;
  jobManagers: { ready: number; desired: number };
  /** Created through Flink Desk (server-side apply field manager), or by another tool. */
  madeByFlinkDesk: boolean;
  rest?: { exposedType: string; port: number; nodePort?: number; loadBalancer?: string };
}

export interface ClusterListResult {
  clusters: FlinkClusterView[];
  /** Targets that could not be listed, each with why (the others are still shown). */
  problems: { context: string; namespace: string; message: string; hint?: string }[];
}

export const deployRequests = {
  'jobs.list': channel<typeof none, SavedJobView[]>(none),
  'jobs.get': channel<z.ZodObject<{ name: typeof name }>, SavedJobView>(z.strictObject({ name })),
  /** Validates and saves a new version (none when it is the same as the newest). */
  'jobs.save': channel<typeof saveInput, { job: SavedJobView; changed: boolean }>(saveInput),
  'jobs.remove': channel<z.ZodObject<{ name: typeof name }>, { removed: string }>(z.strictObject({ name })),
  /** A saved version as a YAML file's text, for export. */
  'jobs.yaml': channel<typeof yamlInput, { yaml: string; fileName: string }>(yamlInput),
  /** Saves the spec as a version and deploys it (a long operation); or deploys a saved job by name. */
  'jobs.apply': channel<typeof applyInput, OperationSnapshot>(applyInput),
  /** Deletes a Flink cluster: its Deployment (the rest goes by garbage collection), optionally its HA ConfigMaps. */
  'clusters.delete': channel<typeof deleteInput, { deleted: string[]; haConfigMapsKept: string[] }>(deleteInput),
  /** Every Flink native-Kubernetes cluster in a namespace, or in every target's namespace. */
  'clusters.list': channel<typeof clustersInput, ClusterListResult>(clustersInput),
} as const;
