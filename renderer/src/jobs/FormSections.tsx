// The job form's sections, grouped the way Flink users think: the job itself, the image, resources, where on
// Kubernetes it runs (with what each rest exposed type needs from the network), and Flink's own configuration.
// Pod templates have their own file (PodTemplatesSection).
import type { KubeContextInfo, KubeTarget } from '../../../shared/contracts/kube';
import { Button } from '../components/Button';
import { ChoiceCards, FormSection, SelectField, StackField, SubHeading, TextField, fid, type FormCtl } from './form-controls';
import { argLines, clusterIdFrom, flinkVersionChoices, type ExposedType, type JobForm } from './job-form';
import { EnvEditor, KeyValueEditor, SecretsEditor, TolerationsEditor } from './RowsEditor';

export interface SectionProps {
  ctl: FormCtl;
  problems: (prefixes: string[]) => number;
}

export const sectionPaths: Record<string, string[]> = {
  job: ['metadata', 'spec.job', 'spec.artifact', 'spec.session', 'spec.dependencies', '(document)'],
  image: ['spec.image', 'spec.flinkVersion'],
  resources: [
    'spec.jobManager.cpu',
    'spec.jobManager.memory',
    'spec.jobManager.replicas',
    'spec.taskManager.cpu',
    'spec.taskManager.memory',
    'spec.taskManager.slots',
  ],
  kubernetes: [
    'spec.context',
    'spec.namespace',
    'spec.clusterId',
    'spec.serviceAccount',
    'spec.rest',
    'spec.labels',
    'spec.annotations',
    'spec.nodeSelector',
    'spec.tolerations',
    'spec.env',
    'spec.secrets',
    'spec.mode',
  ],
  flink: ['spec.flinkConfiguration'],
  templates: ['spec.podTemplate', 'spec.jobManager.podTemplate', 'spec.taskManager.podTemplate'],
};

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

const baseImages = ['flink:1.20', 'flink:1.20-java17', 'flink:1.19', 'flink:1.18', 'flink:2.0', 'flink:2.1', 'flink:2.1-java21'];

export function ImageSection({ ctl, problems, registry }: SectionProps & { registry?: { address: string; namespace: string } }) {
  const f = ctl.form;
  const proposed =
    registry?.address && (f.clusterId || f.name)
      ? `${registry.address}/${registry.namespace}/${clusterIdFrom(f.clusterId || f.name)}:latest`
      : undefined;
  return (
    <FormSection
      id="section-image"
      title="Image"
      description="The container image the JobManager and TaskManagers run."
      problems={problems(sectionPaths.image!)}
    >
      <div className="jf-grid">
        <SelectField
          ctl={ctl}
          path="spec.flinkVersion"
          label="Flink version"
          value={f.flinkVersion}
          onChange={(v) => ctl.set({ flinkVersion: v })}
          help="Decides the configuration keys and file Flink Desk writes (flink-conf.yaml up to 1.20, config.yaml for 2.x)."
          options={flinkVersionChoices.map((v) => ({ value: v, label: `Flink ${v}` }))}
        />
        <SelectField
          ctl={ctl}
          path="spec.image.source"
          label="Image"
          value={f.imageSource}
          onChange={(v) => ctl.set({ imageSource: v })}
          options={[
            { value: 'ref', label: 'A prebuilt image' },
            { value: 'base', label: f.kind === 'session-cluster' ? 'A Flink base image' : 'Build on a Flink base image' },
          ]}
        />
        <SelectField
          ctl={ctl}
          path="spec.image.pullPolicy"
          label="Pull policy"
          value={f.pullPolicy}
          onChange={(v) => ctl.set({ pullPolicy: v })}
          options={[
            { value: '', label: 'Flink’s default (IfNotPresent)' },
            { value: 'IfNotPresent', label: 'IfNotPresent' },
            { value: 'Always', label: 'Always' },
            { value: 'Never', label: 'Never' },
          ]}
        />
        {f.imageSource === 'ref' ? (
          <StackField
            id={fid('spec.image.ref')}
            label="Image reference"
            span={3}
            error={ctl.errors.error('spec.image.ref') ?? ctl.errors.error('spec.image')}
            help={
              <>
                {f.kind === 'application' ? 'An image with the job’s jar in it. ' : 'A Flink image. '}
                {proposed && f.imageRef !== proposed && (
                  <Button variant="ghost" className="btn-link" onClick={() => ctl.set({ imageRef: proposed })}>
                    Use {proposed}
                  </Button>
                )}
              </>
            }
          >
            <input
              id={fid('spec.image.ref')}
              className="input mono wide"
              spellCheck={false}
              autoComplete="off"
              placeholder="registry.example.com/streamx/orders:1.0"
              value={f.imageRef}
              aria-invalid={ctl.errors.error('spec.image.ref') || ctl.errors.error('spec.image') ? true : undefined}
              aria-describedby={`${fid('spec.image.ref')}-error`}
              onChange={(ev) => ctl.set({ imageRef: ev.target.value })}
              onBlur={() => (ctl.errors.reveal('spec.image.ref'), ctl.errors.reveal('spec.image'))}
            />
          </StackField>
        ) : (
          <TextField
            ctl={ctl}
            path="spec.image.base"
            k="imageBase"
            label="Base image"
            span={3}
            list="flink-base-images"
            placeholder="flink:1.20"
            mono
            help={
              f.kind === 'session-cluster'
                ? 'The session cluster runs this image as it is.'
                : 'Flink Desk will build the job’s image on it and push it to your registry; until the image build arrives, deploy needs a prebuilt image.'
            }
          />
        )}
        <datalist id="flink-base-images">
          {baseImages.map((b) => (
            <option key={b} value={b} />
          ))}
        </datalist>
        <TextField
          ctl={ctl}
          path="spec.image.pullSecrets"
          k="pullSecrets"
          label="Image pull secrets"
          placeholder="registry-credentials"
          help="Secret names, separated by commas (the Registry page creates one)."
          span={3}
          optional
          mono
        />
      </div>
    </FormSection>
  );
}

