// Two behaviours of the JVM that show in what Flink's client writes, reproduced because no library does:
// Double.toString (CPU quantities: "1.0", "0.5") and the iteration order of a java.util.HashMap<String, …> (Flink
// turns a few maps into lists — env variables, secret volumes — in that order).

/** Java's Double.toString for the values CPU amounts take (plain decimals in [1e-3, 1e7), else Java's E notation). */
export function javaDouble(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : x < 0 ? '-Infinity' : 'NaN';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(x);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mantissa = '', exp = '0'] = x.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exp)}`;
}

/** String.hashCode: s[0]*31^(n-1) + … + s[n-1], in 32-bit arithmetic over UTF-16 code units. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** HashMap.hash: the high half folded into the low half. */
function spread(h: number): number {
  return (h ^ (h >>> 16)) >>> 0;
}

/** The table size of a HashMap grown by put() from the default 16 (resize past 0.75 load). */
export function grownCapacity(size: number): number {
  let cap = 16;
  while (size > cap * 0.75) cap *= 2;
  return cap;
}

/** The table size of HashMap(ceil(expected / 0.75)) — Flink's CollectionUtil.newHashMapWithExpectedSize. */
export function presizedCapacity(expected: number): number {
  const initial = Math.max(1, Math.ceil(expected / 0.75));
  let cap = 1;
  while (cap < initial) cap *= 2;
  return Math.max(cap, 1);
}

/**
 * The order a HashMap<String, V> iterates its keys: by bucket, and within a bucket by insertion. `keys` is in
 * insertion order. (Buckets that overflow into trees need 8 colliding keys; not a case for the few keys here.)
 */
export function javaHashMapOrder(keys: string[], capacity = grownCapacity(keys.length)): string[] {
  return keys
    .map((k, i) => ({ k, i, b: spread(javaStringHash(k)) & (capacity - 1) }))
    .sort((a, b) => a.b - b.b || a.i - b.i)
    .map((e) => e.k);
}
