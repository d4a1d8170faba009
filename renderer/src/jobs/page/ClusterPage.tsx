// A tracked job's page (#/jobs/tracked/<id>[/<jobId>]): its state with the evidence and what is wrong, the state
// history, charts over the time the page is open, checkpoints and exceptions, the Kubernetes events, the logs, and
// the operations. A session cluster's page lists its jobs, each with a page of its own.
import { useState } from 'react';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { Loading } from '../../components/Loading';
import { Segmented } from '../../components/Segmented';
import { useSettings } from '../../state/settings';
import { goTo } from '../jobs-route';
import { EvidenceView } from '../tracked/EvidenceView';
import { StateBadge } from '../tracked/StateBadge';
import { StateHistory } from '../tracked/StateHistory';
import { FlinkUiPanel } from '../webui/FlinkUiPanel';
import { CheckpointsTab } from './CheckpointsTab';
import { DiagnosisPanel } from './DiagnosisPanel';
import { EventsTab } from './EventsTab';
import { JobActions, type Asking } from './JobActions';
import { LogsTab } from './LogsTab';
import { MetricCharts } from './MetricCharts';
import { useClusterSamples, useJobSamples } from './use-job-samples';
import { useTrackedCluster } from './use-tracked-cluster';
import './page.css';

type Tab = 'overview' | 'webui' | 'checkpoints' | 'events' | 'logs';

export function ClusterPage({ id, jobId: givenJob }: { id: string; jobId?: string }) {
  const { saved } = useSettings();
  const statusMs = (saved?.['flink-k8s.tracking.polling-interval-sec.job-status'] ?? 5) * 1000;
  const { cluster, missing, error } = useTrackedCluster(id, statusMs);
  const [tab, setTab] = useState<Tab>('overview');
  const [asking, setAsking] = useState<Asking>();
  const jobId = givenJob ?? (cluster?.mode !== 'session' ? cluster?.jobs[0]?.id : undefined);
  const restUrl = cluster?.access?.restUrl ?? (cluster?.ref.kind === 'rest' ? cluster.ref.restUrl : undefined);
  const { detail, error: restError, samples } = useJobSamples(jobId ? restUrl : undefined, jobId, statusMs);
  const clusterSamples = useClusterSamples(cluster?.metrics);

  if (missing)
    return (
      <div className="page">
        <Banner
          tone="warn"
          title={`Nothing tracked has the id ${id}`}
          hint="It may have been untracked; the Jobs page lists what is tracked"
        >
          <Button onClick={() => goTo({ view: 'list' })}>Back to jobs</Button>
        </Banner>
      </div>
    );
  if (!cluster)
    return <div className="page">{error ? <Banner tone="danger" title={error} /> : <Loading label="Reading the job…" rows={5} />}</div>;

  const job = jobId ? cluster.jobs.find((j) => j.id === jobId) : undefined;
  const state = job?.state ?? cluster.state;
  const title = givenJob
    ? (job?.name ?? givenJob)
    : (cluster.jobName ?? (cluster.ref.kind === 'kube' ? cluster.ref.clusterId : cluster.id));
  const where =
    cluster.ref.kind === 'kube' ? `${cluster.ref.context} / ${cluster.ref.namespace} / ${cluster.ref.clusterId}` : cluster.ref.restUrl;
  const stateKey = `${state.state}|${state.since}`;

  return (
    <div className="page cluster-page">
      <nav className="crumbs" aria-label="Breadcrumb">
        <a href="#/jobs">Jobs</a>
        {givenJob && (
          <>
            {' '}
            /{' '}
            <a href={`#/jobs/tracked/${encodeURIComponent(id)}`}>
              {cluster.ref.kind === 'rest' ? `Session cluster ${cluster.ref.restUrl.replace(/^https?:\/\//, '')}` : cluster.ref.clusterId}
            </a>
          </>
        )}
      </nav>
      <header className="cluster-head">
        <div>
          <h1 tabIndex={-1}>{title}</h1>
          <p className="muted">
            {cluster.mode === 'application' ? 'Application cluster' : givenJob ? 'Job on a session cluster' : 'Session cluster'} · {where}
            {cluster.access?.via && cluster.access.restUrl ? ` · reached by ${cluster.access.via}` : ''}
          </p>
        </div>
        <div className="cluster-state">
          <StateBadge state={state} />
          <span className="muted">{state.source === 'flink' ? 'as Flink reports it' : 'inferred by Flink Desk'}</span>
        </div>
      </header>
      {cluster.access?.problem && <Banner tone="warn" title={`The REST endpoint cannot be reached: ${cluster.access.problem}`} />}
      {(cluster.mode !== 'session' || givenJob) && (
        <JobActions cluster={cluster} {...(jobId ? { jobId } : {})} asking={asking} setAsking={setAsking} />
      )}
      {cluster.ref.kind === 'kube' && (
        <DiagnosisPanel
          id={id}
          stateKey={stateKey}
          {...(cluster.jobName ? { jobName: cluster.jobName } : {})}
          onDeleteWithHa={() => setAsking('delete')}
        />
      )}

      <Segmented<Tab>
        id="cluster-tab"
        label="Show"
        value={tab}
        onChange={setTab}
        options={[
          { value: 'overview', label: 'Overview' },
          { value: 'webui', label: 'Flink Web UI' },
          { value: 'checkpoints', label: 'Checkpoints & exceptions' },
          ...(cluster.ref.kind === 'kube'
            ? [
                { value: 'events' as const, label: 'Events' },
                { value: 'logs' as const, label: 'Logs' },
              ]
            : []),
        ]}
      />

      {tab === 'overview' && (
        <div className="page-stack">
          {cluster.mode === 'session' && !givenJob && (
            <section aria-labelledby="jobs-title">
              <h3 id="jobs-title">Jobs on this cluster</h3>
              {cluster.jobs.length === 0 ? (
                <p className="muted">No job has run here since it was tracked.</p>
              ) : (
                <ul className="session-jobs">
                  {cluster.jobs.map((j) => (
                    <li key={j.id}>
                      <a href={`#/jobs/tracked/${encodeURIComponent(id)}/${j.id}`}>{j.name || j.id}</a> <StateBadge state={j.state} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )}
          <div className="overview-grid">
            <section aria-labelledby="evidence-title">
              <h3 id="evidence-title">Why this state</h3>
              <EvidenceView state={state} offsetMs={0} />
            </section>
            <section aria-labelledby="history-title">
              <h3 id="history-title">State history</h3>
              <StateHistory id={id} {...(givenJob ? { jobId: givenJob } : {})} stateKey={stateKey} />
            </section>
          </div>
          {restError && jobId && <p className="muted">{restError}</p>}
          {jobId || cluster.metrics ? (
            <MetricCharts cluster={clusterSamples} job={samples} {...(detail ? { detail } : {})} />
          ) : (
            <p className="muted">The charts start once Flink’s REST endpoint answers and a job runs.</p>
          )}
        </div>
      )}
      {tab === 'webui' && <FlinkUiPanel id={id} />}
      {tab === 'checkpoints' && <CheckpointsTab {...(detail ? { detail } : {})} {...(restError ? { error: restError } : {})} />}
      {tab === 'events' && <EventsTab id={id} />}
      {tab === 'logs' && <LogsTab id={id} />}
    </div>
  );
}
