import { describe, expect, it } from 'vitest';
import { vapidSubjectProblem } from './subject.js';

describe('the VAPID subject', () => {
  it('takes a real mailto: or https: contact', () => {
    for (const s of ['mailto:duty@dabyl.gov.kz', 'https://dabyl.gov.kz/contact', 'MAILTO:ops@emergency.kz'])
      expect(vapidSubjectProblem(s), s).toBeNull();
  });

  it('refuses reserved and example domains, addresses, other schemes and junk, saying why', () => {
    const cases: [string, RegExp][] = [
      ['mailto:admin@example.com', /example domain/],
      ['https://example.org', /example domain/],
      ['mailto:a@push.example', /reserved/],
      ['https://dabyl.test/', /reserved/],
      ['mailto:root@localhost', /not a domain/],
      ['https://dabyl.localhost', /reserved/],
      ['mailto:ops@host.invalid', /reserved/],
      ['https://10.0.0.1/', /not an address/],
      ['http://dabyl.gov.kz', /mailto: address or an https: URL/],
      ['duty@dabyl.gov.kz', /mailto: address or an https: URL/],
      ['mailto:not an address', /one e-mail address/],
    ];
    for (const [s, why] of cases) expect(vapidSubjectProblem(s), s).toMatch(why);
  });
});
