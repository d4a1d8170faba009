// Runs the user's Maven: the project's own mvnw when it has one (it pins the Maven version the project wants), else
// the configured command, else mvn on PATH; batch mode; the user's ~/.m2/settings.xml and local repository as
// Maven finds them itself (so mirrors, proxies and private repositories work). Each output line goes to the step's
// log as it comes; the reactor and goal lines move the progress bar; the exit code decides.
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { OperationContext } from '../operations/operation-registry';
import { describeState, feed, initialState, type MavenState } from './maven-output';
import { mavenFailure, mavenNotFound } from './maven-errors';
import { runGroup, SpawnError } from './process-group';

export interface MavenCommand {
  command: string;
  /** Where it came from, for the log and the errors. */
  source: 'mvnw' | 'setting' | 'PATH';
}

export function mavenCommand(projectDir: string | undefined, configured: string): MavenCommand {
  if (projectDir) {
    const wrapper = join(projectDir, process.platform === 'win32' ? 'mvnw.cmd' : 'mvnw');
    if (existsSync(wrapper)) {
      try {
        accessSync(wrapper, constants.X_OK);
        return { command: wrapper, source: 'mvnw' };
      } catch {
        // A wrapper without its execute bit (checked out on Windows, say) is not runnable; Maven itself still is.
      }
    }
  }
  if (configured.trim()) return { command: configured.trim(), source: 'setting' };
  return { command: process.platform === 'win32' ? 'mvn.cmd' : 'mvn', source: 'PATH' };
}

/** A fixed archive timestamp, so an unchanged project gives a byte-identical jar (and so the same image tag). */
export const REPRODUCIBLE_TIMESTAMP = '-Dproject.build.outputTimestamp=1980-01-01T00:00:02Z';

/** The arguments for a project build: -B first, then the user's (default: package), then the timestamp unless the
 * user or the pom chose one (the project's own choice wins). */
export function buildArgs(projectDir: string, userArgs: string[] | undefined): string[] {
  const args = userArgs?.length ? [...userArgs] : ['package'];
  const own =
    args.some((a) => a.startsWith('-Dproject.build.outputTimestamp')) ||
    (() => {
      try {
        return /<project\.build\.outputTimestamp>/.test(readFileSync(join(projectDir, 'pom.xml'), 'utf8'));
      } catch {
        return false;
      }
    })();
  return ['-B', ...args.filter((a) => a !== '-B' && a !== '--batch-mode'), ...(own ? [] : [REPRODUCIBLE_TIMESTAMP])];
}

export interface MavenRun {
  state: MavenState;
  pid?: number;
}

/** Runs Maven for `stepId`; resolves with what its output said when it exits 0, throws an AppError otherwise. */
export async function runMaven(
  op: OperationContext,
  stepId: string,
  mvn: MavenCommand,
  args: string[],
  o: { cwd: string; env: NodeJS.ProcessEnv; what: string; progress?: (fraction: number) => void },
): Promise<MavenRun> {
  const state = initialState();
  const run: MavenRun = { state };
  op.logTo(
    stepId,
    `$ ${mvn.command} ${args.join(' ')}   (in ${o.cwd}; ${mvn.source === 'mvnw' ? "the project's wrapper" : mvn.source === 'setting' ? 'Settings → Build' : 'mvn on PATH'})`,
  );
  let last = 0;
  let result;
  try {
    result = await runGroup(mvn.command, args, {
      cwd: o.cwd,
      env: { ...o.env, MAVEN_BATCH_MODE: 'true' },
      signal: op.signal,
      onStart: (pid) => {
        run.pid = pid;
        op.logTo(stepId, `started Maven (process group ${pid})`);
      },
      onLine: (line) => {
        op.logTo(stepId, line);
        const before = state.progress;
        if (feed(state, line) || state.progress !== before) {
          if (state.progress - last >= 0.01 || state.progress === 1) {
            last = state.progress;
            if (o.progress) o.progress(state.progress);
            else op.step(stepId, { progress: state.progress, detail: describeState(state) });
          }
        }
      },
    });
  } catch (e) {
    if (e instanceof SpawnError && e.code === 'ENOENT') throw mavenNotFound(mvn.command, mvn.source === 'setting');
    if (e instanceof SpawnError && e.code === 'EACCES')
      throw new AppError({
        code: 'tool-missing',
        message: `${mvn.command} may not be run (permission denied)`,
        hint: mvn.source === 'mvnw' ? 'Make the wrapper executable: chmod +x mvnw' : 'Check the Maven command in Settings → Build',
      });
    throw e;
  }
  if (result.aborted) throw new AppError({ code: 'cancelled', message: `${o.what}: stopped (Maven and everything it started)` });
  if (result.code !== 0) throw mavenFailure(state, result.code, o.what);
  return run;
}
