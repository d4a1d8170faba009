// The seed's tracking and registry settings: keys, defaults, and the rules each value must follow.
// (The seed's table shows `steramx` as the namespace default; its own text uses `streamx`, which we keep.)
import { z } from 'zod';
import { notifyKindLabels, notifyKinds, parseNotifyKinds } from './notifications/kinds';

/** Docker distribution's path-component grammar, one or more components separated by `/`. */
const pathComponent = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

function seconds(min: number, max: number, what: string) {
  const rule = `a whole number of seconds from ${min} to ${max}`;
  return z
    .number({ error: `${what} must be ${rule}` })
    .int({ error: `${what} must be ${rule}` })
    .min(min, { error: `${what} must be ${rule}` })
    .max(max, { error: `${what} must be ${rule}` });
}

export const settingsShape = {
  'docker.register.image-namespace': z
    .string()
    .min(1, { error: 'The image namespace must not be empty (the default is streamx)' })
    .max(255, { error: 'The image namespace must be at most 255 characters' })
    .refine((v) => v.split('/').every((c) => pathComponent.test(c)), {
      error:
        'The image namespace must be lowercase letters and digits, optionally separated by ".", "_", "__" or "-" (not at the start or end), with "/" between levels — for example streamx',
    }),
  'flink-k8s.tracking.polling-task-timeout-sec.job-status': seconds(1, 3600, 'The job-status round timeout'),
  'flink-k8s.tracking.polling-task-timeout-sec.cluster-metric': seconds(1, 3600, 'The cluster-metric round timeout'),
  'flink-k8s.tracking.polling-interval-sec.job-status': seconds(1, 3600, 'The job-status polling interval'),
  'flink-k8s.tracking.polling-interval-sec.cluster-metric': seconds(1, 3600, 'The cluster-metric polling interval'),
  'flink-k8s.tracking.silent-state-keep-sec': seconds(1, 86400, 'The silent-state keep time'),
  'ui.theme': z.enum(['system', 'light', 'dark'], { error: 'The theme must be system, light or dark' }),
  'build.image-engine': z.enum(['auto', 'docker', 'registry'], {
    error: 'The image engine must be auto (the Docker engine when one answers, else the registry), docker or registry',
  }),
  'build.timeout-sec': seconds(60, 86400, 'The build time limit'),
  'build.maven-command': z
    .string()
    .max(4096, { error: 'The Maven command must be at most 4096 characters' })
    .refine((v) => v === '' || (v.trim() === v && !/[\n\r\0]/.test(v)), {
      error: "The Maven command is the path of mvn (or empty for the project's mvnw, else mvn on PATH), without spaces around it",
    }),
  'notifications.on': z
    .string()
    .max(200, { error: 'Notifications: at most the four kinds, failed,lost,finished,restarting' })
    .refine((v) => parseNotifyKinds(v) !== undefined, {
      error: 'Notifications: a comma-separated list of failed, lost, finished and restarting (or empty for none)',
    }),
  'notifications.restart-threshold': z
    .number({ error: 'The restart threshold must be a whole number from 2 to 100' })
    .int({ error: 'The restart threshold must be a whole number from 2 to 100' })
    .min(2, { error: 'The restart threshold must be a whole number from 2 to 100' })
    .max(100, { error: 'The restart threshold must be a whole number from 2 to 100' }),
} as const;

export const settingsSchema = z.object(settingsShape).strict();
export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;
export const settingKeys = Object.keys(settingsShape) as SettingKey[];

export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const defaultSettings: Readonly<Settings> = Object.freeze({
  'docker.register.image-namespace': 'streamx',
  'flink-k8s.tracking.polling-task-timeout-sec.job-status': 120,
  'flink-k8s.tracking.polling-task-timeout-sec.cluster-metric': 120,
  'flink-k8s.tracking.polling-interval-sec.job-status': 5,
  'flink-k8s.tracking.polling-interval-sec.cluster-metric': 10,
  'flink-k8s.tracking.silent-state-keep-sec': 60,
  'ui.theme': 'system',
  'build.image-engine': 'auto',
  'build.timeout-sec': 1200,
  'build.maven-command': '',
  'notifications.on': 'failed,lost,finished,restarting',
  'notifications.restart-threshold': 3,
});

