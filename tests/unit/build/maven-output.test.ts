// Maven's batch output as Maven 3.8/3.9 print it (lines from real runs of the example job), read into progress and
// failure evidence; and what each failure tells the user.
import { describe, expect, it } from 'vitest';
import { describeState, feed, initialState } from '../../../electron/services/build/maven-output';
import { mavenFailure } from '../../../electron/services/build/maven-errors';
import { buildArgs, mavenCommand, REPRODUCIBLE_TIMESTAMP } from '../../../electron/services/build/maven-runner';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (lines: string[]) => {
  const s = initialState();
  for (const l of lines) feed(s, l);
  return s;
};

const success = [
  '[INFO] Scanning for projects...',
  '[INFO] --------------< dev.flinkdesk.examples:flink-datagen-job >--------------',
  '[INFO] Building Flink Desk example: datagen job 1.0',
  '[INFO] --------------------------------[ jar ]---------------------------------',
  '[INFO] --- maven-compiler-plugin:3.13.0:compile (default-compile) @ flink-datagen-job ---',
  '[INFO] --- maven-jar-plugin:3.4.2:jar (default-jar) @ flink-datagen-job ---',
  '[INFO] Building jar: /p/target/flink-datagen-job-1.0.jar',
  '[INFO] --- maven-shade-plugin:3.6.0:shade (default) @ flink-datagen-job ---',
  '[INFO] Replacing original artifact with shaded artifact.',
  '[INFO] Replacing /p/target/flink-datagen-job-1.0.jar with /p/target/flink-datagen-job-1.0-shaded.jar',
  '[INFO] BUILD SUCCESS',
];

describe('maven output', () => {
  it('moves the progress forward through the goals and ends at 1 on success, with the shaded jar', () => {
    const s = initialState();
    const seen: number[] = [];
    for (const l of success) {
      feed(s, l);
      seen.push(s.progress);
    }
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(s.progress).toBe(1);
    expect(s.moduleName).toBe('Flink Desk example: datagen job');
    expect(s.shadedJars).toEqual(['/p/target/flink-datagen-job-1.0.jar']);
    expect(s.result).toBe('SUCCESS');
  });

  it('counts reactor modules [i/n] and reads Maven 3.9 short plugin names', () => {
    const s = run([
      '[INFO] Building core 1.0                                              [1/2]',
      '[INFO] --- compiler:3.13.0:compile (default-compile) @ core ---',
    ]);
    expect(s.modules).toBe(2);
    expect(s.progress).toBeCloseTo(0.075);
    expect(describeState(s)).toBe('module 1/2 core — compiler:compile');
    feed(s, '[INFO] Building job 1.0                                              [2/2]');
    expect(s.progress).toBeCloseTo(0.5);
  });

  it('collects compile errors with file, line and column, once each', () => {
    const s = run([
      '[ERROR] COMPILATION ERROR : ',
      '[ERROR] /p/src/main/java/dev/Job.java:[51,12] cannot find symbol',
      '[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.13.0:compile (default-compile) on project job: Compilation failure',
      '[ERROR] /p/src/main/java/dev/Job.java:[51,12] cannot find symbol',
      '[ERROR] /p/src/main/java/dev/Other.java:[3,1] class, interface, enum, or record expected',
    ]);
    expect(s.compileErrors).toEqual([
      { file: '/p/src/main/java/dev/Job.java', line: 51, column: 12, message: 'cannot find symbol' },
      { file: '/p/src/main/java/dev/Other.java', line: 3, column: 1, message: 'class, interface, enum, or record expected' },
    ]);
    const e = mavenFailure(s, 1, 'Maven build of /p');
    expect(e.code).toBe('invalid-input');
    expect(e.message).toBe('Maven build of /p: compilation failed at /p/src/main/java/dev/Job.java:51:12: cannot find symbol (and 1 more)');
    expect(e.hint).toContain('Job.java line 51');
  });

  it('tells failing tests, an unreachable repository, a missing artifact and a missing Java apart', () => {
    const tests = run([
      '[INFO] Tests run: 1, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.1 s <<< FAILURE! - in dev.JobTest',
      '[ERROR] Tests run: 3, Failures: 1, Errors: 1, Skipped: 0',
      '[ERROR] There are test failures.',
    ]);
    expect(tests.tests).toEqual({ run: 3, failures: 1, errors: 1, skipped: 0 });
    expect(mavenFailure(tests, 1, 'B').message).toBe('B: tests failed (1 failures, 1 errors of 3 tests)');
    expect(mavenFailure(tests, 1, 'B').hint).toContain('-DskipTests');

    const net = run([
      '[ERROR] Failed to execute goal on project job: Could not resolve dependencies for project dev:job:jar:1.0: Could not transfer artifact org.apache.flink:flink-core:jar:1.20.5 from/to central (https://repo.maven.apache.org/maven2): Connect to repo.maven.apache.org:443 failed: Connection refused',
    ]);
    const n = mavenFailure(net, 1, 'B');
    expect(n.code).toBe('unreachable');
    expect(n.message).toContain('Could not transfer artifact org.apache.flink:flink-core:jar:1.20.5');
    expect(n.hint).toContain('settings.xml');

    const missing = run([
      '[ERROR] Failed to execute goal on project job: Could not find artifact org.example:nope:jar:9 in central (https://repo.maven.apache.org/maven2)',
    ]);
    expect(mavenFailure(missing, 1, 'B')).toMatchObject({ code: 'not-found' });

    const java = run(['The JAVA_HOME environment variable is not defined correctly']);
    expect(mavenFailure(java, 1, 'B')).toMatchObject({ code: 'tool-missing' });
    expect(
      mavenFailure(
        run(['[ERROR] No compiler is provided in this environment. Perhaps you are running on a JRE rather than a JDK?']),
        1,
        'B',
      ).message,
    ).toContain('JRE');

    expect(mavenFailure(initialState(), 137, 'B').message).toBe('B: Maven ended with exit code 137');
  });
});

