import { createPublicKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, removeTestPki, sampleAlert, type TestPki } from './fixtures/pki.js';
import {
  checkSignature,
  loadTrustAnchors,
  signCapMessage,
  signatureFindings,
  verifyCapSignature,
} from './index.js';

let pki: TestPki;
let signed: string;
beforeAll(() => {
  pki = createTestPki();
  signed = signCapMessage(sampleAlert(), { privateKey: pki.rsa.keyPem, certificate: pki.rsa.certPem });
});
afterAll(() => removeTestPki(pki));

const kinds = (xml: string, trust?: string[]) =>
  verifyCapSignature(xml, trust ? { trustAnchors: loadTrustAnchors(trust) } : {}).problems.map((p) => p.what);

describe('verifyCapSignature: a message altered after signing is rejected', () => {
  it('accepts the message as signed', () => {
    expect(verifyCapSignature(signed)).toMatchObject({ signed: true, valid: true, problems: [] });
  });

  it('rejects one changed character of text, naming the digest', () => {
    const check = verifyCapSignature(signed.replace('Mangilik El avenue', 'Mangilik El avenuE'));
    expect(check.valid).toBe(false);
    expect(check.problems).toEqual([
      expect.objectContaining({ what: 'digest', path: '/alert/Signature/SignedInfo/Reference/DigestValue' }),
    ]);
    expect(check.problems[0]!.message).toMatch(/changed after signing/);
  });

  it('rejects a changed attribute-free value such as status', () => {
    expect(kinds(signed.replace('<status>Exercise</status>', '<status>Actual</status>'))).toEqual(['digest']);
  });

  it('rejects reordered elements', () => {
    const swapped = signed.replace(
      '<urgency>Expected</urgency>\n    <severity>Minor</severity>',
      '<severity>Minor</severity>\n    <urgency>Expected</urgency>',
    );
    expect(swapped).not.toBe(signed);
    expect(kinds(swapped)).toEqual(['digest']);
  });

  it('rejects a stripped signature as unsigned', () => {
    const stripped = signed.replace(/<Signature[\s\S]*<\/Signature>/, '');
    expect(verifyCapSignature(stripped)).toMatchObject({ signed: false, valid: false, keySource: null });
  });

  it('rejects a swapped certificate, naming the signature value', () => {
    const body = (pem: string) => pem.replace(/-----[A-Z ]+-----|\s/g, '');
    const swapped = signed.replace(/<X509Certificate>[^<]*</, `<X509Certificate>${body(pki.other.certPem)}<`);
    const check = verifyCapSignature(swapped);
    expect(check.problems.map((p) => p.what)).toEqual(['signature-value']);
    expect(check.problems[0]!.message).toContain('Someone else');
  });

  it('rejects a re-computed digest, because SignedInfo is then no longer what was signed', () => {
    const other = signCapMessage(sampleAlert().replace('Minor', 'Extreme'), { privateKey: pki.other.keyPem });
    const forgedDigest = /<DigestValue>([^<]+)</.exec(other)![1]!;
    const forged = signed
      .replace('Minor', 'Extreme')
      .replace(/<DigestValue>[^<]+</, `<DigestValue>${forgedDigest}<`);
    expect(kinds(forged)).toEqual(['signature-value']);
  });

  it('rejects a changed SignatureValue', () => {
    const broken = signed.replace(
      /<SignatureValue>(.)/,
      (_m, c: string) => `<SignatureValue>${c === 'A' ? 'B' : 'A'}`,
    );
    expect(kinds(broken)).toEqual(['signature-value']);
  });

  it('survives CRLF line endings and a BOM added in transit, which XML parsing normalises', () => {
    expect(verifyCapSignature(`\uFEFF${signed.replace(/\n/g, '\r\n')}`).valid).toBe(true);
  });

  it('ignores comments added after signing, as same-document references require', () => {
    expect(verifyCapSignature(signed.replace('<info>', '<info><!-- a note -->')).valid).toBe(true);
  });
});

