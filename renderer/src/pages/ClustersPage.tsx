// Clusters: the contexts of every kubeconfig file, the (context, namespace) targets to work with — several at once —
// and, per target, the connectivity check, the RBAC matrices and the fix.
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  namespaceSchema,
  serviceAccountSchema,
  type KubeCheckResult,
  type KubeContextInfo,
  type KubeContextsResult,
  type KubeTarget,
} from '../../../shared/contracts/kube';
import { AppError } from '../../../shared/errors';
import { api, onReconnect } from '../api/client';
import { failureMessage } from '../api/failure';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { Card } from '../components/Card';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { FieldError } from '../components/Field';
import { Loading } from '../components/Loading';
import { useShownErrors } from '../components/useShownErrors';
import { ContextList } from '../components/ContextList';
import { EmptyState } from '../components/EmptyState';
import { ClustersIcon } from '../components/Icons';
import { KubeconfigFiles } from '../components/KubeconfigFiles';
import { PageHeader } from '../components/PageHeader';
import { TargetPanel } from '../components/TargetPanel';
import { useToast } from '../components/Toasts';
import { TextInput } from '../components/TextInput';

/** Check results and the half-typed target form outlive a visit to another page. */
const lastChecks = new Map<string, KubeCheckResult>();
let draftTarget = { context: '', namespace: '', serviceAccount: 'default' };

export function ClustersPage() {
  const toast = useToast();
  const [kube, setKube] = useState<KubeContextsResult>();
  const [loadError, setLoadError] = useState<AppError>();
  const [targets, setTargets] = useState<KubeTarget[]>([]);
  const [checks, setChecks] = useState<Map<string, KubeCheckResult>>(() => new Map(lastChecks));
  const [checking, setChecking] = useState<Set<string>>(new Set());
  const [removing, setRemoving] = useState<KubeTarget>();

  const load = useCallback(() => {
    Promise.all([api.invoke('kube.contexts'), api.invoke('kube.targets.list')]).then(
      ([k, t]) => {
        setKube(k);
        setTargets(t);
        setLoadError(undefined);
      },
      (e: unknown) => setLoadError(e instanceof AppError ? e : new AppError({ code: 'internal', message: String(e) })),
    );
  }, []);
  useEffect(() => {
    load();
    const offChanged = api.on('kube.contextsChanged', setKube);
    // Changes made while the connection was down came as events nobody received.
    const offReconnect = onReconnect(load);
    return () => {
      offChanged();
      offReconnect();
    };
  }, [load]);

  const check = async (t: KubeTarget) => {
    setChecking((s) => new Set(s).add(t.id));
    try {
      const r = await api.invoke('kube.check', { context: t.context, namespace: t.namespace, serviceAccount: t.serviceAccount });
      lastChecks.set(t.id, r);
      setChecks(new Map(lastChecks));
    } catch (e) {
      toast(failureMessage('Check failed', e), 'error');
    } finally {
      setChecking((s) => {
        const n = new Set(s);
        n.delete(t.id);
        return n;
      });
    }
  };
  const remove = async (t: KubeTarget) => {
    setRemoving(undefined);
    try {
      setTargets(await api.invoke('kube.targets.remove', { id: t.id }));
      lastChecks.delete(t.id);
      toast(`Removed ${t.context} / ${t.namespace}`);
      // The Remove button that had the focus is gone with its panel: the page heading takes it, not <body>.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
    } catch (e) {
      toast(failureMessage('Not removed', e), 'error');
    }
  };

  const noKubeconfig = kube !== undefined && kube.contexts.length === 0;

  return (
    <div className="page">
      <PageHeader
        title="Clusters"
        description="Kubernetes contexts from your kubeconfig, and the namespaces Flink Desk deploys to. Your kubeconfig is only read, never written."
        actions={
          targets.length > 1 ? (
            <Button onClick={() => targets.forEach((t) => void check(t))} disabled={checking.size > 0}>
              Check all
            </Button>
          ) : undefined
        }
      />
      {loadError && (
        <Banner tone="danger" title={loadError.message} {...(loadError.hint ? { hint: loadError.hint } : {})}>
          <Button onClick={load}>Retry</Button>
        </Banner>
      )}
      {!kube && !loadError && <Loading label="Reading your kubeconfig…" />}
      {noKubeconfig && (
        <Card>
          <EmptyState icon={<ClustersIcon />} title="No kubeconfig found">
            <p>
              Flink Desk uses your kubeconfig as the credential, like kubectl: every file in KUBECONFIG, else ~/.kube/config. None has a
              context yet.
            </p>
            <ul>
              <li>
                Let your provider write it: aws eks update-kubeconfig, gcloud container clusters get-credentials, az aks get-credentials;
                kind and minikube write it when they start
              </li>
              <li>Or set KUBECONFIG before starting Flink Desk</li>
              <li>Or add a kubeconfig file below</li>
            </ul>
          </EmptyState>
        </Card>
      )}
      {kube && kube.contexts.length > 0 && targets.length === 0 && (
        <Card>
          <EmptyState icon={<ClustersIcon />} title="No cluster targets yet">
            <p>
              Pick a context and the namespace Flink Desk should deploy to. Each target gets a connectivity check and an RBAC preflight, for
              you and for Flink’s service account. Add several to work with several clusters at once.
            </p>
          </EmptyState>
        </Card>
      )}
      {targets.length > 0 &&
        targets.map((t) => (
          <TargetPanel
            key={t.id}
            target={t}
            result={checks.get(t.id)}
            checking={checking.has(t.id)}
            onCheck={() => void check(t)}
            onRemove={() => setRemoving(t)}
          />
        ))}
      {kube && kube.contexts.length > 0 && (
        <AddTarget contexts={kube.contexts} onAdded={(list, added) => (setTargets(list), void check(added))} />
      )}
      {kube && kube.contexts.length > 0 && (
        <Card
          title="Contexts"
          description="From every kubeconfig file, in kubectl's order: when two files name the same context, the first one wins."
        >
          <ContextList
            contexts={kube.contexts}
            onPick={(c) => {
              window.dispatchEvent(new CustomEvent('fd:pick-context', { detail: c }));
            }}
          />
        </Card>
      )}
      {kube && (
        <Card title="Kubeconfig files" description="Where the contexts come from. Changes to these files show up here by themselves.">
          <KubeconfigFiles files={kube.files} onChange={setKube} />
        </Card>
      )}
      {removing && (
        <ConfirmDialog
          title={`Remove target ${removing.context} / ${removing.namespace}?`}
          body={
            <p>
              Flink Desk stops offering this context and namespace. Nothing changes in the cluster, and your kubeconfig is untouched; you
              can add the target again at any time.
            </p>
          }
          confirmLabel="Remove target"
          danger
          onConfirm={() => void remove(removing)}
          onCancel={() => setRemoving(undefined)}
        />
      )}
    </div>
  );
}

