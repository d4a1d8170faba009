// Times as the user's locale writes them, through Intl: "5 minutes ago", "yesterday", "10:42:07", "3 Mar 2026, 10:42".
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** How long ago `at` was, seen from `now`; under a minute is "now" (the page refreshes it every 30 s). */
export function timeAgo(at: number, now: number): string {
  const diff = at - now;
  for (const [unit, ms] of units) if (Math.abs(diff) >= ms) return relative.format(Math.trunc(diff / ms), unit);
  return relative.format(0, 'second');
}

export const formatDateTime = (at: number): string => dateTime.format(at);
export const formatTime = (at: number): string => time.format(at);