describe('maven command and arguments', () => {
  it("prefers the project's executable mvnw, then the setting, then mvn on PATH", () => {
    const dir = mkdtempSync(join(tmpdir(), 'fd-mvnw-'));
    expect(mavenCommand(dir, '')).toEqual({ command: 'mvn', source: 'PATH' });
    expect(mavenCommand(dir, '/opt/maven/bin/mvn')).toEqual({ command: '/opt/maven/bin/mvn', source: 'setting' });
    writeFileSync(join(dir, 'mvnw'), '#!/bin/sh\n');
    expect(mavenCommand(dir, '').source).toBe('PATH'); // not executable
    chmodSync(join(dir, 'mvnw'), 0o755);
    expect(mavenCommand(dir, '/opt/maven/bin/mvn')).toEqual({ command: join(dir, 'mvnw'), source: 'mvnw' });
  });

  it('runs in batch mode, package by default, with a reproducible timestamp unless the project has its own', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fd-pom-'));
    writeFileSync(join(dir, 'pom.xml'), '<project/>');
    expect(buildArgs(dir, undefined)).toEqual(['-B', 'package', REPRODUCIBLE_TIMESTAMP]);
    expect(buildArgs(dir, ['-B', 'clean', 'package', '-DskipTests'])).toEqual([
      '-B',
      'clean',
      'package',
      '-DskipTests',
      REPRODUCIBLE_TIMESTAMP,
    ]);
    expect(buildArgs(dir, ['package', '-Dproject.build.outputTimestamp=10'])).toEqual([
      '-B',
      'package',
      '-Dproject.build.outputTimestamp=10',
    ]);
    writeFileSync(
      join(dir, 'pom.xml'),
      '<project><properties><project.build.outputTimestamp>2024-01-01T00:00:00Z</project.build.outputTimestamp></properties></project>',
    );
    expect(buildArgs(dir, undefined)).toEqual(['-B', 'package']);
  });
});
