// Image references checked part by part, and the content-addressed tag: same inputs, same tag; any input changed
// (jar, a dependency, the base's digest), another tag.
import { describe, expect, it } from 'vitest';
import { parseImageReference } from '../../../electron/services/docker/image-reference';
import { dockerfile, inputHash, targetReference, type ImageInputs } from '../../../electron/services/build/image-inputs';

const inputs: ImageInputs = {
  job: { name: 'orders', clusterId: 'orders' },
  jar: { name: 'job.jar', sha256: 'sha256:' + 'a'.repeat(64) },
  dependencies: [{ name: 'kafka.jar', sha256: 'sha256:' + 'b'.repeat(64) }],
  base: { reference: 'flink:1.20', host: 'docker.io', repository: 'library/flink', digest: 'sha256:' + 'c'.repeat(64) },
};

describe('image references', () => {
  it('reads host, repository, tag and digest as the docker CLI does', () => {
    expect(parseImageReference('flink:1.20')).toEqual({ host: 'docker.io', repository: 'library/flink', tag: '1.20' });
    expect(parseImageReference('127.0.0.1:5000/streamx/job:abc')).toEqual({
      host: '127.0.0.1:5000',
      repository: 'streamx/job',
      tag: 'abc',
    });
    expect(parseImageReference(`localhost/a/b@sha256:${'d'.repeat(64)}`)).toEqual({
      host: 'localhost',
      repository: 'a/b',
      digest: `sha256:${'d'.repeat(64)}`,
    });
    expect(parseImageReference('team/flink')).toEqual({ host: 'docker.io', repository: 'team/flink' });
  });

  it('says which part of a bad reference is wrong', () => {
    expect(() => parseImageReference('registry.example.com/Team/flink:1')).toThrow(/path component "Team" has uppercase letters/);
    expect(() => parseImageReference('registry.example.com/team/flink:-x')).toThrow(/tag "-x"/);
    expect(() => parseImageReference('https://registry.example.com/flink')).toThrow(/URL scheme/);
    expect(() => parseImageReference('flink@sha256:abc')).toThrow(/digest "sha256:abc"/);
    expect(() => parseImageReference('reg_istry.example.com:5000/flink')).toThrow(/registry host/);
  });
});

describe('content-addressed tags', () => {
  it('is the same for the same inputs and differs when any input changes', () => {
    const h = inputHash(inputs);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(inputHash(structuredClone(inputs))).toBe(h);
    expect(inputHash({ ...inputs, jar: { ...inputs.jar, sha256: 'sha256:' + 'e'.repeat(64) } })).not.toBe(h);
    expect(inputHash({ ...inputs, dependencies: [] })).not.toBe(h);
    expect(inputHash({ ...inputs, base: { ...inputs.base, digest: 'sha256:' + 'f'.repeat(64) } })).not.toBe(h);
  });

  it('builds FROM the base by digest, the dependencies before the jar', () => {
    const text = dockerfile(inputs);
    expect(text).toContain(`FROM docker.io/library/flink@sha256:${'c'.repeat(64)}`);
    expect(text.indexOf('COPY lib/ /opt/flink/lib/')).toBeLessThan(text.indexOf('COPY "job.jar" "/opt/flink/usrlib/job.jar"'));
    expect(dockerfile({ ...inputs, dependencies: [] })).not.toContain('/opt/flink/lib');
  });

  it('tags <address>/<namespace>/<clusterId>:<12 hex> and refuses a bad part', () => {
    const t = targetReference('registry.example.com/team', 'streamx', 'orders', 'abcdef0123456789');
    expect(t).toEqual({
      reference: 'registry.example.com/team/streamx/orders:abcdef012345',
      host: 'registry.example.com',
      repository: 'team/streamx/orders',
      tag: 'abcdef012345',
    });
    expect(() => targetReference('Registry.example.com:99999x', 'streamx', 'orders', 'ab')).toThrow(/not valid/);
  });
});
