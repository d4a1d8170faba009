// The conformance matrix: job specs covering every input that shapes what Flink's client creates. Each case runs on
// Flink 1.20 and 2.x. Pod templates are written to files (as a user's spec would name them) before rendering.

export interface Case {
  name: string;
  spec: Record<string, unknown>;
  templates?: { common?: string; jobManager?: string; taskManager?: string };
}

const app = {
  mode: 'application',
  namespace: 'flink-dev',
  image: { ref: '127.0.0.1:5000/streamx/job:1.0' },
  artifact: { jar: '/opt/flink/usrlib/job.jar' },
};
const session = { mode: 'session', namespace: 'flink-dev', image: { ref: '127.0.0.1:5000/library/flink:test' } };

/** Sidecar, init container, volumes, labels and annotations: what a user's template typically adds. */
const sidecarTemplate = `apiVersion: v1
kind: Pod
metadata:
  name: pod-template
  labels:
    team: streaming
  annotations:
    prometheus.io/scrape: "true"
spec:
  initContainers:
    - name: fetch-config
      image: busybox:1.36
      command: [sh, -c, "echo ready > /shared/ready"]
      volumeMounts:
        - name: shared
          mountPath: /shared
  containers:
    - name: log-shipper
      image: registry.example/log-shipper:1.0
      args: ["--follow", "/opt/flink/log"]
      volumeMounts:
        - name: shared
          mountPath: /shared
    - name: flink-main-container
      env:
        - name: FROM_TEMPLATE
          value: "yes"
      ports:
        - name: metrics
          containerPort: 9249
      volumeMounts:
        - name: shared
          mountPath: /opt/shared
  volumes:
    - name: shared
      emptyDir: {}
    - name: extra-config
      configMap:
        name: extra
`;

/** Fields Flink decides itself or takes from its options: the template's values must lose (or win) as Flink says. */
const conflictingTemplate = `apiVersion: v1
kind: Pod
metadata:
  labels:
    app: not-the-cluster
    component: not-a-jobmanager
  annotations:
    owner: template
spec:
  serviceAccountName: template-sa
  restartPolicy: OnFailure
  hostNetwork: true
  dnsPolicy: Default
  nodeSelector:
    disk: ssd
  tolerations:
    - key: dedicated
      operator: Equal
      value: flink
      effect: NoSchedule
  imagePullSecrets:
    - name: template-secret
  securityContext:
    runAsUser: 9999
    fsGroup: 9999
  containers:
    - name: flink-main-container
      image: template/image:latest
      imagePullPolicy: Never
      command: ["/bin/false"]
      args: ["never-run"]
      resources:
        requests:
          cpu: 100m
          memory: 1Gi
          ephemeral-storage: 2Gi
        limits:
          cpu: 8
          memory: 16Gi
          nvidia.com/gpu: 1
      env:
        - name: _POD_IP_ADDRESS
          value: from-template
      volumeMounts:
        - name: cache
          mountPath: /cache
  volumes:
    - name: cache
      emptyDir:
        medium: Memory
        sizeLimit: 1Gi
`;

const jobManagerTemplate = `kind: Pod
metadata:
  annotations:
    role: jobmanager
spec:
  priorityClassName: high
  containers:
    - name: flink-main-container
      env:
        - name: JM_ONLY
          value: "1"
`;

const taskManagerTemplate = `apiVersion: v1
kind: Pod
metadata:
  labels:
    side: taskmanager
spec:
  containers:
    - name: flink-main-container
      resources:
        limits:
          ephemeral-storage: 10Gi
    - name: metrics-agent
      image: registry.example/agent:2
  volumes:
    - name: spill
      emptyDir: {}
`;

const mainOnlyTemplate = `apiVersion: v1
kind: Pod
spec:
  containers:
    - name: flink-main-container
      imagePullPolicy: Always
`;

