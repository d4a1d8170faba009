// Where the engine (and so Flink Desk) may use plain HTTP with a registry: hosts on loopback, and the registries
// the engine lists as insecure (its insecure-registries CIDRs and index configs, from `docker info`). Address
// ranges are checked with net.BlockList.
import { BlockList, isIP } from 'node:net';

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** The host name of "host[:port]" or "[v6]:port", without brackets or port. */
export function hostnameOf(host: string): string {
  const h = host.trim();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  return isIP(h) === 6 ? h : h.replace(/:\d+$/, '');
}

function ipOf(hostname: string): { ip: string; type: 'ipv4' | 'ipv6' } | undefined {
  const name = hostname.toLowerCase() === 'localhost' ? '127.0.0.1' : hostname;
  const v = isIP(name);
  return v === 4 ? { ip: name, type: 'ipv4' } : v === 6 ? { ip: name, type: 'ipv6' } : undefined;
}

/** Whether "host[:port]" names this machine's loopback (localhost, 127.0.0.0/8, ::1). */
export function isLoopbackHost(host: string): boolean {
  const a = ipOf(hostnameOf(host));
  return a !== undefined && loopback.check(a.ip, a.type);
}

interface EngineRegistryConfig {
  RegistryConfig?: { InsecureRegistryCIDRs?: string[]; IndexConfigs?: Record<string, { Secure?: boolean }> };
}

/** Whether the engine talks to `host` over plain HTTP (its insecure-registries, which include loopback by default).
 * A host name is not resolved: an insecure registry known only by a name that is not in IndexConfigs counts as
 * secure, so nothing is ever sent over HTTP on a guess. */
export function engineTreatsInsecure(info: unknown, host: string): boolean {
  const cfg = (info as EngineRegistryConfig | undefined)?.RegistryConfig;
  if (cfg?.IndexConfigs?.[host]?.Secure === false) return true;
  const a = ipOf(hostnameOf(host));
  if (!a) return false;
  const insecure = new BlockList();
  for (const cidr of cfg?.InsecureRegistryCIDRs ?? []) {
    const [base = '', bits] = cidr.split('/');
    const v = isIP(base);
    if (!v) continue;
    try {
      insecure.addSubnet(base, Number(bits ?? (v === 4 ? 32 : 128)), v === 4 ? 'ipv4' : 'ipv6');
    } catch {
      // A CIDR the engine accepted but BlockList does not: leave it out (secure is the safe side).
    }
  }
  return insecure.check(a.ip, a.type);
}
