// The Kubernetes side of a tracked cluster that explains it: its pods (for the log choices), the events of its
// Deployment, ReplicaSets, pods and Services, a container's log (or its previous run's), a followed log, and its
// HA ConfigMaps. Requests go with the cluster's own context, through the Kubernetes client layer.
import { Writable } from 'node:stream';
import type { EventEvidence, PodEvidence } from '../../../shared/contracts/tracking';
import { AppError } from '../../../shared/errors';
import type { KubeClient, KubeClients, PodLog } from '../kube';
import { belongs, eventEvidence, podEvidence, type EventObj, type PodObj } from '../tracking/kube-evidence';
import type { KubePlace } from './tracked-target';

const MAIN_CONTAINER = 'flink-main-container';
const MAX_EVENTS = 200;

export interface LogChoice {
  pod?: string;
  component?: 'jobmanager' | 'taskmanager';
  container?: string;
}

export class ClusterKube {
  constructor(private readonly kube: Pick<KubeClients, 'for'>) {}

  client(place: KubePlace): Promise<KubeClient> {
    return this.kube.for(place.context, { kubeconfig: place.kubeconfig });
  }

  async pods(place: KubePlace): Promise<PodEvidence[]> {
    const client = await this.client(place);
    const selector = encodeURIComponent(`app=${place.clusterId},type=flink-native-kubernetes`);
    const list = await client.expect<{ items: PodObj[] }>(
      'GET',
      `/api/v1/namespaces/${place.namespace}/pods?labelSelector=${selector}`,
      `list the pods of ${place.clusterId}`,
    );
    const order = (p: PodEvidence) => (p.component === 'jobmanager' ? 0 : p.component === 'taskmanager' ? 1 : 2);
    return list.items.map(podEvidence).sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name));
  }

  /** Newest first. Events name what they are about, not its labels: the cluster's objects are named after it. */
  async events(place: KubePlace): Promise<EventEvidence[]> {
    const client = await this.client(place);
    const list = await client.expect<{ items: EventObj[] }>(
      'GET',
      `/api/v1/namespaces/${place.namespace}/events`,
      `list the events in ${place.namespace}`,
    );
    return list.items
      .filter((e) => belongs(e.involvedObject?.name, place.clusterId))
      .map(eventEvidence)
      .sort((a, b) => b.at - a.at)
      .slice(0, MAX_EVENTS);
  }

  async haConfigMaps(place: KubePlace): Promise<string[]> {
    const client = await this.client(place);
    const selector = encodeURIComponent(`app=${place.clusterId},configmap-type=high-availability,type=flink-native-kubernetes`);
    const list = await client.expect<{ items: { metadata: { name: string } }[] }>(
      'GET',
      `/api/v1/namespaces/${place.namespace}/configmaps?labelSelector=${selector}`,
      `list the HA ConfigMaps of ${place.clusterId}`,
    );
    return list.items.map((c) => c.metadata.name).sort();
  }

  /** The pod and container a log request means: the pod named, else the first of the component (JobManager). */
  async choose(place: KubePlace, choice: LogChoice): Promise<{ pod: string; container: string }> {
    const pods = await this.pods(place);
    const component = choice.component ?? 'jobmanager';
    const pod = choice.pod ? pods.find((p) => p.name === choice.pod) : pods.find((p) => p.component === component);
    if (!pod)
      throw new AppError({
        code: 'not-found',
        message: choice.pod
          ? `${choice.pod} is not a pod of ${place.clusterId} (its pods: ${pods.map((p) => p.name).join(', ') || 'none'})`
          : `${place.clusterId} has no ${component === 'jobmanager' ? 'JobManager' : 'TaskManager'} pod now`,
        hint: pods.length ? 'Pick one of its pods' : 'The cluster may be gone, or still starting: its events say which',
      });
    const names = pod.containers.map((c) => c.name);
    const container = choice.container ?? (names.includes(MAIN_CONTAINER) ? MAIN_CONTAINER : (names[0] ?? MAIN_CONTAINER));
    if (choice.container && names.length && !names.includes(choice.container))
      throw new AppError({
        code: 'invalid-input',
        message: `Pod ${pod.name} has no container ${choice.container} (it has ${names.join(', ')})`,
        hint: 'Give one of its containers',
      });
    return { pod: pod.name, container };
  }

  async readLog(place: KubePlace, pod: string, container: string, options: { previous?: boolean; tailLines?: number }): Promise<string[]> {
    const client = await this.client(place);
    const text = await client.readPodLog(place.namespace, pod, {
      container,
      ...(options.previous ? { previous: true } : {}),
      tailLines: options.tailLines ?? 2000,
    });
    return splitLines(text);
  }

  /** Streams the log's lines to `onLines` (whole lines only) until it ends or is closed. */
  async followLog(
    place: KubePlace,
    pod: string,
    container: string,
    tailLines: number | undefined,
    onLines: (lines: string[]) => void,
  ): Promise<PodLog> {
    const client = await this.client(place);
    let rest = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        const text = rest + chunk.toString('utf8');
        const cut = text.lastIndexOf('\n');
        rest = cut < 0 ? text : text.slice(cut + 1);
        if (cut >= 0) onLines(text.slice(0, cut).split('\n'));
        cb();
      },
      final(cb) {
        if (rest) onLines([rest]);
        cb();
      },
    });
    return client.podLog(place.namespace, pod, sink, { container, follow: true, tailLines: tailLines ?? 500 });
  }
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
