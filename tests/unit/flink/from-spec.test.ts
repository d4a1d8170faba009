// A job spec's session submission (from jobs.render) becomes the submit operation's request unchanged in meaning.
import { describe, expect, it } from 'vitest';
import { submitRequestFromSpec } from '../../../electron/services/flink/from-spec';

describe('submitRequestFromSpec', () => {
  it('carries the entry class, arguments, parallelism and the savepoint restore', () => {
    expect(
      submitRequestFromSpec(
        {
          target: { restUrl: 'http://flink:8081' },
          jar: '/abs/job.jar',
          entryClass: 'com.example.Main',
          args: ['--a', '1'],
          parallelism: 3,
          savepointPath: 's3://b/sp',
          allowNonRestoredState: true,
          restoreMode: 'NO_CLAIM',
        },
        'http://flink:8081',
      ),
    ).toEqual({
      restUrl: 'http://flink:8081',
      jar: '/abs/job.jar',
      entryClass: 'com.example.Main',
      args: ['--a', '1'],
      parallelism: 3,
      savepoint: { path: 's3://b/sp', allowNonRestoredState: true, restoreMode: 'NO_CLAIM' },
      keepJar: false,
      wait: true,
      waitSec: 180,
    });
  });

  it('leaves out what the spec leaves out', () => {
    expect(
      submitRequestFromSpec({ target: { clusterId: 's', namespace: 'n' }, jar: '/j.jar', args: [] }, 'http://127.0.0.1:9', { wait: false }),
    ).toEqual({
      restUrl: 'http://127.0.0.1:9',
      jar: '/j.jar',
      keepJar: false,
      wait: false,
      waitSec: 180,
    });
  });

  it('refuses a restore mode Flink does not have, naming the spec field', () => {
    expect(() =>
      submitRequestFromSpec(
        { target: { restUrl: 'http://f' }, jar: '/j.jar', args: [], savepointPath: '/sp', restoreMode: 'SOMETIMES' },
        'http://f',
      ),
    ).toThrow(/spec\.job\.savepoint\.restoreMode: must be CLAIM, NO_CLAIM or LEGACY/);
  });
});
