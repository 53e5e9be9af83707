/**
 * Interoperability with an independent toolchain: xmlsec1 (libxml2 + OpenSSL) signs CAP messages
 * the way other authorities' tools do, and verifies what Dabyl signs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, removeTestPki, sampleAlert, type TestPki } from './fixtures/pki.js';
import {
  requireXmlsec1,
  withTemplate,
  xmlsecSign,
  xmlsecVerifies,
  type TemplateOptions,
} from './fixtures/xmlsec.js';
import { loadTrustAnchors, signCapMessage, verifyCapSignature } from './index.js';

const C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
const EXC = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const SHA1 = 'http://www.w3.org/2000/09/xmldsig#sha1';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const RSA_SHA1 = 'http://www.w3.org/2000/09/xmldsig#rsa-sha1';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const ECDSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256';

let pki: TestPki;
beforeAll(() => {
  requireXmlsec1();
  pki = createTestPki();
});
afterAll(() => pki && removeTestPki(pki));

const cases: Array<[string, 'rsa' | 'ec', TemplateOptions]> = [
  [
    'RSA-SHA1, inclusive c14n (older IPAWS-style senders)',
    'rsa',
    { canonicalization: C14N, signatureMethod: RSA_SHA1, digestMethod: SHA1, keyInfo: 'certificate' },
  ],
  [
    'RSA-SHA256, exclusive c14n, ds: prefix',
    'rsa',
    {
      canonicalization: EXC,
      signatureMethod: RSA_SHA256,
      digestMethod: SHA256,
      extraTransforms: [EXC],
      prefix: 'ds',
      keyInfo: 'certificate',
    },
  ],
  [
    'RSA-SHA256, inclusive c14n, ds: prefix (SignedInfo inherits the CAP namespace)',
    'rsa',
    {
      canonicalization: C14N,
      signatureMethod: RSA_SHA256,
      digestMethod: SHA256,
      prefix: 'ds',
      keyInfo: 'certificate',
    },
  ],
  [
    'ECDSA-SHA256, inclusive c14n',
    'ec',
    { canonicalization: C14N, signatureMethod: ECDSA_SHA256, digestMethod: SHA256, keyInfo: 'certificate' },
  ],
];

describe('messages signed by xmlsec1', () => {
  it.each(cases)('verifies %s, and rejects it altered', (_name, kind, template) => {
    const signed = xmlsecSign(
      withTemplate(sampleAlert(), template),
      pki[kind].keyPath,
      pki[kind].certPath,
      pki.dir,
    );
    const anchors = loadTrustAnchors([pki[kind].certPem]);
    expect(verifyCapSignature(signed, { trustAnchors: anchors })).toMatchObject({
      signed: true,
      valid: true,
      keySource: 'keyinfo',
      trusted: true,
      problems: [],
    });
    const altered = verifyCapSignature(signed.replace('10:00 to 14:00', '10:00 to 16:00'), {
      trustAnchors: anchors,
    });
    expect(altered.valid).toBe(false);
    expect(altered.problems.map((p) => p.what)).toEqual(['digest']);
  });

  it('verifies an RSAKeyValue in KeyInfo, trusted when it is an anchor', () => {
    const template = withTemplate(sampleAlert(), {
      canonicalization: C14N,
      signatureMethod: RSA_SHA256,
      digestMethod: SHA256,
      keyInfo: 'key-value',
    });
    const signed = xmlsecSign(template, pki.rsa.keyPath, pki.rsa.certPath, pki.dir);
    expect(signed).toContain('<RSAKeyValue>');
    expect(verifyCapSignature(signed)).toMatchObject({ valid: true, keySource: 'keyinfo', trusted: false });
    expect(verifyCapSignature(signed, { trustAnchors: loadTrustAnchors([pki.rsa.certPem]) })).toMatchObject({
      valid: true,
      trusted: true,
    });
    expect(
      verifyCapSignature(signed, { trustAnchors: loadTrustAnchors([pki.other.certPem]) }).problems.map(
        (p) => p.what,
      ),
    ).toEqual(['certificate']);
  });

  it('verifies a message without KeyInfo against the trust anchors', () => {
    const template = withTemplate(sampleAlert(), {
      canonicalization: EXC,
      signatureMethod: RSA_SHA256,
      digestMethod: SHA256,
      keyInfo: 'none',
    });
    const signed = xmlsecSign(template, pki.rsa.keyPath, pki.rsa.certPath, pki.dir);
    expect(
      verifyCapSignature(signed, { trustAnchors: loadTrustAnchors([pki.other.certPem, pki.rsa.certPem]) }),
    ).toMatchObject({
      valid: true,
      keySource: 'trust-anchor',
    });
  });
});

describe('messages signed by Dabyl', () => {
  it.each(['rsa', 'ec'] as const)('verify with xmlsec1 (%s), and fail there when altered', (kind) => {
    const signed = signCapMessage(sampleAlert(), {
      privateKey: pki[kind].keyPem,
      certificate: pki[kind].certPem,
    });
    expect(xmlsecVerifies(signed, pki[kind].certPath, pki.dir)).toBe(true);
    expect(xmlsecVerifies(signed.replace('Minor', 'Extreme'), pki[kind].certPath, pki.dir)).toBe(false);
  });
});