function AddTarget({ contexts, onAdded }: { contexts: KubeContextInfo[]; onAdded: (list: KubeTarget[], added: KubeTarget) => void }) {
  const toast = useToast();
  const [form, setFormState] = useState(() => {
    const ctx = contexts.find((c) => c.name === draftTarget.context) ?? contexts.find((c) => c.current) ?? contexts[0];
    return draftTarget.context
      ? draftTarget
      : { context: ctx?.name ?? '', namespace: ctx?.namespace ?? 'default', serviceAccount: 'default' };
  });
  const [serverError, setServerError] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const nsRef = useRef<HTMLInputElement>(null);
  const setForm = (f: typeof form) => {
    draftTarget = f;
    setFormState(f);
    setServerError({});
  };
  useEffect(() => {
    const on = (e: Event) => {
      const c = (e as CustomEvent<KubeContextInfo>).detail;
      setForm({ ...form, context: c.name, namespace: c.namespace ?? 'default' });
      nsRef.current?.focus();
      nsRef.current?.scrollIntoView({ block: 'center' });
    };
    window.addEventListener('fd:pick-context', on);
    return () => window.removeEventListener('fd:pick-context', on);
  });
  const nsCheck = namespaceSchema.safeParse(form.namespace);
  const saCheck = serviceAccountSchema.safeParse(form.serviceAccount);
  const live: { namespace?: string; serviceAccount?: string } = {};
  if (!nsCheck.success) live.namespace = nsCheck.error.issues[0]?.message ?? 'Not a valid namespace';
  if (!saCheck.success) live.serviceAccount = saCheck.error.issues[0]?.message ?? 'Not a valid service account name';
  const { errors, reveal, revealAll } = useShownErrors(live);
  const nsError = errors.namespace ?? serverError.namespace;
  const saError = errors.serviceAccount ?? serverError.serviceAccount;
  const valid = form.context && nsCheck.success && saCheck.success;

  const add = async () => {
    setBusy(true);
    try {
      const list = await api.invoke('kube.targets.add', form);
      const added = list.find((t) => t.context === form.context && t.namespace === nsCheck.data);
      toast(`Target ${form.context} / ${form.namespace} added`);
      draftTarget = { context: '', namespace: '', serviceAccount: 'default' };
      if (added) onAdded(list, added);
    } catch (e) {
      if (e instanceof AppError && e.fields) setServerError(e.fields);
      toast(failureMessage('Not added', e), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title="Add a target"
      description="A context and a namespace to deploy to. Add as many as you like; all of them can be used at once."
    >
      <form
        className="target-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (revealAll() && valid) void add();
          else (nsCheck.success ? document.getElementById('target-sa') : nsRef.current)?.focus();
        }}
      >
        <div className="stack-field">
          <label htmlFor="target-context" className="field-label">
            Context
          </label>
          <select
            id="target-context"
            className="select"
            value={form.context}
            onChange={(e) => setForm({ ...form, context: e.target.value })}
          >
            {contexts.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="stack-field">
          <label htmlFor="target-namespace" className="field-label">
            Namespace
          </label>
          <TextInput
            id="target-namespace"
            ref={nsRef}
            value={form.namespace}
            invalid={Boolean(nsError)}
            onChange={(e) => setForm({ ...form, namespace: e.target.value })}
            onBlur={() => reveal('namespace')}
          />
          <FieldError id="target-namespace" error={nsError} />
          <div className="field-help">Flink clusters are created here</div>
        </div>
        <div className="stack-field">
          <label htmlFor="target-sa" className="field-label">
            Flink service account
          </label>
          <TextInput
            id="target-sa"
            value={form.serviceAccount}
            invalid={Boolean(saError)}
            onChange={(e) => setForm({ ...form, serviceAccount: e.target.value })}
            onBlur={() => reveal('serviceAccount')}
          />
          <FieldError id="target-sa" error={saError} />
          <div className="field-help">The JobManager runs as this account</div>
        </div>
        <Button type="submit" variant="primary" disabled={!form.context || busy} busy={busy}>
          Add target and check
        </Button>
      </form>
    </Card>
  );
}
