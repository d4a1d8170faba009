// Flink clusters found in the targets' namespaces that are not tracked — made outside Flink Desk, or whose tracking
// the user stopped — offered with "Track". A namespace full of them shows the first few until asked for all.
import { useState } from 'react';
import type { FlinkClusterView } from '../../../../shared/contracts/deploy';
import { Button } from '../../components/Button';

export const trackedIdOf = (c: Pick<FlinkClusterView, 'context' | 'namespace' | 'clusterId'>) =>
  `kube:${c.context}/${c.namespace}/${c.clusterId}`;

const FEW = 5;

export function OfferedClusters({ offered, onTrack }: { offered: FlinkClusterView[]; onTrack: (c: FlinkClusterView) => Promise<void> }) {
  const [busy, setBusy] = useState<string>();
  const [all, setAll] = useState(false);
  if (offered.length === 0) return null;
  const shown = all ? offered : offered.slice(0, FEW);
  return (
    <div className="tracked-offered" role="region" aria-label="Found, not tracked">
      <p className="tracked-offered-title">
        <strong>Found in your namespaces, not tracked ({offered.length})</strong>
        <span className="muted"> · Flink Desk follows a cluster once you track it.</span>
      </p>
      <ul>
        {shown.map((c) => {
          const id = trackedIdOf(c);
          return (
            <li key={id}>
              <code>{c.clusterId}</code>
              <span className={`kind-pill kind-pill-sm kind-${c.mode === 'session' ? 'session-cluster' : 'application'}`}>
                {c.mode === 'session' ? 'Session cluster' : c.mode === 'application' ? 'Application' : 'Cluster'}
              </span>
              <span className="muted">
                {c.namespace} · {c.context}
              </span>
              {!c.madeByFlinkDesk && <span className="outside-tag">made outside Flink Desk</span>}
              <Button
                className="btn-sm"
                busy={busy === id}
                disabled={busy !== undefined}
                aria-label={`Track ${c.clusterId} in ${c.context} / ${c.namespace}`}
                onClick={() => {
                  setBusy(id);
                  void onTrack(c).finally(() => setBusy(undefined));
                }}
              >
                Track
              </Button>
            </li>
          );
        })}
      </ul>
      {offered.length > FEW && (
        <button type="button" className="btn btn-ghost btn-sm" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${offered.length}`}
        </button>
      )}
    </div>
  );
}
