// The job form's Kubernetes section: where it runs (context, namespace, cluster id, service account), the rest
// exposed type with what each needs from the network, and labels, annotations, node selector, tolerations, env, secrets.
import type { KubeContextInfo, KubeTarget } from '../../../shared/contracts/kube';
import { ChoiceCards, FormSection, SelectField, SubHeading, TextField } from './form-controls';
import { clusterIdFrom, type ExposedType } from './job-form';
import { EnvEditor, KeyValueEditor, SecretsEditor, TolerationsEditor } from './RowsEditor';
import { sectionPaths, type SectionProps } from './section-props';

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