export const matrix: Case[] = [
  // Exposed types, application and session.
  { name: 'application ClusterIP', spec: { ...app, clusterId: 'app-clusterip', rest: { exposedType: 'ClusterIP' } } },
  { name: 'application NodePort', spec: { ...app, clusterId: 'app-nodeport', rest: { exposedType: 'NodePort' } } },
  { name: 'application LoadBalancer', spec: { ...app, clusterId: 'app-lb', rest: { exposedType: 'LoadBalancer' } } },
  { name: 'session ClusterIP (default type)', spec: { ...session, clusterId: 'session-default' } },
  { name: 'session NodePort', spec: { ...session, clusterId: 'session-nodeport', rest: { exposedType: 'NodePort' } } },
  {
    name: 'session LoadBalancer with annotations',
    spec: {
      ...session,
      clusterId: 'session-lb',
      rest: {
        exposedType: 'LoadBalancer',
        annotations: { 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true', 'example.com/note': 'a, b: c' },
      },
    },
  },
  {
    name: 'session with base image',
    spec: { mode: 'session', clusterId: 'session-base', image: { base: 'flink:1.20.1-scala_2.12-java17' } },
  },
  {
    name: 'default namespace (omitted)',
    spec: { mode: 'application', clusterId: 'app-default-ns', image: { ref: 'flink:1.20' }, artifact: { jar: '/opt/flink/usrlib/a.jar' } },
  },
  // Job fields.
  {
    name: 'entry class, arguments with separators and quotes, parallelism',
    spec: {
      ...app,
      clusterId: 'app-args',
      job: { entryClass: 'com.example.Main', args: ['--input', 'a;b', "it's", 'x y', '"q"', 'k:v,w'], parallelism: 4 },
    },
  },
  {
    name: 'savepoint with allowNonRestoredState and restore mode',
    spec: {
      ...app,
      clusterId: 'app-savepoint',
      job: { savepoint: { path: 's3://bucket/savepoints/sp-1', allowNonRestoredState: true, restoreMode: 'CLAIM' } },
    },
  },
  { name: 'remote jar (s3)', spec: { ...app, clusterId: 'app-remote-jar', artifact: { jar: 's3://bucket/jobs/job.jar' } } },
  // CPU and memory forms, limit factors.
  {
    name: 'cpu whole and fraction, memory in g',
    spec: { ...app, clusterId: 'res-a', jobManager: { cpu: 2, memory: '2g' }, taskManager: { cpu: 0.5, memory: '4g', slots: 4 } },
  },
  {
    name: 'cpu millicores, memory Gi/Mi',
    spec: { ...app, clusterId: 'res-b', jobManager: { cpu: '250m', memory: '2Gi' }, taskManager: { cpu: '1500m', memory: '2048Mi' } },
  },
  {
    name: 'memory mb and k forms',
    spec: { ...session, clusterId: 'res-c', jobManager: { cpu: '1.5', memory: '1728mb' }, taskManager: { memory: '2000000k' } },
  },
  {
    name: 'limit factors',
    spec: {
      ...app,
      clusterId: 'res-limits',
      jobManager: { cpu: 0.75, memory: '1000m' },
      flinkConfiguration: {
        'kubernetes.jobmanager.cpu.limit-factor': '1.5',
        'kubernetes.jobmanager.memory.limit-factor': '1.3',
        'kubernetes.taskmanager.cpu.limit-factor': '2',
        'kubernetes.taskmanager.memory.limit-factor': '1.1',
      },
    },
  },
  {
    name: 'cpu limit factor with a decimal product',
    spec: {
      ...app,
      clusterId: 'res-product',
      jobManager: { cpu: 0.1 },
      flinkConfiguration: { 'kubernetes.jobmanager.cpu.limit-factor': '3' },
    },
  },
  // Images.
  {
    name: 'pull policy Always and pull secrets',
    spec: {
      ...app,
      clusterId: 'img-secrets',
      image: { ref: 'registry.example.com/team/job:2', pullPolicy: 'Always', pullSecrets: ['regcred', 'other-cred', 'third'] },
    },
  },
  {
    name: 'pull policy Never, image by digest',
    spec: {
      ...session,
      clusterId: 'img-digest',
      image: {
        ref: 'registry.example.com/flink@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
        pullPolicy: 'Never',
      },
    },
  },
  // Kubernetes placement and identity.
  { name: 'service account', spec: { ...app, clusterId: 'k8s-sa', serviceAccount: 'flink-jobs' } },
  {
    name: 'labels and annotations',
    spec: {
      ...app,
      clusterId: 'k8s-labels',
      labels: { team: 'data', 'example.com/cost-center': 'cc-42' },
      annotations: { 'example.com/owner': 'alice@example.com', note: 'with, comma: and colon' },
    },
  },
  { name: 'node selector', spec: { ...session, clusterId: 'k8s-nodes', nodeSelector: { 'kubernetes.io/arch': 'amd64', disktype: 'ssd' } } },
  {
    name: 'tolerations',
    spec: {
      ...session,
      clusterId: 'k8s-tolerations',
      tolerations: [
        { key: 'dedicated', operator: 'Equal', value: 'flink', effect: 'NoSchedule' },
        { operator: 'Exists' },
        { key: 'spot', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
      ],
    },
  },
  // Environment and secrets.
  { name: 'one env variable', spec: { ...app, clusterId: 'env-one', env: { TZ: 'UTC' } } },
  {
    name: 'many env variables (Flink orders them)',
    spec: {
      ...app,
      clusterId: 'env-many',
      env: { ZED: 'z', ALPHA: 'a', JAVA_TOOL_OPTIONS: '-Xss2m', B: 'b', LONG_NAME_VARIABLE: 'x=y', N1: '1', MID: 'm' },
    },
  },
  {
    name: 'env from secrets',
    spec: {
      ...app,
      clusterId: 'env-secrets',
      env: {
        PLAIN: 'p',
        DB_PASSWORD: { secretKeyRef: { name: 'db', key: 'password' } },
        API_TOKEN: { secretKeyRef: { name: 'api', key: 'token' } },
      },
    },
  },
  {
    name: 'one mounted secret',
    spec: { ...session, clusterId: 'sec-one', secrets: [{ name: 'kafka-tls', mountPath: '/opt/flink/secrets/kafka' }] },
  },
  {
    name: 'several mounted secrets (Flink orders them)',
    spec: {
      ...session,
      clusterId: 'sec-many',
      secrets: [
        { name: 'zeta', mountPath: '/z' },
        { name: 'alpha', mountPath: '/a' },
        { name: 'kafka-tls', mountPath: '/k' },
        { name: 's3', mountPath: '/s3' },
      ],
    },
  },
  // User Flink keys.
  {
    name: 'user Flink keys',
    spec: {
      ...app,
      clusterId: 'keys-user',
      flinkConfiguration: {
        'state.backend.type': 'rocksdb',
        'execution.checkpointing.interval': '30s',
        'state.checkpoints.dir': 's3://bucket/checkpoints',
        'restart-strategy.type': 'fixed-delay',
        'metrics.reporter.prom.factory.class': 'org.apache.flink.metrics.prometheus.PrometheusReporterFactory',
      },
    },
  },
  {
    name: 'user ports',
    spec: {
      ...session,
      clusterId: 'keys-ports',
      flinkConfiguration: {
        'rest.port': '8082',
        'jobmanager.rpc.port': '6130',
        'blob.server.port': '6200',
        'taskmanager.rpc.port': '6300',
      },
    },
  },
  {
    name: 'rest bind port differs from rest port',
    spec: { ...session, clusterId: 'keys-bind-port', flinkConfiguration: { 'rest.port': '80', 'rest.bind-port': '8081' } },
  },
  {
    name: 'entry path, conf dir, log dir, entrypoint args, artifacts dir',
    spec: {
      ...app,
      clusterId: 'keys-paths',
      flinkConfiguration: {
        'kubernetes.entry.path': '/custom-entrypoint.sh',
        'kubernetes.flink.conf.dir': '/etc/flink',
        'kubernetes.flink.log.dir': '/var/log/flink',
        'kubernetes.jobmanager.entrypoint.args': '-Dfoo=bar',
        'user.artifacts.base-dir': '/data/artifacts',
      },
    },
  },
  {
    name: 'high availability with two JobManagers (no internal Service)',
    spec: {
      ...app,
      clusterId: 'ha-two',
      jobManager: { replicas: 2 },
      flinkConfiguration: { 'high-availability.type': 'kubernetes', 'high-availability.storageDir': 's3://bucket/ha' },
    },
  },
  {
    name: 'high availability, session, own HA port',
    spec: {
      ...session,
      clusterId: 'ha-session',
      flinkConfiguration: {
        'high-availability.type': 'kubernetes',
        'high-availability.storageDir': 's3://bucket/ha',
        'high-availability.jobmanager.port': '6150',
      },
    },
  },
  // Pod templates.
  {
    name: 'common template: sidecar, init container, volumes',
    spec: { ...app, clusterId: 'tpl-sidecar' },
    templates: { common: sidecarTemplate },
  },
  {
    name: 'common template with conflicting fields',
    spec: { ...app, clusterId: 'tpl-conflict' },
    templates: { common: conflictingTemplate },
  },
  {
    name: 'conflicting template against explicit options',
    spec: {
      ...app,
      clusterId: 'tpl-conflict-opts',
      serviceAccount: 'flink',
      image: { ref: 'img:1', pullPolicy: 'IfNotPresent', pullSecrets: ['regcred'] },
      labels: { team: 'data' },
      annotations: { owner: 'spec' },
      nodeSelector: { disk: 'hdd', zone: 'a' },
      tolerations: [{ operator: 'Exists' }],
      env: { FROM_SPEC: '1' },
      secrets: [{ name: 'tls', mountPath: '/tls' }],
    },
    templates: { common: conflictingTemplate },
  },
  { name: 'JobManager template only', spec: { ...session, clusterId: 'tpl-jm' }, templates: { jobManager: jobManagerTemplate } },
  {
    name: 'TaskManager template only (pod-template ConfigMap, JobManager untouched)',
    spec: { ...session, clusterId: 'tpl-tm' },
    templates: { taskManager: taskManagerTemplate },
  },
  {
    name: 'JobManager and TaskManager templates',
    spec: { ...app, clusterId: 'tpl-jm-tm' },
    templates: { jobManager: jobManagerTemplate, taskManager: taskManagerTemplate },
  },
  {
    name: 'common template overridden for the TaskManager',
    spec: { ...app, clusterId: 'tpl-common-tm' },
    templates: { common: sidecarTemplate, taskManager: taskManagerTemplate },
  },
  {
    name: 'common template overridden for the JobManager',
    spec: { ...session, clusterId: 'tpl-common-jm' },
    templates: { common: sidecarTemplate, jobManager: mainOnlyTemplate },
  },
  {
    name: 'template pull policy wins without an explicit one',
    spec: { ...session, clusterId: 'tpl-policy' },
    templates: { common: mainOnlyTemplate },
  },
  // Everything at once.
  {
    name: 'everything at once',
    spec: {
      ...app,
      clusterId: 'kitchen-sink',
      image: { ref: 'registry.example.com/team/job:3', pullPolicy: 'Always', pullSecrets: ['regcred'] },
      job: {
        entryClass: 'com.example.Main',
        args: ['--a', '1'],
        parallelism: 8,
        savepoint: { path: 'hdfs:///sp/1', allowNonRestoredState: false, restoreMode: 'NO_CLAIM' },
      },
      jobManager: { cpu: '500m', memory: '2g', replicas: 1 },
      taskManager: { cpu: 2, memory: '4096m', slots: 4 },
      rest: { exposedType: 'NodePort', annotations: { a: 'b' } },
      serviceAccount: 'flink',
      labels: { team: 'data' },
      annotations: { owner: 'alice' },
      nodeSelector: { zone: 'eu-1' },
      tolerations: [{ key: 'spot', operator: 'Exists' }],
      env: { TZ: 'UTC', SECRET: { secretKeyRef: { name: 's', key: 'k' } } },
      secrets: [{ name: 'tls', mountPath: '/opt/tls' }],
      flinkConfiguration: { 'state.backend.type': 'hashmap', 'kubernetes.jobmanager.memory.limit-factor': '1.5' },
    },
    templates: { common: sidecarTemplate, taskManager: taskManagerTemplate },
  },
];

/** Inputs Flink's own client refuses: Flink Desk must refuse them too, before anything reaches a cluster. */
export interface RejectedCase {
  name: string;
  /** Changes to a valid spec that make it invalid, and the field the spec check must name. */
  spec: Record<string, unknown>;
  field: string;
  /** The same change as Flink options, for the oracle. */
  flinkOptions: Record<string, string>;
}

export const rejected: RejectedCase[] = [
  {
    name: 'JobManager memory too small',
    spec: { jobManager: { memory: '500m' } },
    field: 'spec.jobManager.memory',
    flinkOptions: { 'jobmanager.memory.process.size': '500m' },
  },
  {
    name: 'TaskManager memory too small',
    spec: { taskManager: { memory: '800m' } },
    field: 'spec.taskManager.memory',
    flinkOptions: { 'taskmanager.memory.process.size': '800m' },
  },
  {
    name: 'standby JobManagers without HA',
    spec: { jobManager: { replicas: 2 } },
    field: 'spec.jobManager.replicas',
    flinkOptions: { 'kubernetes.jobmanager.replicas': '2' },
  },
  {
    name: 'limit factor below 1',
    spec: { flinkConfiguration: { 'kubernetes.jobmanager.cpu.limit-factor': '0.5' } },
    field: 'spec.flinkConfiguration.kubernetes.jobmanager.cpu.limit-factor',
    flinkOptions: { 'kubernetes.jobmanager.cpu.limit-factor': '0.5' },
  },
  {
    name: 'cluster id longer than 45 characters',
    spec: { clusterId: `c${'x'.repeat(45)}` },
    field: 'spec.clusterId',
    flinkOptions: { 'kubernetes.cluster-id': `c${'x'.repeat(45)}` },
  },
  {
    name: 'a port range',
    spec: { flinkConfiguration: { 'blob.server.port': '6124-6130' } },
    field: 'spec.flinkConfiguration.blob.server.port',
    flinkOptions: { 'blob.server.port': '6124-6130' },
  },
];

export const rejectedBase = app;
