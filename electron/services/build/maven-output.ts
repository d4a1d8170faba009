// Maven's batch-mode output, line by line: where the build is (reactor module i/n, the plugin goal running) for the
// progress bar, the shaded jar it reports, and the evidence a failure leaves (compile errors with file and line,
// test counts, transfer failures, the "Failed to execute goal" cause). Only the display and the error message come
// from here: the exit code says whether the build worked. Pure; unit-tested with Maven 3.8/3.9 output.

export interface CompileError {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface MavenState {
  modules: number;
  module: number;
  moduleName?: string;
  goal?: string;
  /** 0..1 */
  progress: number;
  compileErrors: CompileError[];
  tests: { run: number; failures: number; errors: number; skipped: number };
  testFailureReported: boolean;
  /** Jars the shade plugin wrote over the module's artifact ("Replacing A with B": A is the result). */
  shadedJars: string[];
  transferFailures: string[];
  notFound: string[];
  failedGoal?: { goal: string; project: string; cause: string };
  javaMissing?: string;
  noCompiler: boolean;
  result?: 'SUCCESS' | 'FAILURE';
}

export function initialState(): MavenState {
  return {
    modules: 1,
    module: 0,
    progress: 0,
    compileErrors: [],
    tests: { run: 0, failures: 0, errors: 0, skipped: 0 },
    testFailureReported: false,
    shadedJars: [],
    transferFailures: [],
    notFound: [],
    noCompiler: false,
  };
}

/** Where in a module's lifecycle a goal runs, as a fraction of the module. */
const goalWeight: Record<string, number> = {
  clean: 0.02,
  'copy-resources': 0.05,
  resources: 0.05,
  compile: 0.15,
  testResources: 0.35,
  testCompile: 0.4,
  test: 0.5,
  jar: 0.8,
  war: 0.8,
  shade: 0.88,
  repackage: 0.88,
  single: 0.9,
  install: 0.95,
};

const LEVEL = /^\[(INFO|WARNING|ERROR|DEBUG)\] ?/;
const BUILDING = /^Building (.+?) (\S+)(?: +\[(\d+)\/(\d+)\])?$/;
/** plugin:version:goal (execution) @ module — Maven 3.9 shortens the plugin's name (compiler:3.13.0:compile). */
const MOJO = /^--- ([\w.-]+):([\w.-]+):([\w.-]+) \(([^)]+)\) @ (\S+) ---$/;
const COMPILE = /^(\/.+?\.(?:java|kt|scala|groovy)|[A-Za-z]:\\.+?\.(?:java|kt|scala|groovy)):\[(\d+),(\d+)\] (.+)$/;
const TESTS = /^Tests run: (\d+), Failures: (\d+), Errors: (\d+), Skipped: (\d+)(.*)$/;
const REPLACING = /^Replacing (\S+\.jar) with (\S+\.jar)$/;
const FAILED_GOAL = /^Failed to execute goal (\S+) \(([^)]*)\) on project (\S+): (.+?)(?: -> \[Help \d+\])?$/;
const TRANSFER =
  /(Could not transfer artifact .+|Failed to transfer .+|Could not resolve .+: (?:Connect|Connection|Unknown host|connect timed out|Network is unreachable|Remote host terminated).+|Non-resolvable parent POM.+)/;
const NOT_FOUND = /(Could not find artifact \S+(?: in \S+(?: \([^)]*\))?)?|\S+ was not found in \S+ during a previous attempt.*)/;
const JAVA =
  /(JAVA_HOME (?:environment variable )?is not defined correctly|JAVA_HOME is set to an invalid directory|java: (?:command )?not found|Unable to locate a Java Runtime|The JAVA_HOME environment variable is not defined correctly)/i;

export function feed(state: MavenState, raw: string): boolean {
  const level = LEVEL.exec(raw)?.[1];
  const line = raw.replace(LEVEL, '');
  let changed = false;
  const java = JAVA.exec(raw);
  if (java) state.javaMissing ??= java[1]!;
  const b = BUILDING.exec(line);
  if (b && !line.startsWith('Building jar')) {
    state.moduleName = b[1]!;
    if (b[3] && b[4]) {
      state.module = Number(b[3]);
      state.modules = Number(b[4]);
    } else {
      state.module = Math.max(1, state.module + 1);
      if (state.modules < state.module) state.modules = state.module;
    }
    state.goal = undefined;
    state.progress = Math.min(0.99, (state.module - 1) / state.modules);
    return true;
  }
  const m = MOJO.exec(line);
  if (m) {
    const goal = m[3]!;
    state.goal = `${m[1]}:${goal}`;
    const within = goalWeight[goal] ?? 0.5;
    const n = Math.max(1, state.modules);
    const next = Math.min(0.99, (Math.max(1, state.module) - 1 + within) / n);
    if (next > state.progress) state.progress = next;
    return true;
  }
  if (level === 'ERROR') {
    const c = COMPILE.exec(line.trim());
    if (c && !state.compileErrors.some((e) => e.file === c[1] && e.line === Number(c[2]) && e.column === Number(c[3]))) {
      state.compileErrors.push({ file: c[1]!, line: Number(c[2]), column: Number(c[3]), message: c[4]! });
      changed = true;
    }
    const f = FAILED_GOAL.exec(line);
    if (f) state.failedGoal = { goal: f[1]!, project: f[3]!, cause: f[4]! };
    if (/There are test failures|Tests? (?:run|are) failing|There were test failures/.test(line)) state.testFailureReported = true;
    if (/No compiler is provided in this environment/.test(line)) state.noCompiler = true;
  }
  const t = TESTS.exec(line);
  // Per-class lines end with " - in …" (or "Time elapsed"); the module's summary has neither.
  if (t && !/ - in |Time elapsed/.test(t[5] ?? '')) {
    state.tests.run += Number(t[1]);
    state.tests.failures += Number(t[2]);
    state.tests.errors += Number(t[3]);
    state.tests.skipped += Number(t[4]);
  }
  const r = REPLACING.exec(line);
  if (r) state.shadedJars.push(r[1]!);
  if (level === 'ERROR' || level === 'WARNING') {
    const tr = TRANSFER.exec(line);
    if (tr && state.transferFailures.length < 5 && !state.transferFailures.includes(tr[1]!)) state.transferFailures.push(tr[1]!);
    const nf = NOT_FOUND.exec(line);
    if (nf && state.notFound.length < 5 && !state.notFound.includes(nf[1]!)) state.notFound.push(nf[1]!);
  }
  const res = /^BUILD (SUCCESS|FAILURE)$/.exec(line);
  if (res) {
    state.result = res[1] as 'SUCCESS' | 'FAILURE';
    if (state.result === 'SUCCESS') state.progress = 1;
    changed = true;
  }
  return changed;
}

/** "module 2/3 flink-job — maven-shade-plugin:shade" for the step's detail. */
export function describeState(s: MavenState): string {
  const where = s.modules > 1 ? `module ${s.module}/${s.modules} ${s.moduleName ?? ''}` : (s.moduleName ?? 'scanning for projects');
  return s.goal ? `${where.trim()} — ${s.goal}` : where.trim();
}
