import { describe, expect, it } from 'vitest';
import { credentialServer, registryAddressProblem, registryHost, registrySaveSchema } from '../../../shared/contracts/registry';

describe('registry address rules', () => {
  it.each(['registry.example.com', '127.0.0.1:5000', 'localhost:5000', 'harbor.corp.local/team-a', 'r.io:443/a/b', '[::1]:5000'])(
    'accepts %s',
    (a) => expect(registryAddressProblem(a)).toBeUndefined(),
  );

  it.each([
    ['', /must not be empty/],
    ['https://registry.example.com', /Leave out the scheme/],
    ['reg istry', /must not contain spaces/],
    ['-bad.example.com', /is not a host name/],
    ['registry.example.com:70000', /port 70000 must be from 1 to 65535/],
    ['registry.example.com/Team', /lowercase/],
  ])('explains what is wrong with "%s"', (a, why) => expect(registryAddressProblem(a)).toMatch(why));

  it('the host of an address drops its path', () => {
    expect(registryHost('harbor.corp.local:8443/team-a')).toBe('harbor.corp.local:8443');
  });

  it('the save schema reports each field by name, with the namespace rule of the settings', () => {
    const r = registrySaveSchema.safeParse({ address: 'http://x', namespace: 'Bad NS', username: 'a b' });
    expect(r.success).toBe(false);
    const fields = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(fields.address).toMatch(/scheme/);
    expect(fields.namespace).toMatch(/lowercase letters and digits/);
    expect(fields.username).toMatch(/spaces/);
  });

  it('an absent password keeps the saved one; an empty one is refused', () => {
    expect(registrySaveSchema.safeParse({ address: 'r.io', namespace: 'streamx', username: 'u' }).success).toBe(true);
    expect(registrySaveSchema.safeParse({ address: 'r.io', namespace: 'streamx', username: 'u', password: '' }).success).toBe(false);
  });
});

describe('credential server', () => {
  it('is the host, except for Docker Hub, whose credentials are keyed by its index URL', () => {
    expect(credentialServer('harbor.corp.local:8443/team-a')).toBe('harbor.corp.local:8443');
    expect(credentialServer('docker.io')).toBe('https://index.docker.io/v1/');
    expect(credentialServer('index.docker.io/library')).toBe('https://index.docker.io/v1/');
  });
});
