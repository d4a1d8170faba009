// The Kubernetes capability's public face for other capabilities (the registry's pull secret, the deployer and the
// tracking loops next): the clients and their types. Nothing else in kube/ is meant to be imported from outside.
export { KubeClients, type ClientFor, type KubeClientsDeps } from './kube-clients';
export type { KubeClient } from './kube-client';
export type { KubeConnection, KubeRawConnection, KubeReply, KubeRequestOptions } from './kube-connection';
export type { InformerOptions, KubeInformer, Watching, WatchEventType } from './kube-watch';
export type { PodLog, PodLogOptions } from './pod-logs';
export type { PortForwardOptions, PortForwarding } from './port-forward';
export { FIELD_MANAGER, type Applied, type ApplyOptions, type Manifest } from './server-side-apply';
