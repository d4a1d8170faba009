// An age as the user's locale says it, to the second while it is recent: "now", "12 seconds ago", "3 minutes ago".
// The tracked list shows how long ago each cluster last answered, and that must move every second to be believed.
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });

const steps: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

export function formatAge(ms: number): string {
  const age = Math.max(0, ms);
  for (const [unit, size] of steps) if (age >= size) return relative.format(-Math.floor(age / size), unit);
  return relative.format(0, 'second');
}
