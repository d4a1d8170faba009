// Job specs from YAML files: relative paths resolve against the file's directory (DESIGN §4), pod template files
// are read into the document, and every problem names its field. The result is a parsed, valid JobDocument.
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { AppError } from '../../../shared/errors';
import { checkJobDocument, type JobDocument, type SpecProblem } from '../../../shared/jobs/spec';

export type ReadText = (path: string) => Promise<string>;
const readUtf8: ReadText = (p) => readFile(p, 'utf8');

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function specError(problems: SpecProblem[]): AppError {
  const first = problems[0]!;
  return new AppError({
    code: 'invalid-input',
    message: `${first.field}: ${first.message}`,
    hint: problems.length > 1 ? `${problems.length} problems in the spec; fix them and try again` : 'Fix the spec and try again',
    fields: problems.reduce<Record<string, string>>(
      (f, p) => ({ ...f, [p.field]: f[p.field] ? `${f[p.field]}; ${p.message}` : p.message }),
      {},
    ),
  });
}

function problem(field: string, message: string): AppError {
  return specError([{ field, message }]);
}

function absolute(path: string, baseDir: string | undefined, field: string): string {
  if (isAbsolute(path)) return path;
  if (!baseDir) throw problem(field, `'${path}' is relative, and there is no spec file to resolve it against: give an absolute path`);
  return resolve(baseDir, path);
}

const isUri = (s: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(s);

/**
 * Resolve the document's paths against baseDir and read its pod template files, on a copy of the raw document
 * (before the schema, so that the templates' content is checked with everything else).
 */
export async function resolveDocument(raw: unknown, baseDir: string | undefined, readText: ReadText = readUtf8): Promise<unknown> {
  if (!isObj(raw) || !isObj(raw.spec)) return raw;
  const doc = structuredClone(raw);
  const spec = doc.spec as Obj;
  const slots: Array<[Obj, string, string]> = [[spec, 'podTemplate', 'spec.podTemplate']];
  for (const side of ['jobManager', 'taskManager'])
    if (isObj(spec[side])) slots.push([spec[side], 'podTemplate', `spec.${side}.podTemplate`]);
  for (const [owner, key, field] of slots) {
    const ref = owner[key];
    if (!isObj(ref) || typeof ref.file !== 'string' || ref.text !== undefined) continue;
    const file = absolute(ref.file, baseDir, `${field}.file`);
    try {
      owner[key] = { file, text: await readText(file) };
    } catch (e) {
      throw problem(`${field}.file`, `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  // A jar or project on this machine (to upload or to build); with image.ref the jar is a path inside the image.
  const prebuilt = isObj(spec.image) && typeof spec.image.ref === 'string';
  const sessionJob = spec.mode === 'session' && spec.session !== undefined;
  const artifact = spec.artifact;
  if (isObj(artifact) && typeof artifact.jar === 'string' && !isUri(artifact.jar) && (!prebuilt || sessionJob))
    artifact.jar = absolute(artifact.jar, baseDir, 'spec.artifact.jar');
  if (isObj(artifact) && isObj(artifact.maven) && typeof artifact.maven.project === 'string')
    artifact.maven.project = absolute(artifact.maven.project, baseDir, 'spec.artifact.maven.project');
  if (Array.isArray(spec.dependencies))
    spec.dependencies = (spec.dependencies as unknown[]).map((d, i): unknown =>
      typeof d === 'string' && d.endsWith('.jar') && !isUri(d) ? absolute(d, baseDir, `spec.dependencies.${i}`) : d,
    );
  return doc;
}

/** A raw document (from YAML or a form) checked and with its files read. */
export async function loadDocument(raw: unknown, baseDir: string | undefined, readText: ReadText = readUtf8): Promise<JobDocument> {
  const checked = checkJobDocument(await resolveDocument(raw, baseDir, readText));
  if (!checked.ok) throw specError(checked.problems);
  return checked.value;
}

/** Parse YAML text into a raw document; a syntax error names its line. */
export function parseSpecYaml(text: string, source: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new AppError({
      code: 'invalid-input',
      message: `${source}: not valid YAML: ${e.message.split('\n')[0]}`,
      hint: 'Fix the YAML syntax at that line',
    });
  }
  return doc.toJS() as unknown;
}

/** A spec file: YAML, relative paths resolved against the file's directory. */
export async function loadSpecFile(path: string, readText: ReadText = readUtf8): Promise<JobDocument> {
  let text: string;
  try {
    text = await readText(path);
  } catch (e) {
    throw new AppError({
      code: 'invalid-input',
      message: `cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`,
      hint: 'Check the path given with -f',
    });
  }
  return loadDocument(parseSpecYaml(text, path), dirname(resolve(path)), readText);
}
