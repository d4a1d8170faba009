// The `port-forward` way: a port-forward to the JobManager pod through the API server (client-node PortForward, one
// WebSocket per connection; kube/port-forward.ts), whose local end on 127.0.0.1 the proxy sends requests to. The pod
// is found when the way is opened (jobmanager-pod.ts). Connections are not kept alive: a forwarded stream whose pod
// side has gone quiet (a replaced pod, a node that went away) may stay open without an error, and a request written
// into it would wait for ever; a new connection per request asks the API server for the pod each time, so a replaced
// pod fails at once (404) and the route opens the way again, which finds the new pod.
import type { KubeClient } from '../kube';
import { findJobManagerPod } from './jobmanager-pod';
import { HttpUpstream } from './upstream';

export class PortForwardUpstream extends HttpUpstream {
  private constructor(
    via: string,
    url: string,
    onClose: () => Promise<void>,
    private readonly reported: { problem?: string | undefined },
  ) {
    super('port-forward', via, url, onClose, false);
  }

  static async open(client: KubeClient, namespace: string, clusterId: string): Promise<PortForwardUpstream> {
    const pod = await findJobManagerPod(client, namespace, clusterId);
    const reported: { problem?: string | undefined } = {};
    const forwarding = await client.portForward(namespace, pod.name, pod.restPort, {
      // The pod's side (nothing listens on the port, the pod is gone) or the API server refusing the forward.
      onError: (e) => void (reported.problem = e.message),
    });
    return new PortForwardUpstream(
      `port-forward to pod ${namespace}/${pod.name} port ${pod.restPort} (API server ${client.where.server})`,
      `http://${forwarding.address}`,
      () => Promise.resolve(forwarding.close()),
      reported,
    );
  }

  lastProblem(): string | undefined {
    const p = this.reported.problem;
    this.reported.problem = undefined;
    return p;
  }
}
