/**
 * Sign-in throttling: how long a source address must wait before its next password for one
 * account is even looked at. Throttling is per (account, source) with a looser ceiling per account,
 * never a lock that a stranger can put on someone else's account (docs/decisions/0011).
 */

/** The numbers; `policyFrom` derives them from the two configuration variables. */
export interface ThrottlePolicy {
  /** Wrong passwords one source may give for one account before it must wait. */
  readonly freeFailures: number;
  /** Wrong passwords for one account, from all sources together, after which every failing source waits. */
  readonly accountCeiling: number;
  /** The first wait; each further failure doubles it. */
  readonly baseDelayMs: number;
  /** No wait is longer than this. */
  readonly maxDelayMs: number;
  /** Failures older than this are forgotten. */
  readonly windowMs: number;
}

const MINUTE = 60_000;

export function policyFrom(config: {
  loginMaxFailures: number;
  loginMaxDelayMinutes: number;
}): ThrottlePolicy {
  return {
    freeFailures: config.loginMaxFailures,
    accountCeiling: config.loginMaxFailures * 10,
    baseDelayMs: MINUTE,
    maxDelayMs: config.loginMaxDelayMinutes * MINUTE,
    windowMs: 24 * 60 * MINUTE,
  };
}

/**
 * The wait a source earns with a wrong password, given its failures for the account and the
 * account's failures from every source (both counting this one). 0: it may try again at once.
 *
 * From one source: free until `freeFailures`, then 1, 2, 4 … minutes up to `maxDelayMs`. Over the
 * account ceiling, every failing source waits at least 1 minute, growing by one doubling for every
 * further `freeFailures` failures — so many addresses share one slow budget, while an address that
 * has not failed still gets its password checked.
 */
export function delayAfterFailure(
  p: ThrottlePolicy,
  sourceFailures: number,
  accountFailures: number,
): number {
  const sourceStep = sourceFailures - p.freeFailures + 1;
  const accountStep =
    accountFailures >= p.accountCeiling
      ? 1 + Math.floor((accountFailures - p.accountCeiling) / p.freeFailures)
      : 0;
  const step = Math.max(sourceStep, accountStep);
  if (step <= 0) return 0;
  // 2 ** 30 minutes is beyond any cap; stop doubling there so the number stays finite.
  return Math.min(p.baseDelayMs * 2 ** Math.min(step - 1, 30), p.maxDelayMs);
}

/**
 * The key a source address is throttled under. IPv4 (also IPv4-mapped IPv6) as is; IPv6 by its
 * /64 prefix, since anyone holding one address of a /64 can use all 2^64 of them.
 */
export function sourceKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const address = ip.trim().toLowerCase().replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const groups = expandIpv6(address);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
}

/** The eight 16-bit groups of an IPv6 address, without leading zeros; null when it is not one. */
function expandIpv6(address: string): string[] | null {
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const part = (s: string | undefined): string[] => (s ? s.split(':') : []);
  const head = part(halves[0]);
  const tail = part(halves[1]);
  // A trailing dotted quad (::1.2.3.4) is two groups.
  const last = tail.length ? tail : head;
  if (last.length && last[last.length - 1]!.includes('.')) {
    const q = last.pop()!.split('.').map(Number);
    if (q.length !== 4 || q.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) return null;
    last.push(((q[0]! << 8) | q[1]!).toString(16), ((q[2]! << 8) | q[3]!).toString(16));
  }
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => g.replace(/^0+(?=.)/, ''));
}
