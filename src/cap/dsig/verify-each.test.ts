import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { C14N11, DSIG_NS } from './algorithms.js';
import {
  createTestPki,
  datedCredential,
  removeTestPki,
  sampleAlert,
  type Credential,
  type TestPki,
} from './fixtures/pki.js';
import { requireXmlsec1, withTemplate, xmlsecSign } from './fixtures/xmlsec.js';
import { allSignaturesHold, loadTrustAnchors, signCapMessage, verifyEachSignature } from './index.js';

let pki: TestPki;
let expired: Credential;
const DAY = 86_400_000;
const SHA1 = `${DSIG_NS}sha1`;
const RSA_SHA1 = `${DSIG_NS}rsa-sha1`;
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';

beforeAll(() => {
  requireXmlsec1();
  pki = createTestPki();
  expired = datedCredential(
    pki.dir,
    'Archived Met Service',
    new Date(Date.now() - 400 * DAY),
    new Date(Date.now() - 30 * DAY),
  );
});
afterAll(() => pki && removeTestPki(pki));

const signatureOf = (signed: string) => /<Signature[\s\S]*<\/Signature>/.exec(signed)![0];

/** The originator's signed message with the distributor's signature over the bare alert beside it. */
function twoSignatures(alert: string, distributor: Credential = pki.other): string {
  const originator = signCapMessage(alert, { privateKey: pki.rsa.keyPem, certificate: pki.rsa.certPem });
  const second = signCapMessage(alert, { privateKey: distributor.keyPem, certificate: distributor.certPem });
  return originator.replace('</Signature>', `</Signature>\n  ${signatureOf(second)}`);
}

describe('verifyEachSignature: an originator and a distributor signature', () => {
  it('verifies each signature over the document without the other, and names their roles', () => {
    const anchors = loadTrustAnchors([pki.rsa.certPem, pki.other.certPem]);
    const verdicts = verifyEachSignature(twoSignatures(sampleAlert()), { trustAnchors: anchors });
    expect(verdicts.map((v) => [v.role, v.valid, v.trusted, v.signer?.subject])).toEqual([
      ['originator', true, true, expect.stringContaining('Dabyl RSA signer')],
      ['distributor', true, true, expect.stringContaining('Someone else')],
    ]);
    expect(allSignaturesHold(verdicts)).toBe(true);
  });

  it('reports a distributor signature that does not hold on its own, and the originator as valid', () => {
    const message = twoSignatures(sampleAlert());
    const [, distributorValue] = [...message.matchAll(/<SignatureValue>([^<]*)</g)].map((m) => m[1]!);
    const forged = message.replace(distributorValue!, Buffer.alloc(256, 7).toString('base64'));
    const verdicts = verifyEachSignature(forged);
    expect(verdicts.map((v) => [v.role, v.valid])).toEqual([
      ['originator', true],
      ['distributor', false],
    ]);
    expect(verdicts[1]!.problems[0]).toMatchObject({ what: 'signature-value' });
    expect(verdicts[1]!.problems[0]!.path).toContain('/alert/Signature[2]');
    expect(allSignaturesHold(verdicts)).toBe(false);
  });

  it('finds a changed copy under both signatures', () => {
    const changed = twoSignatures(sampleAlert()).replace(
      '<status>Exercise</status>',
      '<status>Actual</status>',
    );
    const verdicts = verifyEachSignature(changed);
    expect(verdicts.map((v) => v.problems.map((p) => p.what))).toEqual([['digest'], ['digest']]);
  });
});

describe('verifyEachSignature: certificate validity at sent, at receipt and now', () => {
  it('judges an archived message by its sent time when the certificate has since expired', () => {
    const sent = new Date(Date.now() - 200 * DAY);
    const signed = signCapMessage(sampleAlert(sent), {
      privateKey: expired.keyPem,
      certificate: expired.certPem,
    });
    const [verdict] = verifyEachSignature(signed, {
      trustAnchors: loadTrustAnchors([expired.certPem]),
      receivedAt: new Date(Date.now() - 199 * DAY),
    });
    expect(verdict).toMatchObject({ valid: true, validity: { sent: true, receipt: true, now: false } });
  });

  it('refuses a message whose sent falls after its certificate expired', () => {
    const signed = signCapMessage(sampleAlert(), {
      privateKey: expired.keyPem,
      certificate: expired.certPem,
    });
    const [verdict] = verifyEachSignature(signed, { receivedAt: new Date() });
    expect(verdict).toMatchObject({ valid: false, validity: { sent: false, receipt: false, now: false } });
    expect(verdict!.problems.map((p) => p.what)).toEqual(['certificate']);
  });
});

describe('verifyEachSignature: algorithms as real systems use them', () => {
  it('reports RSA with SHA-1 as weak, not unreadable', () => {
    const template = withTemplate(sampleAlert(), {
      canonicalization: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
      signatureMethod: RSA_SHA1,
      digestMethod: SHA1,
      keyInfo: 'certificate',
    });
    const [verdict] = verifyEachSignature(xmlsecSign(template, pki.rsa.keyPath, pki.rsa.certPath, pki.dir));
    expect(verdict).toMatchObject({ valid: true, weak: expect.stringContaining('SHA-1') });
  });

  it('accepts Canonical XML 1.1 where it gives the same bytes as 1.0', () => {
    const template = withTemplate(sampleAlert(), {
      canonicalization: C14N11,
      signatureMethod: RSA_SHA256,
      digestMethod: SHA256,
      extraTransforms: [C14N11],
      prefix: 'ds',
      keyInfo: 'certificate',
    });
    const [verdict] = verifyEachSignature(xmlsecSign(template, pki.rsa.keyPath, pki.rsa.certPath, pki.dir));
    expect(verdict).toMatchObject({ valid: true, weak: null, problems: [] });
  });

  it('refuses Canonical XML 1.1 where xml:base would make it differ', () => {
    const template = withTemplate(sampleAlert().replace('<alert ', '<alert xml:base="http://x.example/" '), {
      canonicalization: C14N11,
      signatureMethod: RSA_SHA256,
      digestMethod: SHA256,
      keyInfo: 'certificate',
    });
    const [verdict] = verifyEachSignature(xmlsecSign(template, pki.rsa.keyPath, pki.rsa.certPath, pki.dir));
    expect(verdict!.valid).toBe(false);
    expect(verdict!.problems[0]!.message).toMatch(/Canonical XML 1.1/);
  });
});
