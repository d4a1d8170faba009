// `flink-desk render -f job.yaml`: the example specs render, a bad spec exits 2 naming its field and rule, and
// relative pod template paths resolve against the spec file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import type { JobRenderResult } from '../../../shared/contracts/jobs';
import { testServices } from '../../helpers/test-services';

function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  return runCli(argv, testServices(), { out: (t) => out.push(t), err: (t) => err.push(t) }).then((code) => ({
    code,
    out: out.join('\n'),
    err: err.join('\n'),
  }));
}

const examples = join(import.meta.dirname, '../../../resources/examples/jobs');

function specFile(spec: Record<string, unknown>, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'render-cli-'));
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  const file = join(dir, 'job.yaml');
  writeFileSync(file, JSON.stringify({ apiVersion: 'flinkdesk/v1', kind: 'FlinkJob', metadata: { name: 'j' }, spec }));
  return file;
}

const app = { mode: 'application', clusterId: 'job-a', image: { ref: 'flink:1.20' }, artifact: { jar: '/opt/flink/usrlib/job.jar' } };

describe('flink-desk render', () => {
  it('prints the example application as YAML: Deployment, both Services, both ConfigMaps', async () => {
    const r = await run(['render', '-f', join(examples, 'datagen-application.yaml')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const docs = parseAllDocuments(r.out).map((d) => d.toJS() as { kind: string; metadata: { name: string } });
    expect(docs.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual([
      'Deployment/datagen',
      'Service/datagen',
      'Service/datagen-rest',
      'ConfigMap/flink-config-datagen',
      'ConfigMap/pod-template-datagen',
    ]);
  });

  it('--json gives the resources and the effective Flink configuration; the template file is read relative to the spec', async () => {
    const r = await run(['render', '-f', join(examples, 'datagen-application.yaml'), '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as JobRenderResult;
    expect(result.kind).toBe('application-cluster');
    expect(result.flinkConfiguration['kubernetes.pod-template-file.default']).toBe(join(examples, 'pod-template.yaml'));
    expect(result.flinkConfiguration['pipeline.jars']).toBe('local:///opt/flink/usrlib/flink-datagen-job-1.0.jar');
    const tm = result.resources.find((o) => o.metadata.name === 'pod-template-datagen') as unknown as {
      data: Record<string, string>;
    };
    expect(tm.data['taskmanager-pod-template.yaml']).toContain('log-tail');
  });

  it('the example session cluster renders with its base image and a LoadBalancer rest Service', async () => {
    const r = await run(['render', '-f', join(examples, 'session-cluster.yaml'), '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as JobRenderResult;
    expect(result.kind).toBe('session-cluster');
    const rest = result.resources.find((o) => o.metadata.name === 'shared-session-rest') as unknown as { spec: { type: string } };
    expect(rest.spec.type).toBe('LoadBalancer');
    const cm = result.resources.find((o) => o.kind === 'ConfigMap') as unknown as { data: Record<string, string> };
    expect(Object.keys(cm.data).sort()).toEqual(['config.yaml', 'log4j-console.properties']);
  });

  it.each([
    [{ ...app, clusterId: 'Job_A' }, 'spec.clusterId', 'must match [a-z]([-a-z0-9]*[a-z0-9])?'],
    [{ ...app, jobManager: { memory: 1600 } }, 'spec.jobManager.memory', 'add a unit'],
    [
      { ...app, flinkConfiguration: { 'kubernetes.cluster-id': 'x' } },
      'spec.flinkConfiguration.kubernetes.cluster-id',
      'set spec.clusterId instead',
    ],
    [{ ...app, namespace: 'Flink_Dev' }, 'spec.namespace', 'DNS-1123 label'],
    [{ ...app, podTemplate: 'kind: Deployment\nspec: {}\n' }, 'spec.podTemplate', 'must be Pod'],
  ])('a bad spec exits 2 and names the field and the rule (%#)', async (spec, field, rule) => {
    const r = await run(['render', '-f', specFile(spec)]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(field);
    expect(r.err).toContain(rule);
  });

  it('a missing pod template file is named with its field', async () => {
    const r = await run(['render', '-f', specFile({ ...app, podTemplate: { file: 'nope.yaml' } })]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('spec.podTemplate.file');
    expect(r.err).toContain('nope.yaml');
  });

  it('usage errors exit 2: no -f, unknown flag, unreadable file, bad YAML', async () => {
    expect((await run(['render'])).err).toContain('-f job.yaml');
    expect((await run(['render', '-f', 'x.yaml', '--replace'])).code).toBe(2);
    const missing = await run(['render', '-f', join(tmpdir(), 'does-not-exist.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('cannot read');
    const dir = mkdtempSync(join(tmpdir(), 'render-cli-'));
    writeFileSync(join(dir, 'bad.yaml'), 'spec: [unclosed\n');
    const bad = await run(['render', '-f', join(dir, 'bad.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('not valid YAML');
  });
});
