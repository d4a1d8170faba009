// Pages whose features come in later issues: each says what will be there, never a blank page.
import { Card } from '../components/Card';
import { EmptyState } from '../components/EmptyState';
import { ClustersIcon, JobsIcon, RegistryIcon } from '../components/Icons';
import { PageHeader } from '../components/PageHeader';

export function ClustersPage() {
  return (
    <div className="page">
      <PageHeader title="Clusters" description="Kubernetes clusters and namespaces Flink Desk deploys to, from your kubeconfig." />
      <Card>
        <EmptyState icon={<ClustersIcon />} title="No cluster targets yet">
          <p>This page will list the contexts of your kubeconfig (~/.kube/config and every file in KUBECONFIG) and let you pick the context and namespace pairs to work with — several at once.</p>
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

export function RegistryPage() {
  return (
    <div className="page">
      <PageHeader title="Registry" description="The remote Docker registry that job images are pushed to and pulled from." />
      <Card>
        <EmptyState icon={<RegistryIcon />} title="No registry configured yet">
          <p>Here you will set the registry address, user and password (stored encrypted, never shown back) and verify them the way a careful operator would:</p>
          <ul>
            <li>Log in, push a tiny probe image, pull it back, clean up — each step with its result and a hint</li>
            <li>Create the image pull secret in the namespaces you deploy to</li>
            <li>Import credentials from ~/.docker/config.json</li>
          </ul>
        </EmptyState>
      </Card>
    </div>
  );
}

export function JobsPage() {
  return (
    <div className="page">
      <PageHeader title="Jobs" description="Flink jobs and clusters on Kubernetes, in Application and Session mode." />
      <Card>
        <EmptyState icon={<JobsIcon />} title="No jobs yet">
          <p>Jobs you deploy will be listed here with their live state, tracked in the background even across restarts of Flink Desk.</p>
          <ul>
            <li>Build a jar or a Maven project into an image FROM a Flink base image and push it</li>
            <li>Deploy an Application cluster or a Session cluster, or submit to a running session</li>
            <li>Open the Flink Web UI, take savepoints, stop, cancel, restart — with logs and Kubernetes events</li>
          </ul>
        </EmptyState>
      </Card>
    </div>
  );
}
