// The JVM failures a Flink log or exception shows that a user can fix: classes missing from the job jar, classes
// of another version than the code was built against, and the Java memory pools that ran out.

export interface LogText {
  /** Pod/container the lines came from, for the evidence ("orders-taskmanager-1-1/flink-main-container"). */
  from: string;
  lines: string[];
}

export interface JvmFailure {
  kind: 'class-not-found' | 'method-mismatch' | 'java-oom';
  /** The class (class-not-found), the member (method-mismatch) or the pool (java-oom: "Java heap space", …). */
  subject: string;
  /** The line it was found in, trimmed, with where it came from. */
  line: string;
}

const CLASS_NOT_FOUND =
  /\b(?:java\.lang\.)?(ClassNotFoundException|NoClassDefFoundError)\b:?\s*(?:Could not initialize class\s+)?([\w$./]+)?/;
const MISMATCH = /\b(?:java\.lang\.)?(NoSuchMethodError|NoSuchFieldError|AbstractMethodError|IncompatibleClassChangeError)\b:?\s*(.*)$/;
const JAVA_OOM = /\bjava\.lang\.OutOfMemoryError\b:?\s*(.*)$/;

const clip = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The first failure of each kind in the texts (a stack trace repeats its cause many times). */
export function jvmFailures(texts: LogText[]): JvmFailure[] {
  const found = new Map<JvmFailure['kind'], JvmFailure>();
  for (const t of texts) {
    for (const raw of t.lines) {
      const line = raw.trim();
      if (!found.has('class-not-found')) {
        const m = CLASS_NOT_FOUND.exec(line);
        if (m?.[2])
          found.set('class-not-found', { kind: 'class-not-found', subject: m[2].replaceAll('/', '.'), line: `${t.from}: ${clip(line)}` });
      }
      if (!found.has('method-mismatch')) {
        const m = MISMATCH.exec(line);
        if (m)
          found.set('method-mismatch', {
            kind: 'method-mismatch',
            subject: clip(m[2]?.trim() || m[1]!, 200),
            line: `${t.from}: ${clip(line)}`,
          });
      }
      if (!found.has('java-oom')) {
        const m = JAVA_OOM.exec(line);
        if (m) found.set('java-oom', { kind: 'java-oom', subject: m[1]?.trim() || 'Java heap space', line: `${t.from}: ${clip(line)}` });
      }
    }
  }
  return [...found.values()];
}

/** The Flink option that sizes the memory pool a java.lang.OutOfMemoryError names. */
export function optionForJavaOom(pool: string, component: 'jobmanager' | 'taskmanager'): string {
  const p = pool.toLowerCase();
  if (p.includes('metaspace')) return `${component}.memory.jvm-metaspace.size`;
  if (p.includes('direct buffer'))
    return component === 'taskmanager' ? 'taskmanager.memory.task.off-heap.size' : 'jobmanager.memory.off-heap.size';
  return component === 'taskmanager' ? 'taskmanager.memory.task.heap.size' : 'jobmanager.memory.heap.size';
}