describe('verifyCapSignature: wrapping and other structure attacks are refused', () => {
  const refused = (xml: string) => {
    const check = verifyCapSignature(xml);
    expect(check).toMatchObject({ signed: true, valid: false });
    expect(check.problems.map((p) => p.what)).toEqual(['structure']);
    return check.problems[0]!.message;
  };
  const signature = () => /<Signature[\s\S]*<\/Signature>/.exec(signed)![0];

  it('refuses a second signature', () => {
    expect(refused(signed.replace('</alert>', `${signature()}</alert>`))).toMatch(/2 Signature elements/);
  });

  it('refuses an extra Reference to a different element', () => {
    const extra =
      '<Reference URI="#evil"><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue>AAAA</DigestValue></Reference>';
    expect(refused(signed.replace('</Reference>', `</Reference>${extra}`))).toMatch(
      /2 Reference elements.*wrapping/,
    );
  });

  it('refuses a Reference to an element other than the alert', () => {
    const wrapped = signed
      .replace('<info>', '<info Id="part">')
      .replace('<Reference URI="">', '<Reference URI="#part">');
    expect(refused(wrapped)).toMatch(/does not designate the whole alert/);
  });

  it('refuses an external Reference and never fetches it', () => {
    expect(
      refused(signed.replace('<Reference URI="">', '<Reference URI="http://127.0.0.1:9/alert.xml">')),
    ).toMatch(/nothing is ever fetched/);
  });

  it('refuses an Object inside the Signature', () => {
    expect(
      refused(signed.replace('</Signature>', '<Object><alert>forged</alert></Object></Signature>')),
    ).toMatch(/no Object/);
  });

  it('refuses an XPath transform', () => {
    const xpath =
      '<Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116"><XPath>1</XPath></Transform>';
    expect(refused(signed.replace('<Transforms>', `<Transforms>${xpath}`))).toMatch(/refused/);
  });

  it('refuses HMAC, which would let a public certificate forge signatures', () => {
    expect(
      refused(
        signed.replace(
          'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
          'http://www.w3.org/2000/09/xmldsig#hmac-sha1',
        ),
      ),
    ).toMatch(/unsupported SignatureMethod/);
  });

  it('refuses a signature moved inside <info>', () => {
    const moved = signed.replace(signature(), '').replace('</info>', `${signature()}</info>`);
    expect(refused(moved)).toMatch(/not a child of <alert>/);
  });

  it('refuses a DOCTYPE with entities', () => {
    const bomb = signed.replace(
      /^<\?xml[^>]*>/,
      '<!DOCTYPE alert [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>',
    );
    expect(verifyCapSignature(bomb)).toMatchObject({
      valid: false,
      problems: [expect.objectContaining({ what: 'structure' })],
    });
  });

  it('refuses a signed document whose root is not a CAP alert', () => {
    expect(refused(signed.replace(/urn:oasis:names:tc:emergency:cap:1\.2/, 'urn:example:other'))).toMatch(
      /not a CAP <alert>/,
    );
  });
});

