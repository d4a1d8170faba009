// The pinned reference of a build a deploy ran first, made from its record: the repository without its tag, @digest
// (a registry's port is not a tag).
import { describe, expect, it } from 'vitest';
import { pinnedOf } from '../../../renderer/src/jobs/build/BuildResultPanel';

const digest = `sha256:${'a'.repeat(64)}`;

describe('pinnedOf', () => {
  it('drops the tag, keeps a registry port', () => {
    expect(pinnedOf('127.0.0.1:5000/streamx/orders:0123456789ab', digest)).toBe(`127.0.0.1:5000/streamx/orders@${digest}`);
    expect(pinnedOf('registry.example.com/streamx/orders:1', digest)).toBe(`registry.example.com/streamx/orders@${digest}`);
  });

  it('takes an image without a tag as it is', () => {
    expect(pinnedOf('127.0.0.1:5000/streamx/orders', digest)).toBe(`127.0.0.1:5000/streamx/orders@${digest}`);
  });
});
