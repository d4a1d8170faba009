// Which jar a Maven build made for the job: the jars written during this build under the project's target/ (and
// its modules' target/), without the pre-shade originals, sources, javadoc and test jars. One is the answer; of
// several, the shaded one (the shade plugin said it replaced it, or an original-*.jar lies beside it, or its name
// says -shaded/-all/-with-dependencies); otherwise the user must choose, and the error lists them.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { AppError } from '../../../shared/errors';

const NOT_THE_JOB = /(^original-|-sources\.jar$|-javadoc\.jar$|-tests?\.jar$|-test-sources\.jar$)/;
const SHADED_NAME = /-(shaded|all|fat|uber|jar-with-dependencies|with-dependencies)\.jar$/;

function jarsIn(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.jar'))
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

/** target/ of the project and of its modules one and two levels down (the usual multi-module layouts). */
function targetDirs(project: string): string[] {
  const out = [join(project, 'target')];
  const children = (d: string) => {
    try {
      return readdirSync(d, { withFileTypes: true })
        .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'target' && e.name !== 'src' && e.name !== 'node_modules')
        .map((e) => join(d, e.name));
    } catch {
      return [];
    }
  };
  for (const m of children(project)) {
    if (existsSync(join(m, 'pom.xml'))) out.push(join(m, 'target'));
    for (const mm of children(m)) if (existsSync(join(mm, 'pom.xml'))) out.push(join(mm, 'target'));
  }
  return out;
}

export function pickJobJar(project: string, startedAt: number, shadedByMaven: string[]): string {
  // Filesystem times can be coarse (1-2 s on some): a little slack, never more than the build itself.
  const fresh = (f: string) => statSync(f).mtimeMs >= startedAt - 2_000;
  const all = targetDirs(project).flatMap(jarsIn);
  const candidates = all.filter((f) => !NOT_THE_JOB.test(basename(f)) && fresh(f));
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length === 0)
    throw new AppError({
      code: 'not-found',
      message: `The Maven build made no jar under ${join(project, 'target')}${all.length ? ` (only ${all.map((f) => relative(project, f)).join(', ')})` : ''}`,
      hint: 'Build with the package phase (artifact.maven.args: [package]) and packaging jar; the job jar is what the shade plugin or the jar plugin writes to target/',
    });
  // What Maven itself reported of this build beats what file names suggest.
  const reported = candidates.filter((f) => shadedByMaven.includes(f));
  if (reported.length === 1) return reported[0]!;
  const shaded = candidates.filter((f) => existsSync(join(dirname(f), `original-${basename(f)}`)) || SHADED_NAME.test(basename(f)));
  if (shaded.length === 1) return shaded[0]!;
  const list = (shaded.length ? shaded : candidates).map((f) => relative(project, f));
  throw new AppError({
    code: 'conflict',
    message: `The Maven build made ${list.length} jars that could each be the job: ${list.join(', ')}`,
    hint: 'Build only the job module (add -pl <module> -am to artifact.maven.args), or build it yourself and give artifact.jar the one to use',
  });
}
