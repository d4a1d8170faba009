// The job form's model: a saved spec loaded into the form and written back is the same spec (nothing the user set is
// lost by editing), what the user typed goes out as typed so the server's rule names a bad value, and the three
// kinds of job become the documents the spec schema expects.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkJobDocument, type JobDocument } from '../../../shared/jobs/spec';
import { clusterIdFrom, documentToForm, emptyForm, formToDocument } from '../../../renderer/src/jobs/job-form';

const examples = join(import.meta.dirname, '..', '..', '..', 'resources', 'examples', 'jobs');

function parsed(doc: unknown): JobDocument {
  const r = checkJobDocument(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

describe('job form model', () => {
  it('round-trips the example specs: form → document is the spec that was loaded', () => {
    const template = readFileSync(join(examples, 'pod-template.yaml'), 'utf8');
    for (const file of ['datagen-application.yaml', 'session-cluster.yaml']) {
      const raw = parse(readFileSync(join(examples, file), 'utf8')) as { spec: Record<string, unknown> };
      if (raw.spec.podTemplate) raw.spec.podTemplate = template;
      const doc = parsed(raw);
      expect(parsed(formToDocument(documentToForm(doc))), file).toEqual(doc);
    }
  });

  it('keeps every kind of field: tolerations, env from a Secret, mounted Secrets, savepoint, Flink keys', () => {
    const doc = parsed({
      apiVersion: 'flinkdesk/v1',
      kind: 'FlinkJob',
      metadata: { name: 'orders' },
      spec: {
        mode: 'application',
        context: 'dev',
        namespace: 'flink',
        clusterId: 'orders',
        flinkVersion: '2.1',
        image: { ref: 'registry.example.com/streamx/orders:1', pullPolicy: 'Always', pullSecrets: ['a', 'b'] },
        artifact: { jar: '/opt/flink/usrlib/orders.jar' },
        job: {
          entryClass: 'com.example.Main',
          args: ['--x', 'a b'],
          parallelism: 4,
          savepoint: { path: 's3://b/sp', allowNonRestoredState: true, restoreMode: 'CLAIM' },
        },
        jobManager: {
          cpu: 0.5,
          memory: '2g',
          podTemplate: 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: flink-main-container\n',
        },
        taskManager: { cpu: 2, memory: '4g', slots: 4 },
        rest: { exposedType: 'LoadBalancer', annotations: { 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true' } },
        serviceAccount: 'flink',
        labels: { team: 'data' },
        annotations: { owner: 'me' },
        nodeSelector: { 'kubernetes.io/arch': 'amd64' },
        tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'flink', effect: 'NoExecute', tolerationSeconds: 30 }],
        env: { TZ: 'UTC', TOKEN: { secretKeyRef: { name: 'creds', key: 'token' } } },
        secrets: [{ name: 'creds', mountPath: '/opt/creds' }],
        flinkConfiguration: { 'execution.checkpointing.interval': '30s' },
        dependencies: ['org.example:lib:1.0'],
      },
    });
    expect(parsed(formToDocument(documentToForm(doc)))).toEqual(doc);
  });

  it('sends what was typed, so the server names the problem instead of the form dropping it', () => {
    const f = { ...emptyForm(), name: 'x', clusterId: 'x', parallelism: 'two', jmMemory: 'lots', tmSlots: ' 3 ' };
    const spec = formToDocument(f).spec as {
      job: { parallelism: unknown };
      jobManager: { memory: unknown };
      taskManager: { slots: unknown };
    };
    expect(spec.job.parallelism).toBe('two');
    expect(spec.jobManager.memory).toBe('lots');
    expect(spec.taskManager.slots).toBe(3);
    const r = checkJobDocument(formToDocument(f));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.field)).toEqual(expect.arrayContaining(['spec.job.parallelism', 'spec.jobManager.memory']));
  });

  it('makes a job for a session cluster by REST URL without image, resources or Kubernetes objects', () => {
    const f = {
      ...emptyForm('session-job'),
      name: 'enrich.orders',
      sessionRestUrl: 'http://127.0.0.1:8081',
      jar: '/tmp/job.jar',
      jmMemory: '9g',
    };
    const doc = parsed(formToDocument(f));
    expect(doc.spec).toMatchObject({ mode: 'session', session: { restUrl: 'http://127.0.0.1:8081' }, artifact: { jar: '/tmp/job.jar' } });
    expect(doc.spec.image).toBeUndefined();
    expect(doc.spec.jobManager).toBeUndefined();
    expect(doc.spec.clusterId).toBe('enrich-orders');
    expect(clusterIdFrom('Enrich.Orders')).toBe('enrich-orders');
    expect(clusterIdFrom('42')).toBe('job');
  });
});