describe('verifyCapSignature: keys and trust', () => {
  it('trusts a KeyInfo certificate equal to a trust anchor', () => {
    expect(verifyCapSignature(signed, { trustAnchors: loadTrustAnchors([pki.rsa.certPem]) })).toMatchObject({
      valid: true,
      keySource: 'keyinfo',
      trusted: true,
    });
  });

  it('treats a KeyInfo certificate as untrusted without anchors, and as invalid when anchors exclude it', () => {
    expect(verifyCapSignature(signed)).toMatchObject({ valid: true, trusted: false });
    const check = verifyCapSignature(signed, { trustAnchors: loadTrustAnchors([pki.other.certPem]) });
    expect(check).toMatchObject({ valid: false, keySource: 'keyinfo', trusted: false });
    expect(check.problems).toEqual([expect.objectContaining({ what: 'certificate' })]);
  });

  it('trusts a leaf that chains through the KeyInfo intermediate to a root anchor', () => {
    const chained = signCapMessage(sampleAlert(), {
      privateKey: pki.leaf.keyPem,
      certificate: pki.leaf.certPem,
    });
    const check = verifyCapSignature(chained, { trustAnchors: loadTrustAnchors([pki.root.certPem]) });
    expect(check).toMatchObject({ valid: true, keySource: 'keyinfo', trusted: true });
    expect(check.signer?.subject).toContain('Test Met Service');
  });

  it('does not trust a leaf whose intermediate is missing', () => {
    const leafOnly = pki.leaf.certPem.slice(0, pki.leaf.certPem.indexOf('-----END CERTIFICATE-----') + 25);
    const chained = signCapMessage(sampleAlert(), { privateKey: pki.leaf.keyPem, certificate: leafOnly });
    expect(kinds(chained, [pki.root.certPem])).toEqual(['certificate']);
  });

  it('finds the key among trust anchors when KeyInfo names none, and says so', () => {
    const bare = signCapMessage(sampleAlert(), { privateKey: pki.ec.keyPem });
    expect(
      verifyCapSignature(bare, { trustAnchors: loadTrustAnchors([pki.rsa.certPem, pki.ec.certPem]) }),
    ).toMatchObject({
      valid: true,
      keySource: 'trust-anchor',
      trusted: true,
    });
    expect(verifyCapSignature(bare, { trustAnchors: loadTrustAnchors([pki.other.certPem]) })).toMatchObject({
      valid: false,
      keySource: null,
      problems: [expect.objectContaining({ what: 'signature-value' })],
    });
    expect(kinds(bare)).toEqual(['certificate']);
  });

  it('accepts bare public keys as trust anchors', () => {
    const bare = signCapMessage(sampleAlert(), { privateKey: pki.rsa.keyPem });
    const spki = createPublicKey(pki.rsa.keyPem).export({ type: 'spki', format: 'pem' }).toString();
    expect(verifyCapSignature(bare, { trustAnchors: loadTrustAnchors([spki]) })).toMatchObject({
      valid: true,
      keySource: 'trust-anchor',
    });
  });

  it('rejects a certificate outside its validity period', () => {
    const later = new Date(Date.now() + 400 * 24 * 3600 * 1000);
    const check = verifyCapSignature(signed, { at: later });
    expect(check.valid).toBe(false);
    expect(check.problems).toEqual([
      expect.objectContaining({ what: 'certificate', message: expect.stringMatching(/expired/) }),
    ]);
  });

  it('rejects an RSA signature method used with an EC certificate', () => {
    const ec = signCapMessage(sampleAlert(), { privateKey: pki.ec.keyPem, certificate: pki.ec.certPem });
    expect(kinds(ec.replace('ecdsa-sha256', 'rsa-sha256'))).toEqual(['signature-value']);
  });

  it('refuses trust-anchor PEM without any certificate or key', () => {
    expect(() => loadTrustAnchors(['hello'])).toThrow(/no certificate or public key/);
  });
});

describe('checkSignature', () => {
  it('reports nothing for an unsigned message and everything for a signed one', () => {
    expect(checkSignature(sampleAlert())).toMatchObject({ signed: false, problems: [] });
    expect(checkSignature(signed.replace('Minor', 'Severe')).problems.map((p) => p.what)).toEqual(['digest']);
  });
});

describe('signatureFindings', () => {
  it('turns each problem into an error finding with a rule and a path', () => {
    expect(signatureFindings(sampleAlert())).toEqual([]);
    expect(signatureFindings(signed.replace('Minor', 'Severe'))).toEqual([
      expect.objectContaining({
        severity: 'error',
        rule: 'cap.signature.digest',
        path: '/alert/Signature/SignedInfo/Reference/DigestValue',
      }),
    ]);
  });
});
