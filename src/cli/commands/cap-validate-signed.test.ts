import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DSIG_NS } from '../../cap/dsig/algorithms.js';
import { loadTrustAnchors, signCapMessage } from '../../cap/dsig/index.js';
import {
  createTestPki,
  dsaCredential,
  removeTestPki,
  sampleAlert,
  type Credential,
  type TestPki,
} from '../../cap/dsig/fixtures/pki.js';
import { requireXmlsec1, withTemplate, xmlsecSign } from '../../cap/dsig/fixtures/xmlsec.js';
import type { MessageLang } from '../../core/messages/messages.js';
import { registerCapCommands, validateCapFiles } from './cap.js';

let pki: TestPki;
let dsa: Credential;
let dir: string;
const file = (name: string, text: string) => {
  const at = path.join(dir, name);
  writeFileSync(at, text);
  return at;
};
const signedBy = (signer: Credential, alert = sampleAlert()) =>
  signCapMessage(alert, { privateKey: signer.keyPem, certificate: signer.certPem });

beforeAll(() => {
  requireXmlsec1();
  pki = createTestPki();
  dsa = dsaCredential(pki.dir);
  dir = mkdtempSync(path.join(tmpdir(), 'dabyl-cap-signed-'));
});
afterAll(() => {
  removeTestPki(pki);
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `dabyl cap …` in-process speaking `lang`; returns what it printed and the failure, if any. */
async function cap(lang: MessageLang, ...args: string[]): Promise<{ out: string; exitCode?: number }> {
  const program = new Command('dabyl').exitOverride();
  registerCapCommands(program, lang);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['cap', ...args], { from: 'user' });
    return { out };
  } catch (err) {
    return { out, exitCode: (err as { exitCode: number }).exitCode };
  } finally {
    spy.mockRestore();
  }
}

/** The originator's signed message with a distributor's signature over the same alert beside it. */
function twoSigned(): string {
  const theirs = /<Signature[\s\S]*<\/Signature>/.exec(signedBy(pki.other))![0];
  return signedBy(pki.rsa).replace('</Signature>', `</Signature>\n  ${theirs}`);
}

/** Signed with xmlsec1 with DSA and SHA-1, as some national systems still sign. */
function dsaSigned(): string {
  const template = withTemplate(sampleAlert(), {
    canonicalization: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
    signatureMethod: `${DSIG_NS}dsa-sha1`,
    digestMethod: `${DSIG_NS}sha1`,
    keyInfo: 'certificate',
  });
  return xmlsecSign(template, dsa.keyPath, dsa.certPath, pki.dir);
}

