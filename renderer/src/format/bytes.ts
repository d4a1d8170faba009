// Sizes as the user's locale writes them, through Intl: "0 bytes", "812 bytes", "4.2 MB", "1.3 GB" (decimal units,
// as registries and the docker CLI count them).
const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
const formats = new Map<string, Intl.NumberFormat>();

function format(unit: (typeof units)[number], digits: number): Intl.NumberFormat {
  const key = `${unit}/${digits}`;
  let f = formats.get(key);
  if (!f)
    formats.set(
      key,
      (f = new Intl.NumberFormat(undefined, {
        style: 'unit',
        unit,
        unitDisplay: unit === 'byte' ? 'long' : 'short',
        maximumFractionDigits: digits,
      })),
    );
  return f;
}

export function formatBytes(n: number): string {
  let i = 0;
  let v = Math.max(0, n);
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return format(units[i]!, i === 0 ? 0 : v < 10 ? 1 : 0).format(v);
}

const mebi = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const gibi = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** A memory size as Flink's options write it, 1024-based: "1,600 MiB" (what `1600m` means), "12.5 GiB" from 10 GiB. */
export function formatMemory(bytes: number): string {
  const mib = bytes / 1024 / 1024;
  return mib < 10 * 1024 ? `${mebi.format(mib)} MiB` : `${gibi.format(mib / 1024)} GiB`;
}
