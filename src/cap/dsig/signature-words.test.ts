import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CapFinding } from '../finding.js';
import { capSentence, type CapWords } from '../sentences/sentences.js';
import { DSIG_NS } from './algorithms.js';
import { createTestPki, removeTestPki, sampleAlert, type TestPki } from './fixtures/pki.js';
import { requireXmlsec1, withTemplate, xmlsecSign } from './fixtures/xmlsec.js';
import {
  eachSignatureFindings,
  loadTrustAnchors,
  signCapMessage,
  signatureFindings,
  verifyCapSignature,
} from './index.js';

let pki: TestPki;
let signed: string;
beforeAll(() => {
  requireXmlsec1();
  pki = createTestPki();
  signed = signCapMessage(sampleAlert(), { privateKey: pki.rsa.keyPem, certificate: pki.rsa.certPem });
});
afterAll(() => pki && removeTestPki(pki));

const pemBody = (pem: string) => pem.replace(/-----[A-Z ]+-----|\s/g, '');

/** The sentence in Kazakh and Russian: every value filled, and worded, not the English one. */
function wordedInEveryLanguage(words: CapWords): { kk: string; ru: string } {
  const en = capSentence('en', words);
  const kk = capSentence('kk', words);
  const ru = capSentence('ru', words);
  for (const text of [en, kk, ru]) expect(text).not.toMatch(/\{\w+\}/);
  expect(kk).not.toBe(en);
  expect(ru).not.toBe(en);
  return { kk, ru };
}

/** The one finding with `rule`, its English sentence the same as its `message`. */
function only(findings: CapFinding[], rule: string): CapWords {
  const found = findings.filter((f) => f.rule === rule);
  expect(found).toHaveLength(1);
  expect(capSentence('en', found[0]!.words!)).toBe(found[0]!.message);
  return found[0]!.words!;
}

describe('signature problems in the reader language', () => {
  it('words a message changed after signing, keeping the digests as they are', () => {
    const findings = signatureFindings(signed.replace('Minor', 'Severe'));
    const words = only(findings, 'cap.signature.digest');
    expect(findings[0]!.message).toMatch(
      /^XML signature: the digest of Reference URI="" .* changed after signing$/,
    );
    const { kk, ru } = wordedInEveryLanguage(words);
    const [, expected] = /DigestValue is (\S+),/.exec(findings[0]!.message)!;
    expect(kk).toMatch(/^XML қолтаңбасы: .*хэші сәйкес келмейді/);
    expect(kk).toContain(expected);
    expect(ru).toMatch(/^XML-подпись: хеш .*изменили после подписания$/);
    expect(ru).toContain(expected);
  });

  it('words a message that carries no signature where one is expected', () => {
    const [problem] = verifyCapSignature(sampleAlert()).problems;
    expect(problem!.message).toBe('the message carries no XML signature');
    expect(wordedInEveryLanguage(problem!.words)).toEqual({
      kk: 'хабарда XML қолтаңбасы жоқ',
      ru: 'в сообщении нет XML-подписи',
    });
  });

  it('words a signature that does not verify with the key given, naming the certificate', () => {
    const swapped = signed.replace(
      /<X509Certificate>[^<]*</,
      `<X509Certificate>${pemBody(pki.other.certPem)}<`,
    );
    const words = only(signatureFindings(swapped), 'cap.signature.value');
    const { kk, ru } = wordedInEveryLanguage(words);
    expect(kk).toMatch(
      /<KeyInfo> ішіндегі «O=Dabyl tests, CN=Someone else» \(сериялық нөмірі \w+\) сертификатының/,
    );
    expect(ru).toMatch(
      /ключом \(открытый ключ сертификата «O=Dabyl tests, CN=Someone else» \(серийный номер/,
    );
  });

  it('words a certificate no configured trust anchor vouches for', () => {
    const check = verifyCapSignature(signed, { trustAnchors: loadTrustAnchors([pki.other.certPem]) });
    const { ru } = wordedInEveryLanguage(check.problems[0]!.words);
    expect(ru).toContain('не совпадает ни с одним из настроенных якорей доверия (1)');
  });

  it('words a certificate that cannot be read', () => {
    const broken = signed.replace(/<X509Certificate>[^<]*</, '<X509Certificate>AAAA<');
    const words = only(signatureFindings(broken), 'cap.signature.certificate');
    expect(wordedInEveryLanguage(words)).toEqual({
      kk: 'XML қолтаңбасы: <KeyInfo> ішіндегі №1 <X509Certificate> оқылатын X.509 сертификаты емес',
      ru: 'XML-подпись: <X509Certificate> №1 в <KeyInfo> — не читаемый сертификат X.509',
    });
  });

  it('words weak algorithms, each reason in the reader language', () => {
    const template = withTemplate(sampleAlert(), {
      canonicalization: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
      signatureMethod: `${DSIG_NS}rsa-sha1`,
      digestMethod: `${DSIG_NS}sha1`,
      keyInfo: 'certificate',
    });
    const findings = eachSignatureFindings(xmlsecSign(template, pki.rsa.keyPath, pki.rsa.certPath, pki.dir));
    const words = only(findings, 'cap.signature.weak');
    expect(capSentence('en', words)).toBe(
      'XML signature: weak algorithms: SHA-1 in the signature, SHA-1 in the digest',
    );
    expect(wordedInEveryLanguage(words)).toEqual({
      kk: 'XML қолтаңбасы: әлсіз алгоритмдер: қолтаңбада SHA-1, хэште SHA-1',
      ru: 'XML-подпись: слабые алгоритмы: SHA-1 в подписи, SHA-1 в хеше',
    });
  });

  it("names a distributor's signature by its number and role in the reader language", () => {
    const second = signCapMessage(sampleAlert(), { privateKey: pki.other.keyPem });
    const both = signed.replace(
      '</Signature>',
      `</Signature>\n  ${/<Signature[\s\S]*<\/Signature>/.exec(second)![0].replace(/<DigestValue>[^<]*</, '<DigestValue>AAAA<')}`,
    );
    const findings = eachSignatureFindings(both);
    const words = only(findings, 'cap.signature.digest');
    expect(findings[0]!.message).toMatch(/^XML signature 2 \(distributor\): the digest/);
    const { kk, ru } = wordedInEveryLanguage(words);
    expect(kk).toMatch(/^XML қолтаңбасы 2 \(таратушы\): /);
    expect(ru).toMatch(/^XML-подпись 2 \(распространитель\): /);
  });
});
