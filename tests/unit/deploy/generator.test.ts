// Generator units: the rules of Flink's client the conformance suite checks against the oracle, here pinned one by
// one so that a regression names the rule it breaks. Values marked "observed" are what Flink 1.20.1's own client
// rendered for the same input.
import { describe, expect, it } from 'vitest';
import { checkJobDocument, type JobDocument } from '../../../shared/jobs/spec';
import { encodeList, encodeMap } from '../../../electron/services/deploy/flink-values';
import { javaDouble, javaHashMapOrder, javaStringHash } from '../../../electron/services/deploy/java-compat';
import { renderJob, type RenderResult } from '../../../electron/services/deploy/render';
import type { AppError } from '../../../shared/errors';

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return --
   the rendered Kubernetes JSON is read by path in the assertions */
type Obj = Record<string, any>;

const base = {
  mode: 'application',
  namespace: 'ns',
  clusterId: 'job-a',
  image: { ref: 'img:1' },
  artifact: { jar: '/opt/flink/usrlib/job.jar' },
};
function doc(spec: Record<string, unknown>): JobDocument {
  const r = checkJobDocument({ apiVersion: 'flinkdesk/v1', kind: 'FlinkJob', metadata: { name: 'job-a' }, spec: { ...base, ...spec } });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}
const render = (spec: Record<string, unknown>): RenderResult =>
  renderJob({ document: doc(spec), logConfig: { 'log4j-console.properties': 'rootLogger.level = INFO\n' } });
const find = (r: RenderResult, kind: string, name: string) =>
  r.resources.find((o): o is Obj => o.kind === kind && (o.metadata as Obj).name === name);
const main = (d: Obj) => (d.spec.template.spec.containers as Obj[]).find((c) => c.name === 'flink-main-container')!;

describe('JVM behaviours Flink shows', () => {
  it('Double.toString: whole numbers get .0, small and large values E notation', () => {
    expect([1, 0.5, 0.25, 2.5, 0.1 * 3, 1e-4, 1e7].map(javaDouble)).toEqual([
      '1.0',
      '0.5',
      '0.25',
      '2.5',
      '0.30000000000000004',
      '1.0E-4',
      '1.0E7',
    ]);
  });
  it('String.hashCode and HashMap order: by bucket, collisions in insertion order', () => {
    expect(javaStringHash('Aa')).toBe(javaStringHash('BB'));
    expect(javaStringHash('hello')).toBe(99162322);
    expect(javaHashMapOrder(['c', 'b', 'a'])).toEqual(['a', 'b', 'c']);
    expect(javaHashMapOrder(['BB', 'Aa'])).toEqual(['BB', 'Aa']);
  });
});

describe('Flink value syntax', () => {
  it('1.x legacy lists and maps quote items that hold a separator (observed)', () => {
    expect(encodeList(['a', 'b;c', "it's"], false)).toBe("a;'b;c';'it''s'");
    expect(encodeMap({ u: 'http://x:1', q: 'v' }, false)).toBe("'u:''http://x:1'''," + 'q:v');
  });
  it('2.x gets YAML flow collections', () => {
    expect(encodeMap({ a: 'b', n: '1' }, true)).toBe('{ a: b, n: "1" }');
  });
});

