// What a failed Maven run means for the user, from the evidence its output left (maven-output.ts): compile errors
// with file and line, failing tests, an unreachable or incomplete repository, no Java, no compiler; else the
// cause Maven gave. Pure.
import { AppError } from '../../../shared/errors';
import type { MavenState } from './maven-output';

const SEE_LOG = "The whole Maven output is in this step's log";

export function mavenFailure(s: MavenState, exitCode: number | null, what: string): AppError {
  if (s.compileErrors.length) {
    const first = s.compileErrors[0]!;
    const more = s.compileErrors.length > 1 ? ` (and ${s.compileErrors.length - 1} more)` : '';
    return new AppError({
      code: 'invalid-input',
      message: `${what}: compilation failed at ${first.file}:${first.line}:${first.column}: ${first.message}${more}`,
      hint: `Fix ${first.file.split(/[\\/]/).pop()} line ${first.line}${more ? ' and the other errors listed in the log' : ''}, then build again`,
    });
  }
  if (s.tests.failures + s.tests.errors > 0 || s.testFailureReported)
    return new AppError({
      code: 'invalid-input',
      message: `${what}: tests failed${s.tests.run ? ` (${s.tests.failures} failures, ${s.tests.errors} errors of ${s.tests.run} tests)` : ''}`,
      hint: 'Fix the failing tests (see the log and target/surefire-reports), or build without them: add -DskipTests to artifact.maven.args',
    });
  if (s.javaMissing || s.noCompiler)
    return new AppError({
      code: 'tool-missing',
      message: s.noCompiler
        ? `${what}: Maven runs on a Java runtime without a compiler (a JRE, not a JDK)`
        : `${what}: Maven cannot find Java (${s.javaMissing})`,
      hint: 'Install a JDK (17 or 11) and set JAVA_HOME to it, or put its bin directory on PATH, then build again',
    });
  if (s.transferFailures.length)
    return new AppError({
      code: 'unreachable',
      message: `${what}: Maven could not download from its repository: ${s.transferFailures[0]}`,
      hint: 'Check the network and any proxy, and the mirrors and proxies in ~/.m2/settings.xml; when everything is already cached, add -o to artifact.maven.args to build offline',
    });
  if (s.notFound.length)
    return new AppError({
      code: 'not-found',
      message: `${what}: ${s.notFound[0]}`,
      hint: 'Check the dependency coordinates (group:artifact:version) and that a repository in ~/.m2/settings.xml has them',
    });
  if (s.failedGoal)
    return new AppError({
      code: 'internal',
      message: `${what}: ${s.failedGoal.goal} failed on ${s.failedGoal.project}: ${s.failedGoal.cause}`,
      hint: SEE_LOG,
    });
  return new AppError({
    code: 'internal',
    message: `${what}: Maven ended with exit code ${exitCode ?? 'none'}`,
    hint: SEE_LOG,
  });
}

export function mavenNotFound(command: string, fromSetting: boolean): AppError {
  return new AppError({
    code: 'tool-missing',
    message: fromSetting ? `The Maven command ${command} (Settings → Build) cannot be run` : 'Maven (mvn) is not on PATH',
    hint: fromSetting
      ? 'Set Settings → Build → Maven command to the full path of mvn, or leave it empty to use mvn on PATH'
      : 'Install Maven (or add an mvnw wrapper to the project), or set Settings → Build → Maven command to the path of mvn',
  });
}