export function ResourcesSection({ ctl, problems }: SectionProps) {
  const memoryHelp = 'Flink’s total process memory: 1600m, 2g, 2048 MiB, 2Gi…';
  return (
    <FormSection
      id="section-resources"
      title="Resources"
      description="What the JobManager and each TaskManager request from Kubernetes; memory is Flink’s total process size."
      problems={problems(sectionPaths.resources!)}
    >
      <div className="jf-grid">
        <SubHeading>JobManager</SubHeading>
        <TextField ctl={ctl} path="spec.jobManager.cpu" k="jmCpu" label="CPU" placeholder="1" suffix="cores" help="1, 0.5 or 500m" />
        <TextField ctl={ctl} path="spec.jobManager.memory" k="jmMemory" label="Memory" placeholder="1600m" help={memoryHelp} />
        <TextField
          ctl={ctl}
          path="spec.jobManager.replicas"
          k="jmReplicas"
          label="Replicas"
          placeholder="1"
          help="More than one needs high availability."
        />
        <SubHeading>TaskManager</SubHeading>
        <TextField ctl={ctl} path="spec.taskManager.cpu" k="tmCpu" label="CPU" placeholder="1" suffix="cores" help="Per TaskManager." />
        <TextField ctl={ctl} path="spec.taskManager.memory" k="tmMemory" label="Memory" placeholder="1728m" help={memoryHelp} />
        <TextField
          ctl={ctl}
          path="spec.taskManager.slots"
          k="tmSlots"
          label="Task slots"
          placeholder="1"
          help="taskmanager.numberOfTaskSlots"
        />
      </div>
    </FormSection>
  );
}

const exposed: { value: ExposedType; title: string; description: string }[] = [
  { value: 'ClusterIP', title: 'ClusterIP', description: 'Requires Flink Desk to reach the Kubernetes internal network directly.' },
  {
    value: 'LoadBalancer',
    title: 'LoadBalancer',
    description: 'Requires Kubernetes to provide the LoadBalancer in advance, and Flink Desk to reach that gateway.',
  },
  { value: 'NodePort', title: 'NodePort', description: 'Requires Flink Desk to connect to all Kubernetes nodes directly.' },
];

