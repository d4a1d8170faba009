// The three Electron IPC channels that carry the whole contract (imported by main and the bundled preload).
export const IPC_REQUEST = 'flinkdesk:request';
export const IPC_EVENT = 'flinkdesk:event';
export const IPC_READY = 'flinkdesk:ready';
