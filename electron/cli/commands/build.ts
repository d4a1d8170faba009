// `flink-desk build -f job.yaml [--engine docker|registry|auto] [--json]` (or a saved job by NAME): the steps on
// stderr as they change; with --json one object on stdout {image, digest, uploadedBytes, steps}; exit 0 when the
// image is in the registry, non-zero when a step failed (issue: Build).
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Client } from '../../../shared/client';
import type { BuildResult } from '../../../shared/contracts/build';
import { AppError } from '../../../shared/errors';
import { parseArgs, usage } from '../args';
import type { CliCommand } from '../command';
import { followOperation } from '../follow-operation';
import { exitCodeFor, printError, type CliIO } from '../io';
import { parseSpecYaml } from '../../services/deploy/spec-loader';

export const buildHelp = `flink-desk build -f job.yaml [--engine docker|registry|auto] [--json]
flink-desk build NAME [--version N] [--engine …] [--json]
                                          build the job's image FROM spec.image.base (Maven or a jar) and push it
                                          as <registry>/<namespace>/<clusterId>:<input hash>; same inputs, same tag`;

const engines = ['docker', 'registry', 'auto'] as const;

async function run(argv: string[], client: Client, io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, { values: ['file', 'engine', 'version'], short: { f: 'file' } });
  const engine = flags.engine;
  if (engine !== undefined && !(engines as readonly unknown[]).includes(engine))
    throw usage(`--engine must be docker, registry or auto (got '${String(engine)}')`, buildHelp);
  const json = flags.json === true;
  let input;
  if (typeof flags.file === 'string') {
    if (positionals.length) throw usage(`build takes -f FILE or a NAME, not both`, buildHelp);
    const file = resolve(flags.file);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      throw usage(`-f: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`, 'Give the path of a job spec YAML file');
    }
    input = { document: parseSpecYaml(text, file), baseDir: dirname(file), source: file };
  } else if (positionals.length === 1) {
    const version = flags.version === undefined ? undefined : Number(flags.version);
    if (version !== undefined && !(Number.isInteger(version) && version > 0))
      throw usage('--version must be a whole number from 1', buildHelp);
    input = { name: positionals[0]!, ...(version ? { version } : {}) };
  } else throw usage('build needs -f FILE (a job spec) or the NAME of a saved job', buildHelp);

  const first = await client.invoke('build.start', { ...input, ...(engine ? { engine: engine as (typeof engines)[number] } : {}) });
  const end = await followOperation(client, first, io);
  const result = end.result as BuildResult | undefined;
  if (json)
    io.out(
      JSON.stringify({
        ...(result
          ? {
              image: result.image,
              digest: result.digest,
              pinned: result.pinned,
              uploadedBytes: result.uploadedBytes,
              engine: result.engine,
            }
          : {}),
        status: end.status,
        steps: end.steps,
        ...(end.error ? { error: end.error } : {}),
      }),
    );
  if (end.status === 'succeeded' && result) {
    if (!json) {
      io.out(`${result.image}`);
      io.out(
        `${result.pinned}   (${result.reused ? 'already in the registry, nothing uploaded' : `${(result.uploadedBytes / 1e6).toFixed(2)} MB uploaded`}, ${result.engine === 'docker' ? 'Docker engine' : 'registry path'})`,
      );
      if (result.entryClass) io.err(`entry class from the jar's manifest: ${result.entryClass}`);
    }
    return 0;
  }
  const error = new AppError({
    code: (end.error?.code as AppError['code'] | undefined) ?? 'internal',
    message: end.error?.message ?? `The build ended ${end.status}`,
    ...(end.error?.hint ? { hint: end.error.hint } : {}),
  });
  if (!json) throw error;
  // One object on stdout even when it failed: the error is in it; the words go to stderr.
  printError({ out: () => undefined, err: (t) => io.err(t) }, error.toInfo(), false);
  return exitCodeFor(error.toInfo());
}

export const buildCommands: Record<string, CliCommand> = {
  build: { help: buildHelp, run },
};
