// The job form's first section: the job itself — its name, where it is submitted (a new application cluster, or a
// session cluster by REST URL or cluster id), the artifact, entry class, parallelism, program arguments, and the
// savepoint it starts from with its restore mode.
import { FormSection, SelectField, StackField, SubHeading, TextField, fid } from './form-controls';
import { argLines } from './job-form';
import { sectionPaths, type SectionProps } from './section-props';

export function JobSection({ ctl, problems }: SectionProps) {
  const f = ctl.form;
  const hasJob = f.kind !== 'session-cluster';
  /** An application on a prebuilt image names the jar's path in it; built on a base, the jar is this machine's. */
  const jarInImage = f.kind === 'application' && f.imageSource === 'ref';
  const e = ctl.errors;
  return (
    <FormSection
      id="section-job"
      title={f.kind === 'session-cluster' ? 'Session cluster' : 'Job'}
      description={
        f.kind === 'application'
          ? 'What runs: the jar inside the image, its main class and arguments, and the savepoint to start from.'
          : f.kind === 'session-job'
            ? 'The jar to submit, where to submit it, and how it starts.'
            : 'A long-running cluster; jobs are submitted to it afterwards.'
      }
      problems={problems(sectionPaths.job!)}
    >
      <div className="jf-grid">
        <TextField
          ctl={ctl}
          path="metadata.name"
          k="name"
          label="Name"
          help="How Flink Desk calls this job: lowercase letters, digits, “-” and “.”."
          placeholder={f.kind === 'session-cluster' ? 'shared-session' : 'orders-enrichment'}
          mono
        />
        {f.kind === 'session-job' && (
          <>
            <SelectField
              ctl={ctl}
              path="spec.session.target"
              label="Submit to"
              value={f.sessionTarget}
              onChange={(v) => ctl.set({ sessionTarget: v })}
              options={[
                { value: 'restUrl', label: 'A session cluster by REST URL' },
                { value: 'clusterId', label: 'A session cluster on Kubernetes' },
              ]}
            />
            {f.sessionTarget === 'restUrl' ? (
              <TextField
                ctl={ctl}
                path="spec.session.restUrl"
                k="sessionRestUrl"
                label="REST URL"
                placeholder="http://127.0.0.1:8081"
                help="The JobManager’s REST address, as its Web UI is reached."
                mono
              />
            ) : (
              <TextField
                ctl={ctl}
                path="spec.session.clusterId"
                k="sessionClusterId"
                label="Session cluster id"
                placeholder="shared-session"
                help="Deploying to it by id needs its REST address: give the REST URL for now."
                mono
              />
            )}
          </>
        )}
        {hasJob && (
          <>
            <TextField
              ctl={ctl}
              path="spec.artifact.jar"
              k="jar"
              label={jarInImage ? 'Jar inside the image' : 'Jar on this machine'}
              placeholder={jarInImage ? '/opt/flink/usrlib/job.jar' : '/home/me/project/target/job.jar'}
              help={
                jarInImage
                  ? 'An absolute path in the image (Flink runs it as local://…), or a URI Flink can fetch.'
                  : f.kind === 'application'
                    ? 'The full path; the image build puts the jar into the image on the base.'
                    : 'The full path; the jar is uploaded to the session cluster, run, then deleted from it.'
              }
              span={2}
              mono
            />
            <TextField
              ctl={ctl}
              path="spec.job.entryClass"
              k="entryClass"
              label="Entry class"
              placeholder="com.example.StreamingJob"
              help="Leave empty when the jar’s manifest names it."
              optional
              mono
            />
            <TextField
              ctl={ctl}
              path="spec.job.parallelism"
              k="parallelism"
              label="Parallelism"
              placeholder="from the cluster"
              help="parallelism.default"
              optional
            />
            <StackField
              id={fid('spec.job.args')}
              label="Program arguments"
              help="One argument per line, passed as they are (no shell quoting)."
              error={
                e.under('spec.job.args').map(([p, m]) => (p === 'spec.job.args' ? m : `line ${Number(p.split('.').pop()) + 1}: ${m}`))[0]
              }
              optional
            >
              <textarea
                id={fid('spec.job.args')}
                className="textarea mono"
                rows={Math.min(6, Math.max(2, argLines(f.args).length + 1))}
                spellCheck={false}
                placeholder={'--input\nkafka://orders'}
                value={f.args}
                onChange={(ev) => ctl.set({ args: ev.target.value })}
                onBlur={() => e.reveal('spec.job.args')}
              />
            </StackField>
            <SubHeading help="Start from a savepoint or a retained checkpoint; leave the path empty to start fresh.">Restore</SubHeading>
            <TextField
              ctl={ctl}
              path="spec.job.savepoint.path"
              k="savepointPath"
              label="Savepoint path"
              placeholder="s3://bucket/savepoints/savepoint-1a2b3c"
              span={2}
              optional
              mono
            />
            <SelectField
              ctl={ctl}
              path="spec.job.savepoint.restoreMode"
              label="Restore mode"
              value={f.restoreMode}
              onChange={(v) => ctl.set({ restoreMode: v })}
              help={
                f.restoreMode === 'CLAIM'
                  ? 'Flink takes ownership of the snapshot and may delete it.'
                  : f.restoreMode === 'LEGACY'
                    ? 'The pre-1.15 behaviour (deprecated).'
                    : 'The snapshot stays yours; Flink makes a full checkpoint first.'
              }
              options={[
                { value: '', label: 'Flink’s default (NO_CLAIM)' },
                { value: 'NO_CLAIM', label: 'NO_CLAIM' },
                { value: 'CLAIM', label: 'CLAIM' },
                { value: 'LEGACY', label: 'LEGACY' },
              ]}
            />
            <label className="check span-3">
              <input
                type="checkbox"
                checked={f.allowNonRestoredState}
                onChange={(ev) => ctl.set({ allowNonRestoredState: ev.target.checked })}
              />
              <span>
                Allow non-restored state
                <span className="check-help">
                  Skip state in the savepoint that no operator of the new job claims (after removing an operator).
                </span>
              </span>
            </label>
          </>
        )}
      </div>
    </FormSection>
  );
}
