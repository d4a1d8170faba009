// Clusters: kubeconfig contexts, targets, connectivity and RBAC.
import { Card } from '../components/Card';
import { EmptyState } from '../components/EmptyState';
import { ClustersIcon } from '../components/Icons';
import { PageHeader } from '../components/PageHeader';

export function ClustersPage() {
  return (
    <div className="page">
      <PageHeader title="Clusters" description="Kubernetes clusters and namespaces Flink Desk deploys to, from your kubeconfig." />
      <Card>
        <EmptyState icon={<ClustersIcon />} title="No cluster targets yet">
          <p>
            This page will list the contexts of your kubeconfig (~/.kube/config and every file in KUBECONFIG) and let you pick the context
            and namespace pairs to work with — several at once.
          </p>
          <ul>
            <li>Connectivity check like kubectl cluster-info: server version, round-trip time, who you are</li>
            <li>RBAC preflight for you and for Flink’s service account, as an allowed/denied matrix</li>
            <li>One-click grant of the Role Flink needs, with the YAML shown first</li>
          </ul>
        </EmptyState>
      </Card>
    </div>
  );
}
