// Registry: the remote Docker registry, its verification and pull secrets.
import { Card } from '../components/Card';
import { EmptyState } from '../components/EmptyState';
import { RegistryIcon } from '../components/Icons';
import { PageHeader } from '../components/PageHeader';

export function RegistryPage() {
  return (
    <div className="page">
      <PageHeader title="Registry" description="The remote Docker registry that job images are pushed to and pulled from." />
      <Card>
        <EmptyState icon={<RegistryIcon />} title="No registry configured yet">
          <p>
            Here you will set the registry address, user and password (stored encrypted, never shown back) and verify them the way a careful
            operator would:
          </p>
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
