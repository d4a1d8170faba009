// Spec files: relative paths resolve against the file's directory; template files are read into the document.
import { describe, expect, it } from 'vitest';
import { loadDocument, loadSpecFile } from '../../../electron/services/deploy/spec-loader';
import { AppError } from '../../../shared/errors';

/** A file system test double: a map of absolute paths to contents. */
function files(entries: Record<string, string>) {
  const read = (p: string) => (p in entries ? Promise.resolve(entries[p]!) : Promise.reject(new Error('ENOENT: no such file')));
  return read;
}

const tpl = 'kind: Pod\nspec:\n  containers:\n    - name: flink-main-container\n';
const yaml = (spec: string) => `apiVersion: flinkdesk/v1\nkind: FlinkJob\nmetadata: { name: j }\nspec:\n${spec}`;

describe('spec loader', () => {
  it('reads pod templates relative to the spec file and makes local jars absolute', async () => {
    const read = files({
      '/work/jobs/job.yaml': yaml(
        '  mode: session\n  clusterId: j\n  session: { clusterId: shared }\n  artifact: { jar: ../target/job.jar }\n  taskManager:\n    podTemplate: { file: tpl/tm.yaml }\n',
      ),
      '/work/jobs/tpl/tm.yaml': tpl,
    });
    const d = await loadSpecFile('/work/jobs/job.yaml', read);
    expect(d.spec.taskManager?.podTemplate).toEqual({ file: '/work/jobs/tpl/tm.yaml', text: tpl });
    expect(d.spec.artifact).toEqual({ jar: '/work/target/job.jar' });
  });

  it('leaves a jar inside a prebuilt image as the path inside the image', async () => {
    const raw = {
      apiVersion: 'flinkdesk/v1',
      kind: 'FlinkJob',
      metadata: { name: 'j' },
      spec: { mode: 'application', clusterId: 'j', image: { ref: 'x:1' }, artifact: { jar: '/opt/flink/usrlib/job.jar' } },
    };
    const d = await loadDocument(raw, '/somewhere', files({}));
    expect(d.spec.artifact).toEqual({ jar: '/opt/flink/usrlib/job.jar' });
  });

  it('names the field when a template file is missing, or relative without a spec file', async () => {
    const raw = (podTemplate: unknown) => ({
      apiVersion: 'flinkdesk/v1',
      kind: 'FlinkJob',
      metadata: { name: 'j' },
      spec: { mode: 'session', clusterId: 'j', image: { ref: 'x:1' }, podTemplate },
    });
    const missing = await loadDocument(raw({ file: 'nope.yaml' }), '/d', files({})).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(AppError);
    expect((missing as AppError).fields).toHaveProperty(['spec.podTemplate.file']);
    const relative = await loadDocument(raw({ file: 'nope.yaml' }), undefined, files({})).catch((e: unknown) => e);
    expect((relative as AppError).message).toContain('relative');
  });

  it('checks the template text read from the file with the rest of the spec', async () => {
    const read = files({
      '/d/job.yaml': yaml('  mode: session\n  clusterId: j\n  image: { ref: x:1 }\n  podTemplate: { file: t.yaml }\n'),
      '/d/t.yaml': 'kind: Service\n',
    });
    const e = (await loadSpecFile('/d/job.yaml', read).catch((x: unknown) => x)) as AppError;
    expect(e.code).toBe('invalid-input');
    expect(e.fields?.['spec.podTemplate']).toContain('must be Pod');
  });
});
