// What the Jobs page's list shows, kept current: the saved jobs (again on jobs.changed) and the Flink clusters in the
// targets' namespaces (again when a deploy ends). A reconnect reads both again.
import { useCallback, useEffect, useState } from 'react';
import type { ClusterListResult, SavedJobView } from '../../../../shared/contracts/deploy';
import { AppError } from '../../../../shared/errors';
import { api, onReconnect } from '../../api/client';

export const asAppError = (e: unknown) => (e instanceof AppError ? e : new AppError({ code: 'internal', message: String(e) }));

export interface JobsListData {
  jobs: SavedJobView[] | undefined;
  jobsError: AppError | undefined;
  clusters: ClusterListResult | undefined;
  clustersError: AppError | undefined;
  /** A listing asked for with "Refresh" is under way. */
  loadingClusters: boolean;
  /** Ticks every 30 s, for the "… ago" texts. */
  now: number;
  loadJobs: () => void;
  loadClusters: () => void;
  refresh: () => void;
}

export function useJobsList(): JobsListData {
  const [jobs, setJobs] = useState<SavedJobView[]>();
  const [jobsError, setJobsError] = useState<AppError>();
  const [clusters, setClusters] = useState<ClusterListResult>();
  const [clustersError, setClustersError] = useState<AppError>();
  const [loadingClusters, setLoadingClusters] = useState(false);
  const [now, setNow] = useState(() => Date.now());

  const loadJobs = useCallback(() => {
    api.invoke('jobs.list').then(
      (j) => {
        setJobs(j);
        setJobsError(undefined);
      },
      (e: unknown) => setJobsError(asAppError(e)),
    );
  }, []);
  // The first listing shows its own loading line; "Refresh" shows on its button.
  const loadClusters = useCallback(() => {
    api
      .invoke('clusters.list')
      .then(
        (c) => {
          setClusters(c);
          setClustersError(undefined);
        },
        (e: unknown) => setClustersError(asAppError(e)),
      )
      .finally(() => setLoadingClusters(false));
  }, []);
  const refresh = () => {
    setLoadingClusters(true);
    loadJobs();
    loadClusters();
  };
  useEffect(() => {
    loadJobs();
    loadClusters();
    const offJobs = api.on('jobs.changed', loadJobs);
    // A deploy that ends changes what runs: the clusters are listed again.
    const offOp = api.on('op', (ev) => {
      if ((ev.type === 'done' || ev.type === 'error') && ev.snapshot.kind === 'deploy') loadClusters();
    });
    const offReconnect = onReconnect(() => (loadJobs(), loadClusters()));
    const tick = setInterval(() => setNow(Date.now()), 30_000);
    return () => {
      offJobs();
      offOp();
      offReconnect();
      clearInterval(tick);
    };
  }, [loadJobs, loadClusters]);

  return { jobs, jobsError, clusters, clustersError, loadingClusters, now, loadJobs, loadClusters, refresh };
}