describe('cap validate checks the signatures it finds', () => {
  it('passes a signed message and names the digest of one altered after signing', async () => {
    const signed = signedBy(pki.leaf);
    const good = file('good.xml', signed);
    const bad = file('bad.xml', signed.replace(/<headline>/, '<headline>ALTERED '));
    const [goodReport, badReport] = await validateCapFiles([good, bad]);
    expect(goodReport!.valid).toBe(true);
    expect(badReport!.valid).toBe(false);
    expect(badReport!.messages[0]!.findings).toContainEqual(
      expect.objectContaining({ rule: 'cap.signature.digest', severity: 'error' }),
    );
  });

  it('verifies a signed alert inside an Atom feed as its originator signed it, and a changed copy beside it not', async () => {
    const alert = signedBy(pki.rsa).replace(/^<\?xml[^>]*\?>\s*/, '');
    const entry = (a: string) => `<entry><content type="text/xml">${a}</content></entry>`;
    const feed = file(
      'feed.xml',
      `<feed xmlns="http://www.w3.org/2005/Atom">${entry(alert)}${entry(alert.replace('Minor', 'Extreme'))}</feed>`,
    );
    const [report] = await validateCapFiles([feed]);
    const [kept, changed] = report!.messages;
    // Verified against the feed, the signature would cover a <feed> nobody signed.
    expect(kept).toMatchObject({ location: '/feed/entry[0]/content[0]/alert[0]', valid: true });
    expect(kept!.signatures).toMatchObject([{ role: 'originator', valid: true, problems: [] }]);
    expect(changed!.valid).toBe(false);
    expect(changed!.signatures![0]!.problems.map((p) => p.what)).toEqual(['digest']);
  });

  it('prints a verdict per signature under its alert: originator, distributor, weakness and validity in time', async () => {
    const two = file('two.xml', twoSigned());
    const weak = file('dsa.xml', dsaSigned());
    const { out, exitCode } = await cap('en', 'validate', two, weak);
    expect(exitCode).toBeUndefined();
    expect(out).toContain(
      `VALID   ${two} — CAP 1.2, 1 alert: 0 errors, 0 warnings\n` +
        '  alert KZ-AST-2025-10-21-0001 at /alert (signed)\n' +
        '    signature 1 (originator): valid signature (rsa-sha256, key from KeyInfo "O=Dabyl tests, CN=Dabyl RSA signer", NOT trusted: no trust anchor given)\n' +
        '      certificate valid at sent: yes, at receipt: yes, now: yes\n' +
        '    signature 2 (distributor): valid signature (rsa-sha256, key from KeyInfo "O=Dabyl tests, CN=Someone else", NOT trusted: no trust anchor given)\n' +
        '      certificate valid at sent: yes, at receipt: yes, now: yes\n',
    );
    expect(out).toContain(
      `VALID   ${weak} — CAP 1.2, 1 alert: 0 errors, 1 warning\n` +
        '  alert KZ-AST-2025-10-21-0001 at /alert (signed)\n' +
        '    XML signature: valid signature (dsa-sha1, key from KeyInfo "O=Dabyl tests, CN=Legacy DSA signer", NOT trusted: no trust anchor given)\n' +
        '      WEAK: weak algorithms: DSA, SHA-1 in the signature, SHA-1 in the digest\n' +
        '      certificate valid at sent: yes, at receipt: yes, now: yes\n',
    );
  });

  it('honours the trust anchors given: a signer none of them vouches for makes the file invalid', async () => {
    const two = file('two-trusted.xml', twoSigned());
    const anchors = loadTrustAnchors([pki.rsa.certPem]);
    const [report] = await validateCapFiles([two], [], anchors);
    expect(report!.valid).toBe(false);
    expect(report!.messages[0]!.signatures!.map((v) => [v.role, v.valid, v.trusted])).toEqual([
      ['originator', true, true],
      ['distributor', false, false],
    ]);
    expect(report!.messages[0]!.findings.map((f) => [f.path, f.rule])).toEqual([
      ['/alert/Signature[2]/KeyInfo/X509Data/X509Certificate', 'cap.signature.certificate'],
    ]);
    const both = await cap('en', 'validate', two, '--trust', pki.rsa.certPath, '--trust', pki.other.certPath);
    expect(both.exitCode).toBeUndefined();
    expect(both.out.match(/, trusted\)/g)).toHaveLength(2);
  });

  it.each(['kk', 'ru'] as const)(
    'words each verdict in %s: no English word, names and algorithms kept',
    async (lang) => {
      const two = file(`two-${lang}.xml`, twoSigned().replace('Minor', 'Extreme'));
      const weak = file(`dsa-${lang}.xml`, dsaSigned());
      const { out, exitCode } = await cap(lang, 'validate', two, weak, '--trust', pki.rsa.certPath);
      expect(exitCode).toBe(1);
      // What stays in Latin letters: file names, signers, algorithms, CAP paths, identifiers and digests.
      const prose = out
        .split(dir)
        .join(' ')
        .replace(/"[^"]*"|«[^»]*»|\([^()]*\)|\/[\w/[\]]+|<\w+>|[\w.-]+\.xml|KZ-AST[\w-]+|[\w+/]{20,}=*/g, ' ')
        .replace(/\b(CAP|XML|DSA|SHA-1|rsa-sha256|dsa-sha1)\b/g, ' ');
      expect(prose).not.toMatch(/[A-Za-z]{3,}/);
      expect(out).toContain(lang === 'kk' ? '2-қолтаңба (таратушы)' : 'подпись 2 (распространитель)');
      expect(out).toContain(lang === 'kk' ? 'ӘЛСІЗ' : 'СЛАБАЯ');
    },
  );
});
