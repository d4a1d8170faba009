// Jobs: every Flink job and cluster Flink Desk deploys and tracks.
import { Card } from '../components/Card';
import { EmptyState } from '../components/EmptyState';
import { JobsIcon } from '../components/Icons';
import { PageHeader } from '../components/PageHeader';

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
