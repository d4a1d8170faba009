// The job page's image builds: "Build image", the build shown (the one just started, the one picked in the list, or
// the newest; kept across a reload) and the job's last builds.
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { BuildHistory } from './BuildHistory';
import { useSelectedBuild } from './build-selection';
import { BuildView } from './BuildView';
import { useJobBuilds } from './use-job-builds';
import { useNow } from './use-now';

export function JobBuilds({
  job,
  target,
  onBuild,
  building,
  disabled,
}: {
  /** The saved job; none for a new one (building saves it). */
  job: string | undefined;
  /** Where the image goes and what it is built FROM, for the description. */
  target: { repository: string; base: string };
  onBuild: () => void;
  building: boolean;
  disabled: boolean;
}) {
  const { builds, error } = useJobBuilds(job);
  const [chosen, choose] = useSelectedBuild(job);
  const now = useNow(true, 30_000);
  const shown = builds?.some((b) => b.opId === chosen) ? chosen : builds?.[0]?.opId;
  const running = builds?.some((b) => b.outcome === 'running') ?? false;
  const shownRecord = builds?.find((b) => b.opId === shown);

  return (
    <section className="card job-builds" aria-labelledby="job-builds-title">
      <div className="job-builds-head">
        <div>
          <h2 id="job-builds-title">Image build</h2>
          <p className="muted">
            Builds the job into an image <code>FROM {target.base || '<base image>'}</code> and pushes it as{' '}
            <code>{target.repository}:&lt;content hash&gt;</code>; the same inputs again reuse the image.
          </p>
        </div>
        <Button variant="primary" onClick={onBuild} busy={building} disabled={disabled || running}>
          {builds?.length ? 'Build again' : 'Build image'}
        </Button>
      </div>
      {error && (
        <Banner tone="danger" title="The job’s builds could not be read" hint="They are read again when the connection is back.">
          {error}
        </Banner>
      )}
      {builds && builds.length === 0 && (
        <p className="job-builds-empty">
          No builds yet. <strong>Build image</strong> saves the job as a new version, builds its jar with Maven (or takes the jar you
          named), and pushes the image; its steps and log show here while it runs.
        </p>
      )}
      {builds && builds.length > 0 && shown && (
        <div className="job-builds-body">
          <BuildView key={shown} opId={shown} {...(shownRecord ? { record: shownRecord } : {})} />
          <BuildHistory builds={builds} selected={shown} onSelect={choose} now={now} />
        </div>
      )}
    </section>
  );
}
