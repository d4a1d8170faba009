// The image pull secret: a kubernetes.io/dockerconfigjson Secret in a (context, namespace) holding the registry's
// credentials, created or updated on request, so Flink's pods can pull the images Flink Desk pushes
// (kubernetes.container.image.pull-secrets).
import type { V1Secret } from '@kubernetes/client-node';
import type { z } from 'zod';
import { credentialServer, type pullSecretSchema, type PullSecretResult } from '../../../shared/contracts/registry';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import { clientNode } from '../kube/client-node';
import { kubeConfigForContext } from './kube-client';
import { readRegistry, updateRegistry } from './registry-store';

export const DEFAULT_PULL_SECRET_NAME = 'flink-desk-registry';
export const PULL_SECRET_OPTION = 'kubernetes.container.image.pull-secrets';

/** The .dockerconfigjson document, as `kubectl create secret docker-registry` writes it. */
export function dockerConfigJson(host: string, username: string, password: string): string {
  const auth = Buffer.from(`${username}:${password}`).toString('base64');
  return JSON.stringify({ auths: { [host]: { username, password, auth } } });
}

export async function applyPullSecret(ctx: ServiceContext, input: z.output<typeof pullSecretSchema>): Promise<PullSecretResult> {
  const rec = readRegistry(ctx.stores);
  if (!rec.address || !rec.username || !rec.passwordSealed)
    throw new AppError({
      code: 'invalid-input',
      message: 'The registry address, user and password must be saved before a pull secret can be made',
      hint: 'Save them on the Registry page (or with flink-desk registry set), then try again',
    });
  const name = input.name ?? DEFAULT_PULL_SECRET_NAME;
  const host = credentialServer(rec.address);
  const password = await ctx.secrets.decrypt(rec.passwordSealed);
  const api = (await kubeConfigForContext(ctx, input.context, input.kubeconfig)).makeApiClient(clientNode().CoreV1Api);
  const body: V1Secret = {
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
    const exists = await api.readNamespacedSecret({ name, namespace: input.namespace }).then(
      () => true,
      (e: unknown) => {
        if (statusOf(e) === 404) return false;
        throw e;
      },
    );
    if (exists) await api.replaceNamespacedSecret({ name, namespace: input.namespace, body });
    else await api.createNamespacedSecret({ namespace: input.namespace, body });
    action = exists ? 'updated' : 'created';
  } catch (e) {
    throw kubeError(e, name, input.context, input.namespace);
  }
  const record = { context: input.context, namespace: input.namespace, name, at: ctx.clock.now() };
  updateRegistry(ctx.stores, (r) => ({
    ...r,
    pullSecrets: [...r.pullSecrets.filter((s) => !(s.context === record.context && s.namespace === record.namespace)), record],
  }));
  ctx.logger.info('pull secret applied', { context: input.context, namespace: input.namespace, name, action });
  return { ...record, action, flinkOption: `${PULL_SECRET_OPTION}: ${name}` };
}

function statusOf(e: unknown): number | undefined {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}

function kubeError(e: unknown, name: string, context: string, namespace: string): AppError {
  if (e instanceof AppError) return e;
  const where = `${namespace} (context ${context})`;
  const status = statusOf(e);
  if (status === 403)
    return new AppError({
      code: 'forbidden',
      message: `The kubeconfig user may not write Secrets in ${where}`,
      hint: `Ask for create/update on secrets in ${namespace} (the "edit" role has them), or create ${name} with an account that can`,
    });
  if (status === 401)
    return new AppError({
      code: 'unauthorized',
      message: `The cluster did not accept the kubeconfig's credentials for ${where}`,
      hint: 'Refresh your credentials (log in again with your cluster tool), then retry',
    });
  if (status === 404)
    return new AppError({
      code: 'not-found',
      message: `The namespace ${where} does not exist`,
      hint: 'Choose an existing namespace, or create it first',
    });
  if (status !== undefined)
    return new AppError({
      code: 'internal',
      message: `The cluster refused the Secret ${name} in ${where} (HTTP ${status})`,
      hint: 'The API server log may say why',
    });
  const why = (e as { cause?: { code?: string } }).cause?.code ?? (e instanceof Error ? e.message : String(e));
  return new AppError({
    code: 'unreachable',
    message: `The cluster of context ${context} cannot be reached (${why})`,
    hint: 'Check that the cluster is up and that its address in the kubeconfig is right (kubectl cluster-info)',
  });
}
