// The one contract between the renderer (or CLI, or a test) and the services: every request channel with the
// schema its input must pass and the type of its result, and every event with its payload. Electron IPC, the
// WebSocket host and the CLI all bind exactly this map; adding a channel here is the only way to add one.
// Each capability declares its channels in its own file (shared/contracts/<capability>.ts); this file joins them.
import { z } from 'zod';
import { settingsPatchSchema, type Settings } from './settings';
import type { OperationEvent, OperationLogPage, OperationSnapshot } from './operations';
import { channel, none } from './channel';
import { kubeRequests, kubeEventNames, type KubeEvents } from './contracts/kube';
import { registryRequests, registryEventNames, type RegistryEvents } from './contracts/registry';
import { flinkRequests } from './contracts/flink';
import { jobsRequests } from './contracts/jobs';
import { deployRequests } from './contracts/deploy';
import { buildRequests } from './contracts/build';
import { trackingRequests, trackingEventNames, type TrackingEvents } from './contracts/tracking';
import { trackingHistoryRequests } from './contracts/tracking-history';
import { operateRequests, operateEventNames, type OperateEventsMap } from './contracts/operate';
import { webUiRequests } from './contracts/webui';
import { notificationsEventNames, type NotificationsEvents } from './contracts/notifications';

export interface AppInfo {
  version: string;
  transport: 'electron' | 'web' | 'cli';
  platform: string;
  /** How secrets are kept at rest, and a warning when that is weak; never a path to a key. */
  secrets: { backend: string; warning?: string };
  /** The log file, home shortened to ~, for "see the log" (shown on the Settings page). */
  logFile: string;
  /** Problems found when loading the store (e.g. a corrupt file that was backed up), to show the user once. */
  storeWarnings: string[];
}

const operationLogInput = z.object({
  id: z.string().min(1),
  step: z.string().min(1).optional(),
  from: z.number().int().min(0).optional(),
});
const pickFileInput = z.object({
  title: z.string().min(1).max(200),
  filters: z
    .array(z.object({ name: z.string().max(100), extensions: z.array(z.string().max(20)).max(20) }))
    .max(10)
    .optional(),
});

export const requests = {
  'app.info': channel<typeof none, AppInfo>(none),
  'settings.get': channel<typeof none, Settings>(none),
  'settings.update': channel<typeof settingsPatchSchema, Settings>(settingsPatchSchema),
  'settings.reset': channel<typeof none, Settings>(none),
  'operations.list': channel<typeof none, OperationSnapshot[]>(none),
  'operations.get': channel<z.ZodObject<{ id: z.ZodString }>, OperationSnapshot>(z.object({ id: z.string().min(1) })),
  'operations.cancel': channel<z.ZodObject<{ id: z.ZodString }>, OperationSnapshot>(z.object({ id: z.string().min(1) })),
  /** The full log of one step (or of what ran before any step), in pages: `from` is the line to start at. */
  'operations.log': channel<typeof operationLogInput, OperationLogPage>(operationLogInput),
  /** A native file dialog (the desktop app only; elsewhere `not-available`): the path the user chose, if any. */
  'app.pickFile': channel<typeof pickFileInput, { path?: string }>(pickFileInput),
  ...kubeRequests,
  ...registryRequests,
  ...flinkRequests,
  ...jobsRequests,
  ...deployRequests,
  ...buildRequests,
  ...trackingRequests,
  ...trackingHistoryRequests,
  ...operateRequests,
  ...webUiRequests,
} as const;

export type Requests = typeof requests;
export type Channel = keyof Requests;
export type InputOf<C extends Channel> = z.input<Requests[C]['input']>;
export type ParsedInputOf<C extends Channel> = z.output<Requests[C]['input']>;
export type ResultOf<C extends Channel> = NonNullable<Requests[C]['result']>;
export const channels = Object.keys(requests) as Channel[];

export interface Events extends KubeEvents, RegistryEvents, TrackingEvents, OperateEventsMap, NotificationsEvents {
  /** A saved job was added, changed, deployed or removed. */
  'jobs.changed': { name: string };
  op: OperationEvent;
  'settings.changed': Settings;
}
export type EventName = keyof Events;
export const eventNames: EventName[] = [
  'op',
  'settings.changed',
  'jobs.changed',
  ...kubeEventNames,
  ...registryEventNames,
  ...trackingEventNames,
  ...operateEventNames,
  ...notificationsEventNames,
];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requests, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as string[]).includes(name);
}
