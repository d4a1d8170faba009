import { describe, expect, it } from 'vitest';
import { engineTreatsInsecure, hostnameOf, isLoopbackHost } from '../../../electron/services/docker';

describe('where the engine uses plain HTTP', () => {
  it('knows loopback hosts: localhost, 127.0.0.0/8 and ::1, with or without a port', () => {
    for (const h of ['localhost', 'localhost:5000', '127.0.0.1', '127.1.2.3:443', '[::1]:5000', '::1'])
      expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['10.0.0.1:5000', '128.0.0.1', 'reg.example.com', 'localhost.example.com', '[::2]:5000', '192.168.1.10'])
      expect(isLoopbackHost(h), h).toBe(false);
    expect(hostnameOf('[fe80::1]:5000')).toBe('fe80::1');
    expect(hostnameOf('reg.example.com:5000')).toBe('reg.example.com');
  });

  it("takes the engine's insecure CIDRs (v4 and v6) and index configs", () => {
    const info = {
      RegistryConfig: {
        InsecureRegistryCIDRs: ['127.0.0.0/8', '10.20.0.0/16', 'fd00::/8', 'not-a-cidr'],
        IndexConfigs: { 'my.reg:5000': { Secure: false }, 'secure.reg': { Secure: true } },
      },
    };
    expect(engineTreatsInsecure(info, '127.0.0.1:5000')).toBe(true);
    expect(engineTreatsInsecure(info, 'localhost:5000')).toBe(true);
    expect(engineTreatsInsecure(info, 'my.reg:5000')).toBe(true);
    expect(engineTreatsInsecure(info, '10.20.3.4:5000')).toBe(true);
    expect(engineTreatsInsecure(info, '[fd12::1]:5000')).toBe(true);
    expect(engineTreatsInsecure(info, 'secure.reg')).toBe(false);
    expect(engineTreatsInsecure(info, 'registry.example.com')).toBe(false);
    expect(engineTreatsInsecure(info, '10.1.2.3:5000')).toBe(false);
    expect(engineTreatsInsecure(undefined, '127.0.0.1:5000')).toBe(false);
  });
});
