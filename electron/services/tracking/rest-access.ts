// How tracking reaches a cluster's REST endpoint: the seam the access layer (electron/services/access/) implements —
// the REST URL given, or for a cluster on Kubernetes its local proxy on 127.0.0.1 behind which a way (direct,
// port-forward, the API server's service proxy) is chosen with fallback. Unit tests pass a named test double.
import type { AccessView, AccessWay, TrackedEntry } from '../../../shared/contracts/tracking';

export interface RestEndpoint {
  restUrl: string;
  /** How it is reached, for the user: "REST URL", "port-forward to pod …", "NodePort 10.0.0.5:30081". */
  via: string;
  way?: AccessWay;
}

export interface RestAccess {
  /** The REST base URL of this cluster now; an AppError (with a hint) when there is none. */
  resolve(entry: TrackedEntry, signal: AbortSignal): Promise<RestEndpoint>;
  /** How the cluster is reached now and why not otherwise, for the tracked view. */
  view?(entry: TrackedEntry): AccessView;
  /** Why no way to the cluster works now, when none does (a REST error is then the way's, not Flink's). */
  problem?(id: string): string | undefined;
  /** The cluster is no longer tracked, or gone: close what reaches it (its proxy, its port-forward). */
  release?(id: string): Promise<void>;
  /** The cluster's local proxy on 127.0.0.1, opened if it is not yet (the embedded Web UI goes through it). */
  proxyUrl?(entry: TrackedEntry): Promise<string>;
}
