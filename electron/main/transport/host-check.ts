// Which Host names the server answers to. A page on another site that rebinds its own name to
// this server's address (DNS rebinding) sends its own name in Host: refused here, it never
// reaches a call. Allowed: loopback names, the addresses (and the PC name) the server listens
// on, and the names the admin lists with --allowed-host.
import { isIP } from 'node:net';
import os from 'node:os';

/** The host part of a Host header, lower-case, without port or trailing dot; null when malformed. */
export function hostName(header: string | undefined): string | null {
  if (!header) return null;
  const h = header.trim().toLowerCase();
  let name: string;
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    if (end < 0) return null;
    const rest = h.slice(end + 1);
    if (rest !== '' && !/^:\d{1,5}$/.test(rest)) return null;
    name = h.slice(1, end);
    return isIP(name) === 6 ? name : null;
  }
  const m = /^([^:]+)(?::(\d{1,5}))?$/.exec(h);
  if (!m) return null;
  name = m[1]!.replace(/\.$/, '');
  return /^[a-z0-9._-]{1,253}$/.test(name) ? name : null;
}

export function isLoopbackName(name: string): boolean {
  return name === 'localhost' || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

export function isLoopbackAddress(address: string): boolean {
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  return a === '::1' || /^127\./.test(a);
}

/** A remote address as the server saw it, with IPv4-mapped IPv6 unwrapped. */
export function clientAddress(remote: string | undefined): string {
  if (!remote) return 'unknown';
  return remote.startsWith('::ffff:') && isIP(remote.slice(7)) === 4 ? remote.slice(7) : remote;
}

function interfaceAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((x): x is os.NetworkInterfaceInfo => !!x)
    .map((x) => x.address.toLowerCase().replace(/%.*$/, ''));
}

export interface HostPolicy {
  allows(header: string | undefined): boolean;
  /** the names allowed now, for the admin's message */
  names(): string[];
}

/**
 * The policy for a server listening on `listenHost`. On a wildcard address (0.0.0.0, ::) every
 * address of this PC counts, looked up again at most every 30 seconds (a DHCP lease may change).
 */
export function hostPolicy(listenHost: string, extra: readonly string[] = []): HostPolicy {
  const listed = new Set(extra.map((x) => hostName(x) ?? x.toLowerCase()));
  const wildcard = listenHost === '0.0.0.0' || listenHost === '::' || listenHost === '';
  const own = hostName(listenHost.includes(':') && !listenHost.startsWith('[') ? `[${listenHost}]` : listenHost);
  let cached: { at: number; names: Set<string> } | null = null;
  const current = (): Set<string> => {
    const now = Date.now();
    if (cached && now - cached.at < 30_000) return cached.names;
    const names = new Set(listed);
    if (own) names.add(own);
    if (wildcard) {
      for (const a of interfaceAddresses()) names.add(a);
      const pc = os.hostname().toLowerCase();
      names.add(pc);
      names.add(pc.split('.')[0]!);
    }
    cached = { at: now, names };
    return names;
  };
  return {
    allows(header) {
      const name = hostName(header);
      if (!name) return false;
      return isLoopbackName(name) || current().has(name);
    },
    names: () => ['localhost', '127.0.0.1', '::1', ...current()],
  };
}
