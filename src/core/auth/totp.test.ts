import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, checkTotp, hotp, otpauthUri, totp, totpStep } from './totp.js';

// RFC 4226 appendix D and RFC 6238 appendix B use these ASCII seeds.
const SHA1_SEED = Buffer.from('12345678901234567890');
const SHA256_SEED = Buffer.from('12345678901234567890123456789012');
const SHA512_SEED = Buffer.from('1234567890123456789012345678901234567890123456789012345678901234');

describe('HOTP (RFC 4226)', () => {
  it('gives the RFC 4226 test values', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expect(expected.map((_, i) => hotp(SHA1_SEED, i))).toEqual(expected);
  });
});

describe('TOTP (RFC 6238)', () => {
  const vectors: [number, string, string, string][] = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ];
  it.each(vectors)(
    'at %i s gives the RFC 6238 values for SHA-1, SHA-256 and SHA-512',
    (t, s1, s256, s512) => {
      const at = new Date(t * 1000);
      expect(totp(SHA1_SEED, at, 8, 'sha1')).toBe(s1);
      expect(totp(SHA256_SEED, at, 8, 'sha256')).toBe(s256);
      expect(totp(SHA512_SEED, at, 8, 'sha512')).toBe(s512);
    },
  );
});

describe('checking a code', () => {
  const secret = SHA1_SEED;
  const at = new Date('2026-11-03T05:00:10.000Z');
  const step = totpStep(at);

  it('accepts the current code and the codes one step either side, not two', () => {
    expect(checkTotp(secret, hotp(secret, step), at, null)).toEqual({ ok: true, step });
    expect(checkTotp(secret, hotp(secret, step - 1), at, null)).toEqual({ ok: true, step: step - 1 });
    expect(checkTotp(secret, hotp(secret, step + 1), at, null)).toEqual({ ok: true, step: step + 1 });
    expect(checkTotp(secret, hotp(secret, step - 2), at, null)).toEqual({ ok: false, reason: 'wrong' });
    expect(checkTotp(secret, hotp(secret, step + 2), at, null)).toEqual({ ok: false, reason: 'wrong' });
  });

  it('refuses a code used before, and any older code once a newer one was used', () => {
    expect(checkTotp(secret, hotp(secret, step), at, step)).toEqual({ ok: false, reason: 'replayed' });
    expect(checkTotp(secret, hotp(secret, step - 1), at, step)).toEqual({ ok: false, reason: 'replayed' });
    expect(checkTotp(secret, hotp(secret, step + 1), at, step)).toEqual({ ok: true, step: step + 1 });
  });

  it('calls anything but six digits malformed, and reads a code typed with a space', () => {
    for (const bad of ['', '12345', '1234567', 'abcdef', '12 34a6'])
      expect(checkTotp(secret, bad, at, null)).toEqual({ ok: false, reason: 'malformed' });
    const code = hotp(secret, step);
    expect(checkTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, at, null).ok).toBe(true);
  });
});

describe('base32 and the otpauth URI', () => {
  it('round-trips and matches RFC 4648', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('mzxw 6ytb oi======')!.toString()).toBe('foobar');
    expect(base32Decode('MZ1')).toBeUndefined();
    const bytes = Buffer.from(Array.from({ length: 20 }, (_, i) => (i * 37) & 0xff));
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
  });

  it('names the issuer and the account', () => {
    const uri = otpauthUri('Dabyl', 'aigerim', SHA1_SEED);
    expect(uri).toBe(
      'otpauth://totp/Dabyl:aigerim?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Dabyl&algorithm=SHA1&digits=6&period=30',
    );
  });
});
