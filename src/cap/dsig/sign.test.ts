import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, removeTestPki, sampleAlert, schemaProblem, type TestPki } from './fixtures/pki.js';
import { CapSignatureError, loadTrustAnchors, signCapMessage, verifyCapSignature } from './index.js';

let pki: TestPki;
let alert: string;
beforeAll(() => {
  pki = createTestPki();
  alert = sampleAlert();
});
afterAll(() => removeTestPki(pki));

describe('signCapMessage', () => {
  it.each(['rsa', 'ec'] as const)(
    'signs with %s so that the message still passes the CAP 1.2 schema',
    (kind) => {
      const signed = signCapMessage(alert, { privateKey: pki[kind].keyPem, certificate: pki[kind].certPem });
      expect(schemaProblem(signed, pki.dir)).toBeNull();
      expect(verifyCapSignature(signed)).toMatchObject({
        signed: true,
        valid: true,
        keySource: 'keyinfo',
        problems: [],
      });
    },
  );

  it('uses exclusive c14n, SHA-256, the enveloped transform and one Reference to the whole alert', () => {
    const signed = signCapMessage(alert, { privateKey: pki.rsa.keyPem, certificate: pki.rsa.certPem });
    expect(verifyCapSignature(signed).algorithms).toEqual({
      canonicalization: 'http://www.w3.org/2001/10/xml-exc-c14n#',
      signature: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      digest: 'http://www.w3.org/2001/04/xmlenc#sha256',
      transforms: [
        'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
        'http://www.w3.org/2001/10/xml-exc-c14n#',
      ],
    });
    expect(signed).toMatch(/<Reference URI="">/);
  });

  it('signs P-256 keys with ECDSA-SHA256', () => {
    const signed = signCapMessage(alert, { privateKey: pki.ec.keyPem });
    expect(signed).toContain('Algorithm="http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"');
  });

  it('appends the Signature as the last child of <alert> and leaves everything before it untouched', () => {
    const signed = signCapMessage(alert, { privateKey: pki.rsa.keyPem, certificate: pki.rsa.certPem });
    const end = alert.lastIndexOf('</alert>');
    expect(signed.slice(0, end)).toBe(alert.slice(0, end));
    expect(signed.slice(end)).toMatch(
      /^<Signature xmlns="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#">[\s\S]*<\/Signature><\/alert>\s*$/,
    );
  });

  it('publishes the certificate in KeyInfo when given one, and no KeyInfo otherwise', () => {
    const withCert = signCapMessage(alert, { privateKey: pki.rsa.keyPem, certificate: pki.rsa.certPem });
    const certBody = pki.rsa.certPem.replace(/-----[A-Z ]+-----|\s/g, '');
    expect(withCert.replace(/\s/g, '')).toContain(`<X509Certificate>${certBody}</X509Certificate>`);
    const bare = signCapMessage(alert, { privateKey: pki.rsa.keyPem });
    expect(bare).not.toContain('KeyInfo');
    const check = verifyCapSignature(bare, { trustAnchors: loadTrustAnchors([pki.rsa.certPem]) });
    expect(check).toMatchObject({ valid: true, keySource: 'trust-anchor', trusted: true });
  });

  it('publishes a whole chain, leaf first', () => {
    const signed = signCapMessage(alert, { privateKey: pki.leaf.keyPem, certificate: pki.leaf.certPem });
    expect(signed.match(/<X509Certificate>/g)).toHaveLength(2);
  });

  const refusals: Array<[string, () => string, string]> = [
    [
      'a document that is not a CAP alert',
      () => signCapMessage('<feed/>', { privateKey: pki.rsa.keyPem }),
      'not-cap',
    ],
    ['malformed XML', () => signCapMessage('<alert', { privateKey: pki.rsa.keyPem }), 'bad-xml'],
    [
      'a DOCTYPE',
      () =>
        signCapMessage(`<!DOCTYPE alert [<!ENTITY x "y">]>${alert.replace(/^<\?xml[^>]*>/, '')}`, {
          privateKey: pki.rsa.keyPem,
        }),
      'bad-xml',
    ],
    [
      'an already signed message',
      () =>
        signCapMessage(signCapMessage(alert, { privateKey: pki.rsa.keyPem }), { privateKey: pki.rsa.keyPem }),
      'already-signed',
    ],
    [
      'a certificate for another key',
      () => signCapMessage(alert, { privateKey: pki.rsa.keyPem, certificate: pki.other.certPem }),
      'bad-certificate',
    ],
    ['an unreadable key', () => signCapMessage(alert, { privateKey: 'not a key' }), 'bad-key'],
    [
      'a 1024-bit RSA key',
      () =>
        signCapMessage(alert, { privateKey: generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey }),
      'bad-key',
    ],
    [
      'an Ed25519 key',
      () => signCapMessage(alert, { privateKey: generateKeyPairSync('ed25519').privateKey }),
      'bad-key',
    ],
    [
      'a public key',
      () =>
        signCapMessage(alert, { privateKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey }),
      'bad-key',
    ],
  ];
  it.each(refusals)('refuses %s', (_what, act, code) => {
    expect(act).toThrow(CapSignatureError);
    try {
      act();
    } catch (err) {
      expect((err as CapSignatureError).code).toBe(code);
    }
  });
});
