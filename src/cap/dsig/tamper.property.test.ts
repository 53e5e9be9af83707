import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, removeTestPki, sampleAlert, type TestPki } from './fixtures/pki.js';
import { signCapMessage, verifyCapSignature } from './index.js';

let pki: TestPki;
let signed: string;
beforeAll(() => {
  pki = createTestPki();
  signed = signCapMessage(sampleAlert(), { privateKey: pki.ec.keyPem, certificate: pki.ec.certPem });
});
afterAll(() => removeTestPki(pki));

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

describe('verifyCapSignature over arbitrary alterations', () => {
  it('rejects any one-character change to the alert, and never throws', () => {
    const start = signed.indexOf('<alert');
    const end = signed.indexOf('<Signature');
    fc.assert(
      fc.property(fc.integer({ min: start, max: end - 1 }), fc.constantFrom(...ALNUM), (at, c) => {
        fc.pre(signed[at] !== c);
        const altered = signed.slice(0, at) + c + signed.slice(at + 1);
        expect(verifyCapSignature(altered).valid).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on truncated or spliced messages', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: signed.length }),
        fc.integer({ min: 0, max: signed.length }),
        (a, b) => {
          const mangled = signed.slice(0, Math.min(a, b)) + signed.slice(Math.max(a, b) - 1);
          const check = verifyCapSignature(mangled);
          expect(typeof check.valid).toBe('boolean');
        },
      ),
      { numRuns: 200 },
    );
  });
});
