// The remote Docker registry: settings, verification, pull secrets (issue: Registry).
export const registryRequests = {} as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RegistryEvents {}
export const registryEventNames: (keyof RegistryEvents)[] = [];