describe('the JobManager Deployment', () => {
  it('is named after the cluster, selects by Flink’s labels only, runs the entrypoint for its mode', () => {
    const r = render({ labels: { team: 'data' } });
    const d = find(r, 'Deployment', 'job-a')!;
    expect(d.metadata.labels).toEqual({ team: 'data', type: 'flink-native-kubernetes', app: 'job-a', component: 'jobmanager' });
    expect(d.spec.selector.matchLabels).toEqual({ type: 'flink-native-kubernetes', app: 'job-a', component: 'jobmanager' });
    expect(main(d).command).toEqual(['/docker-entrypoint.sh']);
    expect(main(d).args).toEqual(['bash', '-c', 'kubernetes-jobmanager.sh kubernetes-application ']);
    const s = find(render({ mode: 'session', artifact: undefined }), 'Deployment', 'job-a')!;
    expect(main(s).args).toEqual(['bash', '-c', 'kubernetes-jobmanager.sh kubernetes-session ']);
  });

  it('resources: requests from the spec, limits times the factors, cpu as Java prints it', () => {
    const d = find(
      render({
        jobManager: { cpu: '500m', memory: '1g' },
        flinkConfiguration: { 'kubernetes.jobmanager.memory.limit-factor': '1.5', 'kubernetes.jobmanager.cpu.limit-factor': '2' },
      }),
      'Deployment',
      'job-a',
    )!;
    expect(main(d).resources).toEqual({ requests: { memory: '1024Mi', cpu: '0.5' }, limits: { memory: '1536Mi', cpu: '1.0' } });
  });

  it('a template: its other containers first, main container merged (Flink wins image, resources, command), lists appended', () => {
    const tpl = `kind: Pod
metadata:
  labels: { app: other, team: t }
spec:
  serviceAccountName: tpl-sa
  containers:
    - name: flink-main-container
      image: ignored
      resources: { limits: { cpu: 9, nvidia.com/gpu: 1 } }
      env: [{ name: FROM_TEMPLATE, value: "yes" }]
      ports: [{ name: metrics, containerPort: 9249 }]
    - name: sidecar
      image: busybox
  volumes: [{ name: data, emptyDir: {} }]
`;
    const d = find(render({ podTemplate: tpl }), 'Deployment', 'job-a')!;
    const pod = d.spec.template;
    expect((pod.spec.containers as Obj[]).map((c) => c.name)).toEqual(['sidecar', 'flink-main-container']);
    expect(pod.metadata.labels.app).toBe('job-a');
    expect(pod.metadata.labels.team).toBe('t');
    expect(pod.spec.serviceAccountName).toBe('tpl-sa');
    const m = main(d);
    expect(m.image).toBe('img:1');
    expect(m.resources.limits).toEqual({ cpu: '1.0', 'nvidia.com/gpu': '1', memory: '1600Mi' });
    expect((m.env as Obj[]).map((e) => e.name)).toEqual(['FROM_TEMPLATE', '_POD_IP_ADDRESS']);
    expect((m.ports as Obj[]).map((p) => p.name)).toEqual(['metrics', 'rest', 'jobmanager-rpc', 'blobserver']);
    expect((pod.spec.volumes as Obj[]).map((v) => v.name)).toEqual([
      'data',
      'user-artifacts-volume',
      'flink-config-volume',
      'pod-template-volume',
    ]);
  });

  it('an explicit service account beats the template’s; without one the template’s beats "default"', () => {
    const tpl = 'kind: Pod\nspec:\n  serviceAccountName: tpl-sa\n  containers:\n    - name: flink-main-container\n';
    expect(find(render({ podTemplate: tpl, serviceAccount: 'flink' }), 'Deployment', 'job-a')!.spec.template.spec.serviceAccountName).toBe(
      'flink',
    );
    expect(find(render({}), 'Deployment', 'job-a')!.spec.template.spec.serviceAccount).toBe('default');
  });
});

