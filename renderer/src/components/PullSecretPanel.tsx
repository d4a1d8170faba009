// "Create pull secret in…": pick a kubeconfig context (the Clusters capability's list) and a namespace, or one of the
// Clusters page's targets, and the registry's credentials become a kubernetes.io/dockerconfigjson Secret there.
import { useEffect, useState } from 'react';
import type { KubeContextsResult, KubeTarget } from '../../../shared/contracts/kube';
import { pullSecretSchema, type PullSecretResult, type RegistryView } from '../../../shared/contracts/registry';
import { AppError, type AppErrorInfo } from '../../../shared/errors';
import { api } from '../api/client';
import { Banner } from './Banner';
import { Button } from './Button';
import { Field } from './Field';
import { TextInput } from './TextInput';
import { useShownErrors } from './useShownErrors';
import { formatDateTime } from '../format/time';

const DEFAULT_NAME = 'flink-desk-registry';

export function PullSecretPanel({ view, onApplied }: { view: RegistryView; onApplied: () => void }) {
  const [contexts, setContexts] = useState<KubeContextsResult>();
  const [contextsError, setContextsError] = useState<string>();
  const [targets, setTargets] = useState<KubeTarget[]>([]);
  const [context, setContext] = useState('');
  const [namespace, setNamespace] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PullSecretResult>();
  const [error, setError] = useState<AppErrorInfo>();

  useEffect(() => {
    api.invoke('kube.contexts', {}).then(
      (r) => {
        setContexts(r);
        const first = r.contexts.find((c) => c.current) ?? r.contexts[0];
        if (first) {
          setContext((c) => c || first.name);
          setNamespace((n) => n || first.namespace || 'default');
        }
      },
      (e: Error) => setContextsError(e.message),
    );
    // The Clusters page's targets, as shortcuts; nothing to show when there are none.
    api.invoke('kube.targets.list').then(setTargets, () => setTargets([]));
  }, []);

  const ready = Boolean(view.address && view.username && view.hasPassword);
  const nsRule = pullSecretSchema.shape.namespace.safeParse(namespace);
  const nameRule = pullSecretSchema.shape.name.safeParse(name || undefined);
  const live: { namespace?: string; name?: string } = {};
  if (namespace && !nsRule.success) live.namespace = nsRule.error.issues[0]?.message ?? 'Not a valid namespace';
  if (name && !nameRule.success) live.name = nameRule.error.issues[0]?.message ?? 'Not a valid Secret name';
  const { errors, reveal, revealAll } = useShownErrors(live);
  const nsError = errors.namespace;
  const nameError = errors.name;

  const apply = async () => {
    if (!revealAll()) return;
    setBusy(true);
    setResult(undefined);
    setError(undefined);
    try {
      setResult(await api.invoke('registry.pullSecret', { context, namespace, ...(name ? { name } : {}) }));
      onApplied();
    } catch (e) {
      setError(e instanceof AppError ? e.toInfo() : { code: 'internal', message: String(e) });
    } finally {
      setBusy(false);
    }
  };

  const fileProblems = contexts?.files.filter((f) => f.error).map((f) => f.error!.message) ?? [];
  if (contextsError || (contexts && contexts.contexts.length === 0))
    return (
      <Banner
        tone="warn"
        title="No kubeconfig context to create the pull secret in"
        hint="Flink Desk reads KUBECONFIG, else ~/.kube/config, and the files added on the Clusters page."
      >
        <div>{contextsError ?? (fileProblems.length ? fileProblems.join('; ') : 'Your kubeconfig has no contexts.')}</div>
      </Banner>
    );

  return (
    <div className="pull-secret">
      {targets.length > 0 && (
        <div className="pull-secret-targets" role="group" aria-label="Targets from the Clusters page">
          <span className="muted">Targets:</span>
          {targets.map((t) => (
            <Button
              key={t.id}
              variant="ghost"
              className="chip"
              aria-pressed={t.context === context && t.namespace === namespace}
              onClick={() => {
                setContext(t.context);
                setNamespace(t.namespace);
              }}
            >
              {t.context} / {t.namespace}
            </Button>
          ))}
        </div>
      )}
      <Field
        id="ps-context"
        label="Context"
        help="From your kubeconfig (KUBECONFIG, else ~/.kube/config) and the files added on the Clusters page."
      >
        <select id="ps-context" className="select" value={context} onChange={(e) => setContext(e.target.value)} disabled={!contexts}>
          {!contexts && <option>Loading…</option>}
          {contexts?.contexts.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="ps-namespace" label="Namespace" error={nsError} help="Where Flink's pods run; the Secret must be in the same namespace.">
        <TextInput
          id="ps-namespace"
          value={namespace}
          invalid={Boolean(nsError)}
          onChange={(e) => setNamespace(e.target.value.trim())}
          onBlur={() => reveal('namespace')}
        />
      </Field>
      <Field id="ps-name" label="Secret name" error={nameError} help={`Created, or updated when it exists. Default: ${DEFAULT_NAME}.`}>
        <TextInput
          id="ps-name"
          value={name}
          placeholder={DEFAULT_NAME}
          invalid={Boolean(nameError)}
          onChange={(e) => setName(e.target.value.trim())}
          onBlur={() => reveal('name')}
        />
      </Field>
      <div className="card-actions">
        {!ready && <span className="muted">Save the registry address, user and password first.</span>}
        <Button variant="primary" onClick={() => void apply()} busy={busy} disabled={!ready || busy || !context || !namespace}>
          Create pull secret in {namespace || '…'}
        </Button>
      </div>
      {result && (
        <Banner tone="info" title={`Secret ${result.name} ${result.action} in ${result.namespace} (context ${result.context})`}>
          <div>
            Deployments use it with <code>{result.flinkOption}</code>
          </div>
        </Banner>
      )}
      {error && (
        <Banner tone="danger" title="The pull secret was not created" hint={error.hint}>
          <div>{error.message}</div>
        </Banner>
      )}
      {view.pullSecrets.length > 0 && (
        <table className="data-table pull-secret-list" aria-label="Pull secrets created by Flink Desk">
          <thead>
            <tr>
              <th>Secret</th>
              <th>Namespace</th>
              <th>Context</th>
              <th>Last written</th>
            </tr>
          </thead>
          <tbody>
            {view.pullSecrets.map((s) => (
              <tr key={`${s.context}/${s.namespace}`}>
                <td>
                  <code>{s.name}</code>
                </td>
                <td>{s.namespace}</td>
                <td>{s.context}</td>
                <td>{formatDateTime(s.at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
