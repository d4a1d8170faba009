// Conformance: for every configuration of the matrix, Flink Desk's generator and Flink's own native-Kubernetes
// client (the oracle: flink-kubernetes 1.20.1 and 2.3.0 from Maven Central) render the same objects, compared field
// by field. A difference fails unless allowlist.ts names it, with its reason. The oracle is given the spec as the
// -D options a user would pass to Flink's CLI (flinkCliOptions); whatever Flink then adds itself (ports, addresses,
// entrypoint, HA ids) the generator must add the same way. One JVM renders a whole version's matrix.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkJobDocument, type JobDocument } from '../../../shared/jobs/spec';
import { shippedLogConfig } from '../../../electron/services/deploy/handlers';
import { flinkCliOptions, renderJob, type RenderResult } from '../../../electron/services/deploy/render';
import { repoDir } from '../../fixtures/state.ts';
import {
  buildOracle,
  oracleFlinkVersions,
  OracleError,
  renderManyWithOracle,
  type OracleFlink,
  type OracleOutput,
} from '../../fixtures/oracle/oracle.ts';
import { allowed, allowlist } from './allowlist';
import { compareResources, type Difference } from './compare';
import { matrix, rejected, rejectedBase, type Case } from './matrix';

const versions: Array<{ flink: OracleFlink; specVersion: string; confFile: string }> = [
  { flink: '1.20', specVersion: '1.20', confFile: 'flink-conf.yaml' },
  { flink: '2', specVersion: '2.3', confFile: 'config.yaml' },
];

let work = '';
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'conformance-'));
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Flink's client conf dir as Flink Desk's would be: the shipped log4j file and an empty config file of the version. */
function confDir(dir: string, confFile: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, confFile), '');
  copyFileSync(join(repoDir, 'resources/flink/log4j-console.properties'), join(dir, 'log4j-console.properties'));
  return dir;
}

function document(c: Case, specVersion: string, dir: string): JobDocument {
  const spec: Record<string, unknown> = structuredClone({ ...c.spec, flinkVersion: specVersion });
  const write = (role: string, text: string) => {
    const file = join(dir, `${String(spec.clusterId)}-${role}-pod-template.yaml`);
    writeFileSync(file, text);
    return { file, text };
  };
  if (c.templates?.common) spec.podTemplate = write('common', c.templates.common);
  if (c.templates?.jobManager)
    spec.jobManager = { ...(spec.jobManager as object), podTemplate: write('jobmanager', c.templates.jobManager) };
  if (c.templates?.taskManager)
    spec.taskManager = { ...(spec.taskManager as object), podTemplate: write('taskmanager', c.templates.taskManager) };
  const checked = checkJobDocument({ apiVersion: 'flinkdesk/v1', kind: 'FlinkJob', metadata: { name: String(spec.clusterId) }, spec });
  if (!checked.ok) throw new Error(`matrix case '${c.name}' is not a valid spec: ${JSON.stringify(checked.problems)}`);
  return checked.value;
}

function report(diffs: Difference[]): string {
  return diffs
    .map((d) => `  ${d.resource} ${d.path}\n    Flink Desk: ${JSON.stringify(d.ours)}\n    Flink:      ${JSON.stringify(d.flink)}`)
    .join('\n');
}

describe.each(versions)('conformance with Flink $flink', (v) => {
  const results: Array<{ c: Case; ours: RenderResult; flink: OracleOutput | OracleError }> = [];
  let matched = 0;

  beforeAll(async () => {
    await buildOracle(v.flink);
    const conf = confDir(join(work, `conf-${v.flink}`), v.confFile);
    const templates = join(work, `templates-${v.flink}`);
    mkdirSync(templates, { recursive: true });
    const started = Date.now();
    const inputs = matrix.map((c) => ({
      c,
      input: { document: document(c, v.specVersion, templates), logConfig: { ...shippedLogConfig } },
    }));
    const flink = await renderManyWithOracle(
      v.flink,
      inputs.map(({ input }) => ({ confDir: conf, taskManager: false, config: flinkCliOptions(input) })),
    );
    process.stderr.write(
      `[conformance] Flink ${oracleFlinkVersions[v.flink]}: ${matrix.length} configurations rendered by the oracle in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
    inputs.forEach(({ c, input }, i) => results.push({ c, ours: renderJob(input), flink: flink[i]! }));
  });

  afterAll(() => {
    process.stderr.write(
      `[conformance] Flink ${oracleFlinkVersions[v.flink]}: ${matched} of ${matrix.length} configurations matched (allowlist: ${allowlist.length} entr${allowlist.length === 1 ? 'y' : 'ies'})\n`,
    );
  });

  it.each(matrix.map((c) => [c.name]))('%s', (name) => {
    const r = results.find((x) => x.c.name === name)!;
    if (r.flink instanceof OracleError) throw new Error(`Flink's client refused the configuration: ${r.flink.message}`);
    const theirs = [r.flink.deployment, ...r.flink.accompanying] as unknown as Array<Record<string, unknown>>;
    const diffs = compareResources(r.ours.resources, theirs);
    const failing = diffs.filter((d) => !allowed(d));
    expect(failing, `differences from Flink's client:\n${report(failing)}`).toEqual([]);
    // The allowlisted text differs only in order: the parsed configuration was compared and matched above.
    matched++;
  });

  it('refuses what Flink refuses, naming the field (and Flink does refuse it)', async () => {
    const bad = rejected.map((r) => {
      const spec = { ...rejectedBase, clusterId: 'rejected', flinkVersion: v.specVersion, ...r.spec };
      const checked = checkJobDocument({ apiVersion: 'flinkdesk/v1', kind: 'FlinkJob', metadata: { name: 'rejected' }, spec });
      return { r, checked };
    });
    for (const { r, checked } of bad) {
      expect(checked.ok, r.name).toBe(false);
      if (!checked.ok)
        expect(
          checked.problems.map((p) => p.field),
          r.name,
        ).toContain(r.field);
    }
    const good = document({ name: 'base', spec: { ...rejectedBase, clusterId: 'rejected' } }, v.specVersion, work);
    const base = flinkCliOptions({ document: good, logConfig: {} });
    const conf = confDir(join(work, `conf-${v.flink}`), v.confFile);
    const out = await renderManyWithOracle(
      v.flink,
      rejected.map((r) => ({ confDir: conf, taskManager: false, config: { ...base, ...r.flinkOptions } })),
    );
    out.forEach((o, i) => expect(o, `Flink's client should refuse: ${rejected[i]!.name}`).toBeInstanceOf(OracleError));
  });
});
