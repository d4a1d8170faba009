// Kubernetes: kubeconfig contexts, targets, connectivity check, RBAC preflight and grant (issue: Clusters).
export const kubeRequests = {} as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface KubeEvents {}
export const kubeEventNames: (keyof KubeEvents)[] = [];
