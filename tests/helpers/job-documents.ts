// Valid job documents for tests, checked by the real schema (so a schema change shows up here first).
import { checkJobDocument, type JobDocument } from '../../shared/jobs/spec';

/** An application job on a prebuilt image; `spec` overrides fields of the spec. */
export function applicationJob(spec: Record<string, unknown> = {}, name = 'orders'): JobDocument {
  const r = checkJobDocument({
    apiVersion: 'flinkdesk/v1',
    kind: 'FlinkJob',
    metadata: { name },
    spec: {
      mode: 'application',
      context: 'dev',
      namespace: 'flink',
      clusterId: name,
      flinkVersion: '1.20',
      image: { ref: 'registry.example.com/streamx/orders:1' },
      artifact: { jar: '/opt/flink/usrlib/job.jar' },
      job: { entryClass: 'com.example.Main' },
      ...spec,
    },
  });
  if (!r.ok) throw new Error(`test document is not valid: ${JSON.stringify(r.problems)}`);
  return r.value;
}
