// Which job changes Flink Desk tells the user about (the setting notifications.on): a comma-separated list of these
// kinds, in any order; empty: none.
export const notifyKinds = ['failed', 'lost', 'finished', 'restarting'] as const;
export type NotifyKind = (typeof notifyKinds)[number];

export const notifyKindLabels: Record<NotifyKind, string> = {
  failed: 'Failed',
  lost: 'Lost',
  finished: 'Finished',
  restarting: 'Keeps restarting',
};

/** The kinds a setting value names; undefined when it names something else (the setting's rule then refuses it). */
export function parseNotifyKinds(value: string): NotifyKind[] | undefined {
  const parts = value
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
  if (!parts.every((p): p is NotifyKind => (notifyKinds as readonly string[]).includes(p))) return undefined;
  return notifyKinds.filter((k) => parts.includes(k));
}

/** The setting value for a set of kinds, in the canonical order. */
export function formatNotifyKinds(kinds: readonly NotifyKind[]): string {
  return notifyKinds.filter((k) => kinds.includes(k)).join(',');
}
