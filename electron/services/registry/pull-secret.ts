// The image pull secret: a kubernetes.io/dockerconfigjson Secret in a (context, namespace) holding the registry's
// credentials, created or updated on request, so Flink's pods can pull the images Flink Desk pushes
// (kubernetes.container.image.pull-secrets).
import type { z } from 'zod';
import { savedCredentials } from './credentials';
import { credentialServer, type pullSecretSchema, type PullSecretResult } from '../../../shared/contracts/registry';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import type { Manifest } from '../kube';
import { updateRegistry } from './registry-store';

export const DEFAULT_PULL_SECRET_NAME = 'flink-desk-registry';
export const PULL_SECRET_OPTION = 'kubernetes.container.image.pull-secrets';

/** The .dockerconfigjson document, as `kubectl create secret docker-registry` writes it. */
export function dockerConfigJson(host: string, username: string, password: string): string {
  const auth = Buffer.from(`${username}:${password}`).toString('base64');
  return JSON.stringify({ auths: { [host]: { username, password, auth } } });
}

export async function applyPullSecret(
  ctx: Pick<ServiceContext, 'stores' | 'secrets' | 'clock' | 'logger' | 'kube'>,
  input: z.output<typeof pullSecretSchema>,
): Promise<PullSecretResult> {
  // The password goes into the cluster only when it was entered for the saved address and engine.
  const rec = await savedCredentials(ctx, 'making a pull secret');
  const name = input.name ?? DEFAULT_PULL_SECRET_NAME;
  const host = credentialServer(rec.address);
  const password = rec.password;
  const kube = await ctx.kube.for(input.context, { kubeconfig: input.kubeconfig });
  const secret: Manifest = {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/dockerconfigjson',
    metadata: {
      name,
      namespace: input.namespace,
      labels: { 'app.kubernetes.io/managed-by': 'flink-desk' },
      annotations: { 'flinkdesk.dev/registry': host },
    },
    data: { '.dockerconfigjson': Buffer.from(dockerConfigJson(host, rec.username, password)).toString('base64') },
  };
  let action: PullSecretResult['action'];
  try {
    // Server-side apply: one request creates or updates it; force, because the Secret is ours as a whole.
    action = (await kube.apply(secret, { force: true, what: `write the Secret ${name} in ${input.namespace}` })).created
      ? 'created'
      : 'updated';
  } catch (e) {
    throw pullSecretError(e, name, input.context, input.namespace);
  }
  const record = { context: input.context, namespace: input.namespace, name, at: ctx.clock.now() };
  updateRegistry(ctx.stores, (r) => ({
    ...r,
    pullSecrets: [...r.pullSecrets.filter((s) => !(s.context === record.context && s.namespace === record.namespace)), record],
  }));
  ctx.logger.info('pull secret applied', { context: input.context, namespace: input.namespace, name, action });
  return { ...record, action, flinkOption: `${PULL_SECRET_OPTION}: ${name}` };
}

/** kube's mapped errors, with what the registry knows to say about a refusal (which rights, which namespace). */
function pullSecretError(e: unknown, name: string, context: string, namespace: string): unknown {
  if (!(e instanceof AppError)) return e;
  const where = `${namespace} (context ${context})`;
  if (e.code === 'forbidden')
    return new AppError({
      code: 'forbidden',
      message: `The kubeconfig user may not write Secrets in ${where}`,
      hint: `Ask for create and patch on secrets in ${namespace} (the "edit" role has them), or create ${name} with an account that can`,
    });
  if (e.code === 'not-found')
    return new AppError({
      code: 'not-found',
      message: `The namespace ${where} does not exist`,
      hint: 'Choose an existing namespace, or create it first',
    });
  return e;
}
