// `flink-desk render -f job.yaml [--json]` (issue: Jobs and Deploy): the Kubernetes objects a job spec would
// create, as Flink's own client would create them; no cluster is contacted. A bad spec exits 2 naming the field.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDocument, stringify } from 'yaml';
import type { Client } from '../../../shared/client';
import type { JobRenderResult } from '../../../shared/contracts/jobs';
import { AppError } from '../../../shared/errors';
import { usage } from '../args';
import type { CliIO } from '../io';
import type { CliCommand } from '../command';

const renderHelp = `flink-desk render -f job.yaml [--json]       the Kubernetes objects the job spec would create (no cluster access)`;

function flags(argv: string[]): { file: string; json: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { file: { type: 'string', short: 'f' }, json: { type: 'boolean' }, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    throw usage(e instanceof Error ? e.message : String(e), renderHelp);
  }
  const file = parsed.values.file;
  if (!file) throw usage('render needs the spec file: -f job.yaml', renderHelp);
  return { file, json: parsed.values.json === true };
}

async function readSpec(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new AppError({
      code: 'invalid-input',
      message: `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`,
      hint: 'Check the path given with -f',
    });
  }
  const doc = parseDocument(text, { uniqueKeys: true });
  const err = doc.errors[0];
  if (err)
    throw new AppError({
      code: 'invalid-input',
      message: `${file}: not valid YAML: ${err.message.split('\n')[0]}`,
      hint: 'Fix the YAML syntax at that line',
    });
  return doc.toJS() as unknown;
}

function printYaml(r: JobRenderResult, io: CliIO): void {
  if (r.kind === 'session-job' && r.submission) {
    const s = r.submission;
    const target = 'restUrl' in s.target ? s.target.restUrl : `session cluster ${s.target.clusterId} in ${s.target.namespace}`;
    io.out(`# A job for a session cluster: no Kubernetes objects of its own. It is uploaded to and run on ${target}.`);
    io.out(stringify({ submission: s }).trimEnd());
    return;
  }
  io.out(r.resources.map((o) => stringify(o, { lineWidth: 0 }).trimEnd()).join('\n---\n'));
}

async function render(argv: string[], client: Client, io: CliIO): Promise<number> {
  const { file, json } = flags(argv);
  const document = await readSpec(file);
  const result = await client.invoke('jobs.render', { document, baseDir: dirname(resolve(file)) });
  if (json) io.out(JSON.stringify(result));
  else printYaml(result, io);
  return 0;
}

export const jobsCommands: Record<string, CliCommand> = {
  render: { help: renderHelp, run: render },
};
