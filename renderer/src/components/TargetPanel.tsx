// One (context, namespace) target: the check's results, the RBAC matrices and the fix, offered as YAML first.
import { useEffect, useState } from 'react';
import type { GrantMode, GrantPlan, KubeCheckResult, KubeTarget } from '../../../shared/contracts/kube';
import { api } from '../api/client';
import { failureMessage } from '../api/failure';
import { Badge } from './Badge';
import { Banner } from './Banner';
import { Button } from './Button';
import { ConfirmDialog } from './ConfirmDialog';
import { RbacMatrix } from './RbacMatrix';
import { Segmented } from './Segmented';
import { useToast } from './Toasts';
import { YamlPreview } from './YamlPreview';
import { formatTime } from '../format/time';

const verdictBadge = (r: KubeCheckResult) =>
  r.verdict === 'ok' && r.rbac?.serviceAccount.unknownReason ? (
    <Badge tone="ok">ready · service account unverified</Badge>
  ) : r.verdict === 'ok' ? (
    <Badge tone="ok">ready</Badge>
  ) : r.verdict === 'rbac-missing' ? (
    <Badge tone="warn">needs attention</Badge>
  ) : (
    <Badge tone="danger">{r.reachable ? 'not usable' : 'unreachable'}</Badge>
  );

export function TargetPanel({
  target,
  result,
  checking,
  onCheck,
  onRemove,
}: {
  target: KubeTarget;
  result: KubeCheckResult | undefined;
  checking: boolean;
  onCheck: () => void;
  onRemove: () => void;
}) {
  const title = `${target.context} · ${target.namespace}`;
  return (
    <section className="card target" aria-label={`Target ${title}`}>
      <div className="target-head">
        <div>
          <h2>
            {target.context} <span className="muted">/</span> {target.namespace}
          </h2>
          <p className="muted">
            Flink service account <code>{target.serviceAccount}</code>
            {result && <> · checked {formatTime(result.checkedAt)}</>}
          </p>
        </div>
        <div className="page-actions">
          {result && verdictBadge(result)}
          <Button variant="primary" onClick={onCheck} busy={checking} disabled={checking} aria-label={`Check ${title}`}>
            {result ? 'Check again' : 'Check'}
          </Button>
          <Button variant="ghost" onClick={onRemove} aria-label={`Remove target ${title}`}>
            Remove
          </Button>
        </div>
      </div>
      {!result && !checking && (
        <p className="muted target-hint">Not checked yet: Check tests the connection, who you are, the namespace and RBAC.</p>
      )}
      {result && <CheckDetails target={target} result={result} onRecheck={onCheck} />}
    </section>
  );
}

function CheckDetails({ target, result, onRecheck }: { target: KubeTarget; result: KubeCheckResult; onRecheck: () => void }) {
  const identity = result.identity && ('username' in result.identity ? result.identity.username : undefined);
  const ns = result.namespaceStatus;
  const sa = result.rbac?.serviceAccount;
  const toast = useToast();
  const [confirmNs, setConfirmNs] = useState(false);
  const createNamespace = async () => {
    setConfirmNs(false);
    try {
      const r = await api.invoke('kube.namespace.create', { context: target.context, namespace: target.namespace });
      toast(r.created ? `Namespace ${target.namespace} created` : `Namespace ${target.namespace} already exists`);
      onRecheck();
    } catch (e) {
      toast(failureMessage('Not created', e), 'error');
    }
  };
  return (
    <div className="target-body">
      {confirmNs && (
        <ConfirmDialog
          title={`Create namespace ${target.namespace}?`}
          body={`Flink Desk will create the namespace ${target.namespace} in context ${target.context} with your credentials.`}
          confirmLabel="Create namespace"
          onConfirm={() => void createNamespace()}
          onCancel={() => setConfirmNs(false)}
        />
      )}
      {result.error && <Banner tone="danger" title={result.error.message} {...(result.error.hint ? { hint: result.error.hint } : {})} />}
      {result.reachable && (
        <dl className="facts">
          <div>
            <dt>Server</dt>
            <dd>
              <code>{result.server}</code>
            </dd>
          </div>
          <div>
            <dt>Version</dt>
            <dd>
              {result.version?.gitVersion ?? '—'}
              {result.health === 'not ready' && (
                <>
                  {' '}
                  <Badge tone="danger">not ready</Badge>
                </>
              )}
            </dd>
          </div>
          <div>
            <dt>Round trip</dt>
            <dd>{result.rttMs !== undefined ? `${result.rttMs} ms` : '—'}</dd>
          </div>
          <div>
            <dt>You are</dt>
            <dd title={result.identity && 'groups' in result.identity ? result.identity.groups.join(', ') : undefined}>
              {identity ??
                (result.identity && 'unknown' in result.identity ? (
                  <span className="muted">unknown — {result.identity.unknown}</span>
                ) : (
                  '—'
                ))}
            </dd>
          </div>
          <div>
            <dt>Namespace</dt>
            <dd>
              {ns?.exists === true ? (
                <Badge tone="ok">exists</Badge>
              ) : ns?.exists === false ? (
                <>
                  <Badge tone="danger">missing</Badge>{' '}
                  <Button variant="ghost" onClick={() => setConfirmNs(true)}>
                    Create…
                  </Button>
                </>
              ) : ns ? (
                <Badge tone="warn">unknown</Badge>
              ) : (
                '—'
              )}
            </dd>
          </div>
          <div>
            <dt>Service account</dt>
            <dd>
              {sa?.exists === true ? (
                <Badge tone="ok">exists</Badge>
              ) : sa?.exists === false ? (
                <Badge tone="warn">missing</Badge>
              ) : sa ? (
                <Badge tone="warn">unknown</Badge>
              ) : (
                '—'
              )}
            </dd>
          </div>
        </dl>
      )}
      {result.rbac && (
        <>
          {result.rbac.missing.user > 0 && (
            <Banner
              tone="warn"
              title={`You lack ${result.rbac.missing.user} right${result.rbac.missing.user > 1 ? 's' : ''} Flink Desk needs in ${target.namespace}`}
              hint="Ask a cluster administrator to grant them (the ClusterRole edit bound in this namespace covers them), or use another context."
            >
              <div>
                {result.rbac.user
                  .filter((r) => r.status === 'denied' && !r.optional)
                  .map((r) => `${r.verb} ${r.resource}`)
                  .join(', ')}
              </div>
            </Banner>
          )}
          <div className="rbac-grid">
            <RbacMatrix rows={result.rbac.user} caption={identity ? `You (${identity})` : 'You'} />
            <RbacMatrix rows={result.rbac.serviceAccount.rows} caption={`Service account ${target.serviceAccount} (the JobManager)`} />
          </div>
          {result.rbac.serviceAccount.unknownReason && <p className="muted">{result.rbac.serviceAccount.unknownReason}.</p>}
          <p className="legend muted">
            <span className="rbac-allowed">✓</span> allowed <span className="rbac-denied">✕</span> denied{' '}
            <span className="rbac-unknown">?</span> unknown · hover a cell for the reason
          </p>
        </>
      )}
      {result.reachable && result.rbac && (result.rbac.missing.serviceAccount > 0 || sa?.exists === false || ns?.exists === false) && (
        <FixPanel target={target} namespaceMissing={ns?.exists === false} onApplied={onRecheck} />
      )}
    </div>
  );
}

