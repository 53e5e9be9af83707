import { describe, expect, it } from 'vitest';
import { guardedLookup, isForbiddenAddress, webhookUrlProblem } from './address.js';

const none = new Set<string>();

describe('webhook addresses', () => {
  it('refuse private, loopback, link-local, reserved and mapped addresses, and allow public ones', () => {
    for (const ip of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '64:ff9b::10.0.0.1',
      'not-an-ip',
    ])
      expect(isForbiddenAddress(ip), ip).toBe(true);
    for (const ip of ['8.8.8.8', '195.210.46.1', '2a00:1450:4001::1', '::ffff:8.8.8.8'])
      expect(isForbiddenAddress(ip), ip).toBe(false);
  });

  it('say what is wrong with a receiver URL', () => {
    expect(webhookUrlProblem('https://hooks.example.kz/dabyl', none)).toBeNull();
    expect(webhookUrlProblem('http://hooks.example.kz/dabyl', none)).toBe('must be an https URL');
    expect(webhookUrlProblem('ftp://x', none)).toBe('must be an https URL');
    expect(webhookUrlProblem('nonsense', none)).toBe('is not a URL');
    expect(webhookUrlProblem('https://u:p@hooks.example.kz/', none)).toMatch(/user name or password/);
    expect(webhookUrlProblem('https://localhost:8080/', none)).toMatch(/localhost/);
    expect(webhookUrlProblem('https://169.254.169.254/latest/meta-data', none)).toMatch(/private/);
    expect(webhookUrlProblem('https://[::1]:443/', none)).toMatch(/private/);
    // An operator's internal receiver, named in the allow list: private and plain http are fine.
    expect(webhookUrlProblem('http://10.0.0.5:9000/in', new Set(['10.0.0.5']))).toBeNull();
  });

  it('refuse at connection time a name that resolves to a forbidden address', async () => {
    const lookup = guardedLookup(none);
    const err = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      lookup('localhost', {}, (e) => resolve(e)),
    );
    expect(err?.code).toBe('EWEBHOOKADDRESS');
    const allowed = guardedLookup(new Set(['localhost']));
    const address = await new Promise<string>((resolve, reject) =>
      allowed('localhost', {}, (e, a) => (e ? reject(e) : resolve(String(a)))),
    );
    expect(isForbiddenAddress(address)).toBe(true);
  });
});
