// The Flink clusters found in the targets' namespaces: per-namespace problems, "no namespace to look in", a loading
// line, "none runs", or the table of them.
import type { ClusterListResult, FlinkClusterView } from '../../../../shared/contracts/deploy';
import type { AppError } from '../../../../shared/errors';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { ClustersIcon } from '../../components/Icons';
import { ClusterRow } from './ClusterRow';

export function FlinkClustersCard({
  clusters,
  error,
  now,
  onRetry,
  onDelete,
}: {
  clusters: ClusterListResult | undefined;
  error: AppError | undefined;
  now: number;
  onRetry: () => void;
  onDelete: (cluster: FlinkClusterView) => void;
}) {
  const noTargets = error?.code === 'invalid-input';
  return (
    <Card
      id="flink-clusters"
      title="Flink clusters"
      description="Every Flink native-Kubernetes cluster in the namespaces of your targets, including ones made with Flink’s own CLI or another tool."
    >
      {clusters?.problems.map((p) => (
        <Banner
          key={`${p.context}/${p.namespace}`}
          tone="warn"
          title={`${p.context} / ${p.namespace}: ${p.message}`}
          {...(p.hint ? { hint: p.hint } : {})}
        />
      ))}
      {error && !noTargets && (
        <Banner tone="danger" title={`The clusters could not be listed: ${error.message}`} {...(error.hint ? { hint: error.hint } : {})}>
          <Button onClick={onRetry}>Retry</Button>
        </Banner>
      )}
      {noTargets && (
        <EmptyState icon={<ClustersIcon />} title="No namespace to look in">
          <p>Flink clusters are listed from the namespaces of your targets. Add one on the Clusters page.</p>
          <p className="empty-actions">
            <a className="btn" href="#/clusters">
              Go to Clusters
            </a>
          </p>
        </EmptyState>
      )}
      {!clusters && !error && (
        <div role="status" className="loading-label">
          <span className="spinner" aria-hidden /> Looking for Flink clusters…
        </div>
      )}
      {clusters && clusters.clusters.length === 0 && (
        <p className="muted empty-inline">
          No Flink cluster runs in {clusters.problems.length ? 'the namespaces that answered' : 'your target namespaces'}.
        </p>
      )}
      {clusters && clusters.clusters.length > 0 && (
        <div className="table-scroll">
          <table className="data-table clusters-table" aria-label="Flink clusters">
            <thead>
              <tr>
                <th scope="col">Cluster id</th>
                <th scope="col">Mode</th>
                <th scope="col">Namespace</th>
                <th scope="col">JobManager</th>
                <th scope="col">Rest service</th>
                <th scope="col">Image</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {clusters.clusters.map((c) => (
                <ClusterRow key={`${c.context}/${c.namespace}/${c.clusterId}`} cluster={c} now={now} onDelete={() => onDelete(c)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
