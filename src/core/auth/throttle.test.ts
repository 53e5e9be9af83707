import { describe, expect, it } from 'vitest';
import { delayAfterFailure, policyFrom, sourceKey } from './throttle.js';

const MINUTE = 60_000;
const p = policyFrom({ loginMaxFailures: 5, loginMaxDelayMinutes: 15 });

describe('delayAfterFailure', () => {
  it('lets one source make a few mistakes, then makes it wait 1, 2, 4, 8, then at most 15 minutes', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 8, 9, 20].map((n) => delayAfterFailure(p, n, n) / MINUTE);
    expect(waits).toEqual([0, 0, 0, 0, 1, 2, 4, 8, 15, 15]);
  });

  it('over the account ceiling, a source that fails once waits, and the wait grows with the attack', () => {
    expect(p.accountCeiling).toBe(50);
    expect(delayAfterFailure(p, 1, 49)).toBe(0);
    expect(delayAfterFailure(p, 1, 50)).toBe(MINUTE);
    expect(delayAfterFailure(p, 1, 55)).toBe(2 * MINUTE);
    expect(delayAfterFailure(p, 1, 10_000)).toBe(15 * MINUTE);
  });

  it('never answers with an endless wait', () => {
    expect(delayAfterFailure(p, 1_000_000, 1_000_000)).toBe(15 * MINUTE);
  });
});

describe('sourceKey', () => {
  it('keeps IPv4 addresses and unwraps IPv4-mapped IPv6', () => {
    expect(sourceKey('203.0.113.7')).toBe('203.0.113.7');
    expect(sourceKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('groups IPv6 addresses by their /64, however they are written', () => {
    expect(sourceKey('2001:db8:0:12::1')).toBe('2001:db8:0:12::/64');
    expect(sourceKey('2001:0DB8:0000:0012:ffff:1:2:3')).toBe('2001:db8:0:12::/64');
    expect(sourceKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(sourceKey('::1')).toBe('0:0:0:0::/64');
    expect(sourceKey('2001:db8::1.2.3.4')).toBe('2001:db8:0:0::/64');
  });

  it('names a missing address rather than failing', () => {
    expect(sourceKey(undefined)).toBe('unknown');
    expect(sourceKey('')).toBe('unknown');
  });
});
