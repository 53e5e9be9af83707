import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  encodeChallenge,
  leadingZeroBits,
  powHash,
  solveChallenge,
  verifySolution,
} from './proof-of-work.js';

const key = randomBytes(32);
const now = new Date('2026-11-25T10:00:00Z');
const challenge = encodeChallenge(key, {
  id: 'c1',
  expiresAt: new Date('2026-11-25T10:10:00Z'),
  difficulty: 12,
});
const nonce = solveChallenge(challenge, 12);

describe('proof of work', () => {
  it('counts leading zero bits', () => {
    expect(leadingZeroBits(Uint8Array.from([0, 0x0f, 0xff]))).toBe(12);
    expect(leadingZeroBits(Uint8Array.from([0x80]))).toBe(0);
    expect(leadingZeroBits(Uint8Array.from([0, 0]))).toBe(16);
  });

  it('accepts a solved challenge', () => {
    expect(verifySolution(key, challenge, nonce, now, 12)).toMatchObject({
      ok: true,
      challenge: { id: 'c1' },
    });
  });

  it('says what is wrong with a bad one', () => {
    let n = 0;
    while (leadingZeroBits(powHash(challenge, String(n))) >= 12) n++;
    const wrong = String(n);
    const cases: [string | undefined, string | undefined, Date, string][] = [
      [undefined, nonce, now, 'missing'],
      [challenge, '', now, 'missing'],
      ['c1.1.12', nonce, now, 'malformed'],
      [challenge, 'abc', now, 'malformed'],
      [challenge.replace('.12.', '.1.'), nonce, now, 'forged'],
      [
        encodeChallenge(randomBytes(32), {
          id: 'c1',
          expiresAt: new Date('2026-11-25T10:10:00Z'),
          difficulty: 12,
        }),
        nonce,
        now,
        'forged',
      ],
      [challenge, nonce, new Date('2026-11-25T10:10:00Z'), 'expired'],
    ];
    for (const [text, n, at, problem] of cases)
      expect(verifySolution(key, text, n, at, 12)).toEqual({ ok: false, problem });
    expect(verifySolution(key, challenge, wrong, now, 12)).toEqual({ ok: false, problem: 'wrongNonce' });
  });

  it('refuses a challenge easier than the server asks for', () => {
    expect(verifySolution(key, challenge, nonce, now, 15)).toEqual({ ok: false, problem: 'tooEasy' });
  });
});