export interface SettingMeta {
  label: string;
  group: 'Registry' | 'Tracking' | 'Build' | 'Notifications' | 'Appearance';
  description: string;
  unit?: 'seconds' | 'restarts';
  /** Numeric settings: the valid range, shown next to the field. */
  min?: number;
  max?: number;
  /** Settings with a fixed set of values: each value with its label, in display order. */
  choices?: { value: string; label: string }[];
  /** With choices: any number of them, as a comma-separated list (empty: none). */
  multiple?: boolean;
}

/** Labels and help for the Settings page and `flink-desk settings --help`, one place. */
export const settingsMeta: Record<SettingKey, SettingMeta> = {
  'docker.register.image-namespace': {
    label: 'Image namespace',
    group: 'Registry',
    description: 'Namespace in the remote registry that built images are pushed to: <registry>/<namespace>/<image>.',
  },
  'flink-k8s.tracking.polling-interval-sec.job-status': {
    label: 'Job status polling interval',
    group: 'Tracking',
    description: 'How often each round of Flink job-state tracking runs.',
    unit: 'seconds',
    min: 1,
    max: 3600,
  },
  'flink-k8s.tracking.polling-task-timeout-sec.job-status': {
    label: 'Job status round timeout',
    group: 'Tracking',
    description: 'A round of job-state tracking that takes longer than this is abandoned.',
    unit: 'seconds',
    min: 1,
    max: 3600,
  },
  'flink-k8s.tracking.polling-interval-sec.cluster-metric': {
    label: 'Cluster metrics polling interval',
    group: 'Tracking',
    description: 'How often each round of cluster-metrics tracking runs.',
    unit: 'seconds',
    min: 1,
    max: 3600,
  },
  'flink-k8s.tracking.polling-task-timeout-sec.cluster-metric': {
    label: 'Cluster metrics round timeout',
    group: 'Tracking',
    description: 'A round of cluster-metrics tracking that takes longer than this is abandoned.',
    unit: 'seconds',
    min: 1,
    max: 3600,
  },
  'flink-k8s.tracking.silent-state-keep-sec': {
    label: 'Silent-state keep time',
    group: 'Tracking',
    description: 'How long a job whose cluster does not answer stays SILENT (last known state kept) before it is shown as LOST.',
    unit: 'seconds',
    min: 1,
    max: 86400,
  },
  'build.image-engine': {
    label: 'Image engine',
    group: 'Build',
    description:
      'How job images are made. Auto uses the Docker engine when one answers, else builds straight against the registry (no Docker needed: the base image is read there and only the job layers are uploaded).',
    choices: [
      { value: 'auto', label: 'Auto' },
      { value: 'docker', label: 'Docker engine' },
      { value: 'registry', label: 'Registry (no Docker)' },
    ],
  },
  'build.timeout-sec': {
    label: 'Build time limit',
    group: 'Build',
    description: 'A build (Maven, dependencies, image, push) that takes longer than this is stopped.',
    unit: 'seconds',
    min: 60,
    max: 86400,
  },
  'build.maven-command': {
    label: 'Maven command',
    group: 'Build',
    description:
      'The mvn to run when a project has no mvnw of its own. Empty: mvn on PATH. Your ~/.m2/settings.xml and repository are used.',
  },
  'notifications.on': {
    label: 'Notify when a job',
    group: 'Notifications',
    description:
      'An OS notification in the desktop app, a toast in the browser, when a tracked job or cluster turns FAILED, LOST or FINISHED, or keeps restarting. Clicking it opens the job. None chosen: no notifications.',
    choices: notifyKinds.map((k) => ({ value: k, label: notifyKindLabels[k] })),
    multiple: true,
  },
  'notifications.restart-threshold': {
    label: 'Keeps restarting after',
    group: 'Notifications',
    description:
      'How many restarts within 10 minutes count as "keeps restarting": the job entering RESTARTING, or a container of its pods restarting (a crash loop).',
    unit: 'restarts',
    min: 2,
    max: 100,
  },
  'ui.theme': {
    label: 'Theme',
    group: 'Appearance',
    description: 'Light, dark, or follow the system.',
    choices: [
      { value: 'system', label: 'System' },
      { value: 'light', label: 'Light' },
      { value: 'dark', label: 'Dark' },
    ],
  },
};

/** Parse a command-line or form string into the setting's type; numbers stay strings if they are not numbers, so
 * the schema's message (which names the rule) is what the user sees. */
export function coerceSettingValue(key: SettingKey, raw: string): unknown {
  if (typeof defaultSettings[key] === 'number') {
    const t = raw.trim();
    return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
  }
  return raw;
}
