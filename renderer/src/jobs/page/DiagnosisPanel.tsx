// What the cluster's evidence says is wrong (operate.diagnose), each finding with its evidence and what to change,
// and a way to the place where it is changed.
import { useEffect, useState } from 'react';
import type { Diagnosis } from '../../../../shared/contracts/diagnosis';
import { api } from '../../api/client';
import { failureMessage } from '../../api/failure';
import { Button } from '../../components/Button';

function ActionLink({ d, jobName, onDeleteWithHa }: { d: Diagnosis; jobName?: string; onDeleteWithHa: () => void }) {
  const a = d.action;
  if (!a) return null;
  if (a.kind === 'delete-with-ha')
    return (
      <Button className="btn-sm" variant="danger" onClick={onDeleteWithHa}>
        Delete with HA data…
      </Button>
    );
  const href = a.page === 'job-form' ? (jobName ? `#/jobs/edit/${encodeURIComponent(jobName)}` : undefined) : `#/${a.page}`;
  if (!href) return null;
  const label =
    a.page === 'clusters'
      ? 'Open Clusters (RBAC)'
      : a.page === 'registry'
        ? 'Open Registry'
        : `Edit the job${a.field ? ` (${a.field})` : ''}`;
  return (
    <a className="btn btn-sm" href={href}>
      {label}
    </a>
  );
}

export function DiagnosisPanel({
  id,
  stateKey,
  jobName,
  onDeleteWithHa,
}: {
  id: string;
  stateKey: string;
  jobName?: string;
  onDeleteWithHa: () => void;
}) {
  const [found, setFound] = useState<Diagnosis[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    api.invoke('operate.diagnose', { id }).then(
      (r) => live && (setFound(r.diagnoses), setError(undefined)),
      (e: unknown) => live && setError(failureMessage('The diagnosis could not be made', e)),
    );
    return () => {
      live = false;
    };
  }, [id, stateKey]);
  if (error) return <p className="muted">{error}</p>;
  if (!found || found.length === 0) return null;
  return (
    <section className="diagnosis" aria-labelledby="diagnosis-title">
      <h3 id="diagnosis-title">What is wrong</h3>
      <ul>
        {found.map((d) => (
          <li key={d.id} className="diagnosis-item">
            <strong>{d.title}</strong>
            <p className="diagnosis-hint">{d.hint}</p>
            <details>
              <summary>Evidence ({d.evidence.length})</summary>
              <ul className="diagnosis-evidence">
                {d.evidence.map((e, i) => (
                  <li key={i}>
                    <code>{e}</code>
                  </li>
                ))}
              </ul>
            </details>
            <ActionLink d={d} {...(jobName ? { jobName } : {})} onDeleteWithHa={onDeleteWithHa} />
          </li>
        ))}
      </ul>
    </section>
  );
}