describe('accompanying objects', () => {
  it('without HA: internal headless Service, rest Service, flink-config ConfigMap, all owned by the Deployment', () => {
    const r = render({ rest: { exposedType: 'NodePort' } });
    expect(r.resources.map((o) => `${String(o.kind)}/${(o.metadata as Obj).name}`)).toEqual([
      'Deployment/job-a',
      'Service/job-a',
      'Service/job-a-rest',
      'ConfigMap/flink-config-job-a',
    ]);
    expect(find(r, 'Service', 'job-a')!.spec.clusterIP).toBe('None');
    expect(find(r, 'Service', 'job-a-rest')!.spec).toMatchObject({
      type: 'NodePort',
      ports: [{ name: 'rest', port: 8081, targetPort: 8081 }],
    });
    for (const o of r.resources.slice(1))
      expect((o.metadata as Obj).ownerReferences[0]).toMatchObject({
        kind: 'Deployment',
        name: 'job-a',
        controller: true,
        blockOwnerDeletion: true,
      });
    expect(r.flinkConfiguration['jobmanager.rpc.address']).toBe('job-a.ns');
  });

  it('with HA: no internal Service, no rpc address, HA ids set', () => {
    const r = render({
      jobManager: { replicas: 2 },
      flinkConfiguration: { 'high-availability.type': 'kubernetes', 'high-availability.storageDir': 's3://b/ha' },
    });
    expect(find(r, 'Service', 'job-a')).toBeUndefined();
    expect(r.flinkConfiguration['jobmanager.rpc.address']).toBeUndefined();
    expect(r.flinkConfiguration['high-availability.cluster-id']).toBe('job-a');
    expect(find(r, 'Deployment', 'job-a')!.spec.replicas).toBe(2);
  });

  it('a TaskManager template is shipped in pod-template-<id>, mounted on the JobManager, and leaves the JobManager pod alone', () => {
    const tpl = 'kind: Pod\nspec:\n  containers:\n    - name: flink-main-container\n    - name: tm-sidecar\n      image: x\n';
    const r = render({ taskManager: { podTemplate: tpl } });
    expect(find(r, 'ConfigMap', 'pod-template-job-a')!.data['taskmanager-pod-template.yaml']).toBe(tpl);
    const d = find(r, 'Deployment', 'job-a')!;
    expect((d.spec.template.spec.containers as Obj[]).map((c) => c.name)).toEqual(['flink-main-container']);
    expect((main(d).volumeMounts as Obj[]).map((v) => v.mountPath)).toContain('/opt/flink/pod-template');
  });

  it('the config file is flink-conf.yaml lines up to 1.20 and nested config.yaml for 2.x', () => {
    const one = find(render({ flinkVersion: '1.20' }), 'ConfigMap', 'flink-config-job-a')!.data as Record<string, string>;
    expect(Object.keys(one).sort()).toEqual(['flink-conf.yaml', 'log4j-console.properties']);
    expect(one['flink-conf.yaml']).toContain('kubernetes.cluster-id: job-a\n');
    const two = find(render({ flinkVersion: '2.0' }), 'ConfigMap', 'flink-config-job-a')!.data as Record<string, string>;
    expect(two['config.yaml']).toMatch(/kubernetes:\n(.*\n)*\s+cluster-id: job-a/);
  });

  it('per-version keys: 1.18 uses kubernetes.container.image and kubernetes.jobmanager.cpu, 1.20 the .ref/.amount names', () => {
    expect(render({ flinkVersion: '1.18', jobManager: { cpu: 2 } }).flinkConfiguration).toMatchObject({
      'kubernetes.container.image': 'img:1',
      'kubernetes.jobmanager.cpu': '2',
    });
    expect(render({ flinkVersion: '1.20', jobManager: { cpu: 2 } }).flinkConfiguration).toMatchObject({
      'kubernetes.container.image.ref': 'img:1',
      'kubernetes.jobmanager.cpu.amount': '2',
    });
    expect(render({ flinkVersion: '1.18', job: { savepoint: { path: '/sp' } } }).flinkConfiguration['execution.savepoint.path']).toBe(
      '/sp',
    );
    expect(render({ flinkVersion: '2.1', job: { savepoint: { path: '/sp' } } }).flinkConfiguration['execution.state-recovery.path']).toBe(
      '/sp',
    );
  });
});

describe('what render refuses or does not create', () => {
  it('a session job has no objects of its own, only what will be submitted', () => {
    const r = render({
      mode: 'session',
      session: { restUrl: 'http://flink.example.com:8081' },
      artifact: { jar: '/work/job.jar' },
      job: { entryClass: 'a.B', parallelism: 3 },
    });
    expect(r.kind).toBe('session-job');
    expect(r.resources).toEqual([]);
    expect(r.submission).toEqual({
      target: { restUrl: 'http://flink.example.com:8081' },
      jar: '/work/job.jar',
      entryClass: 'a.B',
      args: [],
      parallelism: 3,
    });
  });

  it('an application on image.base previews the image and a Maven jar as built at deploy (the deploy renders again with the digest)', () => {
    const r = render({ image: { base: 'flink:1.20' }, artifact: { maven: { project: '.' } } });
    const jm = main(find(r, 'Deployment', 'job-a')!);
    expect(jm.image).toBe('(built at deploy) FROM flink:1.20');
    expect(r.flinkConfiguration['pipeline.jars']).toBe('local:///opt/flink/usrlib/(built at deploy)');
  });

  it('a relative jar inside image.ref is refused naming the field', () => {
    const err = (spec: Record<string, unknown>) => {
      try {
        render(spec);
      } catch (e) {
        return e;
      }
      return undefined;
    };
    expect((err({ artifact: { jar: 'job.jar' } }) as AppError).fields).toHaveProperty(['spec.artifact.jar']);
  });
});