export function KubernetesSection({
  ctl,
  problems,
  contexts,
  targets,
}: SectionProps & { contexts: KubeContextInfo[] | undefined; targets: KubeTarget[] | undefined }) {
  const f = ctl.form;
  const sessionJob = f.kind === 'session-job';
  const known = contexts?.some((c) => c.name === f.context);
  const nsChoices = [...new Set((targets ?? []).filter((t) => t.context === f.context).map((t) => t.namespace))];
  return (
    <FormSection
      id="section-kubernetes"
      title="Kubernetes"
      description="Where the cluster runs, how its REST endpoint is reached, and what its pods get."
      problems={problems(sectionPaths.kubernetes!)}
    >
      <div className="jf-grid">
        <SelectField
          ctl={ctl}
          path="spec.context"
          label="Context"
          value={f.context}
          onChange={(v) => {
            const t = targets?.find((x) => x.context === v);
            ctl.set({ context: v, ...(t ? { namespace: t.namespace, serviceAccount: t.serviceAccount } : {}) });
          }}
          help={contexts && !contexts.length ? 'No kubeconfig context found: see the Clusters page.' : 'From your kubeconfig.'}
          options={[
            { value: '', label: contexts === undefined ? 'Loading…' : 'Choose a context' },
            ...(f.context && !known ? [{ value: f.context, label: `${f.context} (not in your kubeconfig)` }] : []),
            ...(contexts ?? []).map((c) => ({ value: c.name, label: c.name })),
          ]}
        />
        <TextField
          ctl={ctl}
          path="spec.namespace"
          k="namespace"
          label="Namespace"
          list="job-namespaces"
          placeholder="default"
          help={nsChoices.length ? `Targets: ${nsChoices.join(', ')}` : 'Add it as a target on the Clusters page to check its RBAC.'}
          mono
        />
        <datalist id="job-namespaces">
          {nsChoices.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        {!sessionJob && (
          <TextField
            ctl={ctl}
            path="spec.clusterId"
            k="clusterId"
            label="Cluster id"
            placeholder={f.name ? clusterIdFrom(f.name) : 'orders'}
            help="kubernetes.cluster-id: names the Deployment and Services; at most 45 characters."
            mono
          />
        )}
        {!sessionJob && (
          <>
            <TextField
              ctl={ctl}
              path="spec.serviceAccount"
              k="serviceAccount"
              label="Service account"
              placeholder="default"
              help="The JobManager creates TaskManager pods with it."
              optional
              mono
            />
            <div className="span-3">
              <ChoiceCards<ExposedType>
                name="exposed-type"
                label="REST service exposed type"
                value={f.exposedType}
                onChange={(v) => ctl.set({ exposedType: v })}
                options={exposed.map((x) => ({ ...x, description: x.description }))}
              />
            </div>
            <KeyValueEditor
              ctl={ctl}
              path="spec.rest.annotations"
              label="REST service annotations"
              help="For a cloud load balancer’s settings, for example."
              rows={f.restAnnotations}
              onChange={(r) => ctl.set({ restAnnotations: r })}
              addLabel="Add annotation"
            />
            <SubHeading help="Set on the JobManager and TaskManager pods.">Pods</SubHeading>
            <KeyValueEditor
              ctl={ctl}
              path="spec.labels"
              label="Labels"
              rows={f.labels}
              onChange={(r) => ctl.set({ labels: r })}
              addLabel="Add label"
            />
            <KeyValueEditor
              ctl={ctl}
              path="spec.annotations"
              label="Annotations"
              rows={f.annotations}
              onChange={(r) => ctl.set({ annotations: r })}
              addLabel="Add annotation"
            />
            <KeyValueEditor
              ctl={ctl}
              path="spec.nodeSelector"
              label="Node selector"
              rows={f.nodeSelector}
              onChange={(r) => ctl.set({ nodeSelector: r })}
              keyPlaceholder="kubernetes.io/arch"
              valuePlaceholder="amd64"
              addLabel="Add selector"
            />
            <TolerationsEditor ctl={ctl} rows={f.tolerations} onChange={(r) => ctl.set({ tolerations: r })} />
            <EnvEditor ctl={ctl} rows={f.env} onChange={(r) => ctl.set({ env: r })} />
            <SecretsEditor ctl={ctl} rows={f.secrets} onChange={(r) => ctl.set({ secrets: r })} />
          </>
        )}
      </div>
    </FormSection>
  );
}

const commonKeys = [
  'execution.checkpointing.interval',
  'execution.checkpointing.mode',
  'state.backend.type',
  'state.checkpoints.dir',
  'state.savepoints.dir',
  'high-availability.type',
  'high-availability.storageDir',
  'restart-strategy.type',
  'taskmanager.memory.managed.fraction',
  'kubernetes.jobmanager.cpu.limit-factor',
  'kubernetes.taskmanager.cpu.limit-factor',
  'metrics.reporters',
];

export function FlinkConfigSection({ ctl, problems }: SectionProps) {
  return (
    <FormSection
      id="section-flink"
      title="Flink configuration"
      description={
        <>
          Any Flink option, as in <code>{ctl.form.flinkVersion.startsWith('2.') ? 'config.yaml' : 'flink-conf.yaml'}</code>. Options that a
          field above sets (cluster id, image, memory, slots…) are refused here, naming the field to use.
        </>
      }
      problems={problems(sectionPaths.flink!)}
    >
      <div className="jf-grid">
        <KeyValueEditor
          ctl={ctl}
          path="spec.flinkConfiguration"
          label="Options"
          rows={ctl.form.flinkConfiguration}
          onChange={(r) => ctl.set({ flinkConfiguration: r })}
          keyPlaceholder="execution.checkpointing.interval"
          valuePlaceholder="30s"
          addLabel="Add option"
          empty="No options: Flink’s defaults apply."
          datalist="flink-keys"
        />
        <datalist id="flink-keys">
          {commonKeys.map((k) => (
            <option key={k} value={k} />
          ))}
        </datalist>
      </div>
    </FormSection>
  );
}

export type { JobForm };
