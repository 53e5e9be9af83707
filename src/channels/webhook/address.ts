import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import type { FieldFault } from '../../core/messages/catalogue.js';
import type { DeliveryFault } from '../../core/messages/messages.js';

/**
 * Where a webhook may not go. A receiver is another agency's system on the internet; an address in
 * a private, loopback, link-local or reserved range would let whoever registers a receiver make
 * Dabyl's server call into its own network (the cloud metadata service, a database's admin port).
 * An operator names the internal hosts that are real receivers in DABYL_WEBHOOK_ALLOW_HOSTS.
 */
const FORBIDDEN = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  FORBIDDEN.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  FORBIDDEN.addSubnet(net, prefix, 'ipv6');

/** An IPv4 address carried inside an IPv6 one (::ffff:a.b.c.d, NAT64 64:ff9b::a.b.c.d). */
function embeddedIpv4(ip: string): string | null {
  const m = /^(?:::ffff:|64:ff9b::)(?:0:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (m) return m[1]!;
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip);
  if (!hex) return null;
  const hi = parseInt(hex[1]!, 16);
  const lo = parseInt(hex[2]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** True when `ip` lies in a range no webhook may reach. */
export function isForbiddenAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 0) return true;
  if (family === 6) {
    const v4 = embeddedIpv4(ip);
    if (v4) return FORBIDDEN.check(v4, 'ipv4');
    return FORBIDDEN.check(ip, 'ipv6');
  }
  return FORBIDDEN.check(ip, 'ipv4');
}

const hostOf = (u: URL): string => u.hostname.replace(/^\[|\]$/g, '').toLowerCase();

/**
 * What is wrong with a receiver's URL, in words, or null when it may be used: https only (plain http
 * for allowed internal hosts), no user name or password in it, and no literal address in a
 * forbidden range unless allowed. Names are checked again when they are resolved, at each send.
 */
export function webhookUrlFault(
  raw: string,
  allowHosts: ReadonlySet<string>,
): { error: string; fault: FieldFault } | null {
  const refused = (error: string, problem: FieldFault['problem'], params?: FieldFault['params']) => ({
    error,
    fault: { problem, ...(params ? { params } : {}) },
  });
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return refused('is not a URL', 'not_url');
  }
  const host = hostOf(u);
  const allowed = allowHosts.has(host);
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && allowed))
    return allowed
      ? refused('must be an http or https URL', 'url_http_or_https')
      : refused('must be an https URL', 'url_not_https');
  if (u.username || u.password)
    return refused(
      'must not carry a user name or password; receivers verify the signature',
      'url_credentials',
    );
  if (!allowed && host === 'localhost')
    return refused('must not point at this server (localhost)', 'url_localhost');
  if (!allowed && isIP(host) !== 0 && isForbiddenAddress(host))
    return refused(
      `must not point at a private, loopback or reserved address (${host})`,
      'url_private_address',
      {
        host,
      },
    );
  return null;
}

/** {@link webhookUrlFault} in English alone. */
export const webhookUrlProblem = (raw: string, allowHosts: ReadonlySet<string>): string | null =>
  webhookUrlFault(raw, allowHosts)?.error ?? null;

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** Every address a name resolves to: `dns.lookup` with `all`, or a test's own names. */
export type Resolve = (
  hostname: string,
  options: { all: true; family?: number },
  callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

const systemResolve: Resolve = (hostname, options, callback) => dnsLookup(hostname, options, callback);

/**
 * A DNS lookup for a socket's connect (node:http's and undici's) that refuses forbidden
 * addresses. Checking at connection time, not only when the URL is saved, means a name that later
 * resolves to an internal address (DNS rebinding) is refused too.
 */
export function guardedLookup(allowHosts: ReadonlySet<string>, resolve: Resolve = systemResolve) {
  return (hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback): void => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const list = addresses;
      const bad = allowHosts.has(hostname.toLowerCase())
        ? []
        : list.filter((a) => isForbiddenAddress(a.address));
      if (bad.length > 0 || list.length === 0) {
        const resolved = bad[0]?.address ?? 'nothing';
        const refused = Object.assign(
          new Error(`${hostname} resolves to ${resolved}: a private, loopback or reserved address`),
          { code: 'EWEBHOOKADDRESS', host: hostname, resolved },
        );
        return callback(refused, '');
      }
      if (options.all) return callback(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** The reason for a send the guarded lookup refused: the name resolved to a forbidden address. */
export const forbiddenAddress = (err: Error & { host?: string; resolved?: string }): DeliveryFault => ({
  reason: 'address_forbidden',
  params: { host: err.host ?? '?', address: err.resolved ?? '?' },
});