function FixPanel({ target, namespaceMissing, onApplied }: { target: KubeTarget; namespaceMissing: boolean; onApplied: () => void }) {
  const toast = useToast();
  const [mode, setMode] = useState<GrantMode>('role');
  const [plan, setPlan] = useState<GrantPlan>();
  const [planError, setPlanError] = useState<string>();
  const [confirm, setConfirm] = useState(false);
  const [applying, setApplying] = useState(false);
  const input = {
    context: target.context,
    namespace: target.namespace,
    serviceAccount: target.serviceAccount,
    mode,
    createNamespace: namespaceMissing,
  };

  useEffect(() => {
    let live = true;
    api.invoke('kube.rbac.plan', input).then(
      (p) => live && (setPlan(p), setPlanError(undefined)),
      (e: unknown) => live && setPlanError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the input is derived from these
  }, [target.context, target.namespace, target.serviceAccount, mode, namespaceMissing]);

  const apply = async () => {
    setConfirm(false);
    setApplying(true);
    try {
      const r = await api.invoke('kube.rbac.grant', input);
      const changed = r.applied.filter((a) => a.action !== 'unchanged');
      toast(
        changed.length ? `Applied: ${changed.map((a) => `${a.action} ${a.kind} ${a.name}`).join(', ')}` : 'Everything was already in place',
      );
      onApplied();
    } catch (e) {
      toast(failureMessage('Not applied', e), 'error');
    } finally {
      setApplying(false);
    }
  };

  return (
    <div className="fix-panel">
      <div className="fix-head">
        <div>
          <h3>Fix: give Flink’s service account what it needs</h3>
          <p className="muted">
            {mode === 'role'
              ? `Least privilege: a Role in ${target.namespace} with exactly the JobManager's rules, bound to ${target.serviceAccount}.`
              : `The seed's way: ClusterRole edit bound to ${target.serviceAccount} by a ClusterRoleBinding — it applies in every namespace.`}
            {namespaceMissing && ` The namespace ${target.namespace} is created first.`}
          </p>
        </div>
        <Segmented<GrantMode>
          id={`mode-${target.id}`}
          label="Grant mode"
          value={mode}
          onChange={setMode}
          options={[
            { value: 'role', label: 'Role (least privilege)' },
            { value: 'edit', label: 'ClusterRole edit' },
          ]}
        />
      </div>
      {planError && <Banner tone="danger" title={planError} />}
      {plan && <YamlPreview yaml={plan.yaml} label={`YAML to apply (${plan.objects.length} objects)`} />}
      <div className="page-actions">
        <Button variant="primary" disabled={!plan || applying} busy={applying} onClick={() => setConfirm(true)}>
          Apply…
        </Button>
      </div>
      {confirm && plan && (
        <ConfirmDialog
          title={`Apply to ${target.context}?`}
          body={`Flink Desk will create or update ${plan.objects.map((o) => `${o.kind} ${o.name}`).join(', ')} with your credentials in context ${target.context}. Existing objects of the same name are replaced.`}
          confirmLabel="Apply"
          onConfirm={() => void apply()}
          onCancel={() => setConfirm(false)}
        />
      )}
    </div>
  );
}
