// Memory and CPU as the job spec accepts them, and as Flink reads them. Flink's MemorySize syntax is a whole number
// and an optional unit (b, k/kb, m/mb, g/gb, t/tb, case-insensitive, 1024-based); Kubernetes users also write Mi/Gi,
// which mean the same and are translated. CPU is a number of cores or Kubernetes millicores ("500m").

const flinkUnits: Record<string, number> = {
  b: 0,
  bytes: 0,
  k: 1,
  kb: 1,
  kibibytes: 1,
  m: 2,
  mb: 2,
  mebibytes: 2,
  g: 3,
  gb: 3,
  gibibytes: 3,
  t: 4,
  tb: 4,
  tebibytes: 4,
};
const kubeBinary: Record<string, string> = { Ki: 'k', Mi: 'm', Gi: 'g', Ti: 't' };

export interface Memory {
  /** The value written into the Flink configuration (Flink's syntax). */
  flink: string;
  bytes: bigint;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

const memoryRule = 'a whole number with a unit, e.g. 1600m, 2g, 1728mb or 2Gi';

export function parseMemory(input: unknown): Parsed<Memory> {
  if (typeof input === 'number') return { ok: false, problem: `add a unit: ${input} alone would be bytes (${memoryRule})` };
  if (typeof input !== 'string') return { ok: false, problem: `must be ${memoryRule}` };
  const text = input.trim();
  const kube = /^(\d+)(Ki|Mi|Gi|Ti)$/.exec(text);
  const flink = kube ? `${kube[1]}${kubeBinary[kube[2]!]}` : text;
  const m = /^(\d+)\s*([a-zA-Z]*)$/.exec(flink);
  if (!m) {
    if (/^\d*\.\d+/.test(text)) return { ok: false, problem: `must be a whole number: Flink has no fractions here (${memoryRule})` };
    return { ok: false, problem: `'${text}' is not a memory size: write ${memoryRule}` };
  }
  const unit = m[2]!.toLowerCase();
  if (unit === '') return { ok: false, problem: `add a unit: '${text}' alone would be bytes (${memoryRule})` };
  const power = flinkUnits[unit];
  if (power === undefined) {
    return { ok: false, problem: `unknown unit '${m[2]}': use b, k, m, g or t (1024-based, as Flink reads them), or Ki, Mi, Gi, Ti` };
  }
  const bytes = BigInt(m[1]!) * 1024n ** BigInt(power);
  if (bytes > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, problem: `'${text}' is too large` };
  return { ok: true, value: { flink, bytes } };
}

/** Mebibytes as Flink counts them for container resources (MemorySize.getMebiBytes: whole MiB, rounded down). */
export function mebibytes(m: Memory): number {
  return Number(m.bytes >> 20n);
}

const cpuRule = 'a number of cores such as 1, 0.5 or 2, or millicores such as 500m';

export function parseCpu(input: unknown): Parsed<number> {
  let cores: number;
  if (typeof input === 'number') cores = input;
  else if (typeof input === 'string' && /^\d+m$/.test(input.trim())) cores = Number(input.trim().slice(0, -1)) / 1000;
  else if (typeof input === 'string' && /^(\d+(\.\d*)?|\.\d+)$/.test(input.trim())) cores = Number(input.trim());
  else return { ok: false, problem: `must be ${cpuRule}` };
  if (!Number.isFinite(cores) || cores <= 0) return { ok: false, problem: `must be more than 0 (${cpuRule})` };
  // Kubernetes keeps CPU to the millicore; anything finer would be rounded (or refused) by the API server.
  if (Math.abs(cores * 1000 - Math.round(cores * 1000)) > 1e-9)
    return { ok: false, problem: 'must be a whole number of millicores (at most 3 decimals)' };
  if (cores > 1024) return { ok: false, problem: 'must be at most 1024 cores' };
  return { ok: true, value: cores };
}

const MiB = 1024 * 1024;
const clamp = (x: number, lo: number, hi: number) => Math.min(Math.max(x, lo), hi);

/**
 * Flink's default memory model (JobManagerProcessUtils / TaskExecutorProcessUtils with only the process size set):
 * JVM metaspace 256m and JVM overhead 10% (192m–1g) come off the process size first; what is left must hold the
 * JobManager's 128m off-heap memory and some heap, or, for a TaskManager, 128m framework heap + 128m framework
 * off-heap + 40% managed + 10% network (64m–1g) and some task heap. Flink's client refuses anything smaller.
 */
export function processMemoryProblem(side: 'jobmanager' | 'taskmanager', m: Memory): string | undefined {
  const p = Number(m.bytes);
  const flink = p - 256 * MiB - clamp(p * 0.1, 192 * MiB, 1024 * MiB);
  const needed = side === 'jobmanager' ? 128 * MiB : 256 * MiB + 0.4 * flink + clamp(0.1 * flink, 64 * MiB, 1024 * MiB);
  if (flink > needed) return undefined;
  const min = side === 'jobmanager' ? '600m' : '1g';
  return `${m.flink} is too small for Flink's ${side === 'jobmanager' ? 'JobManager' : 'TaskManager'} memory model (metaspace, overhead${side === 'jobmanager' ? ', off-heap' : ', framework, managed and network memory'} leave no heap): give at least about ${min}`;
}

/**
 * A size as Flink's configuration holds it (MemorySize: a whole number, an optional unit, bytes without one), in
 * bytes; undefined for anything else. For reading what a running cluster reports, not for checking what a user typed.
 */
export function flinkMemoryBytes(value: string): number | undefined {
  const m = /^(\d+)\s*([a-zA-Z]*)$/.exec(value.trim());
  const power = m ? flinkUnits[m[2]!.toLowerCase() || 'b'] : undefined;
  if (power === undefined) return undefined;
  const bytes = BigInt(m![1]!) * 1024n ** BigInt(power);
  return bytes <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(bytes) : undefined;
}
