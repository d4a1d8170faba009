// The page a new user lands on is the one with something to do.
import { describe, expect, it } from 'vitest';
import { firstPage } from '../../../renderer/src/state/first-page';

describe('first page', () => {
  it('is Clusters while there is no kubeconfig context or no target', () => {
    expect(firstPage({ contexts: 0, targets: 0, registryAddress: '' })).toBe('clusters');
    expect(firstPage({ contexts: 2, targets: 0, registryAddress: 'registry.example.com' })).toBe('clusters');
  });

  it('is Registry once a target exists but no registry is set', () => {
    expect(firstPage({ contexts: 1, targets: 1, registryAddress: '' })).toBe('registry');
  });

  it('is Jobs when everything is set up', () => {
    expect(firstPage({ contexts: 1, targets: 3, registryAddress: '127.0.0.1:5000' })).toBe('jobs');
  });
});
