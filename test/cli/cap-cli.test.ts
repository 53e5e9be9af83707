/**
 * `dabyl cap validate`, `cap verify` and `cap convert` as the real binary runs them: a verdict per
 * signature against a trust store, and converted messages that the official CAP 1.2 schema accepts.
 * One spawned run per command; the further calls go through the same `main` in this process.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DSIG_NS } from '../../src/cap/dsig/algorithms.js';
import { createTestPki, removeTestPki, sampleAlert, type TestPki } from '../../src/cap/dsig/fixtures/pki.js';
import { requireXmlsec1, withTemplate, xmlsecSign } from '../../src/cap/dsig/fixtures/xmlsec.js';
import { signCapMessage } from '../../src/cap/dsig/index.js';
import { xsdFailures } from '../support/cap-xsd.js';
import { dabyl, dabylInProcess } from '../support/dabyl-bin.js';

const FIXTURES = fileURLToPath(new URL('../../src/cap/fixtures/', import.meta.url));
const ENV = { DABYL_DATA_DIR: ':memory:' };

let pki: TestPki;
let dir: string;
let store: string;
const files: Record<'two' | 'weak', string> = { two: '', weak: '' };

beforeAll(() => {
  requireXmlsec1();
  pki = createTestPki();
  dir = mkdtempSync(join(tmpdir(), 'dabyl-cap-cli-'));
  // The store holds the originator's certificate, not the distributor's.
  store = join(dir, 'store');
  mkdirSync(store);
  writeFileSync(join(store, 'met.pem'), pki.rsa.certPem);
  const alert = sampleAlert();
  const distributor = signCapMessage(alert, { privateKey: pki.other.keyPem, certificate: pki.other.certPem });
  const theirs = /<Signature[\s\S]*<\/Signature>/.exec(distributor)![0];
  files.two = join(dir, 'two.xml');
  writeFileSync(
    files.two,
    signCapMessage(alert, { privateKey: pki.rsa.keyPem, certificate: pki.rsa.certPem }).replace(
      '</Signature>',
      `</Signature>\n  ${theirs}`,
    ),
  );
  files.weak = join(dir, 'weak.xml');
  const template = withTemplate(alert, {
    canonicalization: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
    signatureMethod: `${DSIG_NS}rsa-sha1`,
    digestMethod: `${DSIG_NS}sha1`,
    keyInfo: 'certificate',
  });
  writeFileSync(files.weak, xmlsecSign(template, pki.rsa.keyPath, pki.rsa.certPath, pki.dir));
});
afterAll(() => {
  if (pki) removeTestPki(pki);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('dabyl cap validate and cap verify with a trust store', () => {
  it('validate: a verdict per signature, the originator in the store trusted, the distributor outside it refused', async () => {
    const run = await dabyl(['cap', 'validate', files.two, '--trust-store', store], ENV);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^ {4}signature 1 \(originator\): valid signature \(rsa-sha256, key from KeyInfo "O=Dabyl tests, CN=Dabyl RSA signer", trusted\)\n {6}certificate valid at sent: yes, at receipt: yes, now: yes$/m,
    );
    expect(run.stdout).toMatch(
      /^ {4}signature 2 \(distributor\): INVALID signature\n {6}certificate: the KeyInfo certificate "O=Dabyl tests, CN=Someone else" .* does not chain to, any of the 1 configured trust anchors/m,
    );
    expect(run.stderr).toBe('dabyl: 1 of 1 files are invalid\n');
  });

  it('verify: passes a weak signature whose signer the store holds, and says it is weak', async () => {
    const run = await dabyl(['cap', 'verify', files.weak, '--trust-store', store], ENV);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('weak.xml: valid signature (rsa-sha1, key from KeyInfo');
    expect(run.stdout).toContain('  WEAK: weak algorithms: SHA-1 in the signature, SHA-1 in the digest\n');
  });

  it('refuses a trust store that holds no certificate, and one that is not there, naming it', async () => {
    const empty = join(dir, 'empty-store');
    mkdirSync(empty);
    const none = await dabylInProcess(['cap', 'verify', files.weak, '--trust-store', empty], ENV);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(`dabyl: trust store ${empty}: holds no .pem, .crt, .cer certificate\n`);
    const missing = await dabylInProcess(
      ['cap', 'validate', files.weak, '--trust-store', join(dir, 'nowhere')],
      { ...ENV, DABYL_LANG: 'ru' },
    );
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/^dabyl: хранилище доверия .*nowhere: не удаётся прочитать \(ENOENT/);
  });
});

describe('dabyl cap convert', () => {
  it('writes CAP 1.0 as CAP 1.2 that the official schema accepts', async () => {
    const run = await dabyl(['cap', 'convert', join(FIXTURES, 'cap10-legacy.xml'), '--to', 'xml'], ENV);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">/,
    );
    expect(xsdFailures([run.stdout])).toEqual([]);
  });

  it('writes schema-valid CAP 1.2 from every readable form: 1.1, 1.2, wrapped, other encodings, and JSON', async () => {
    const emitted: string[] = [];
    const readable = readdirSync(FIXTURES).filter((f) => !/^bad-|^atom-feed/.test(f));
    for (const fixture of readable) {
      const xml = await dabylInProcess(['cap', 'convert', join(FIXTURES, fixture), '--to', 'xml'], ENV);
      expect(xml.code, fixture).toBe(0);
      emitted.push(xml.stdout);
      const json = await dabylInProcess(['cap', 'convert', join(FIXTURES, fixture), '--to', 'json'], ENV);
      const jsonFile = join(dir, `${fixture}.json`);
      writeFileSync(jsonFile, json.stdout);
      const back = await dabylInProcess(['cap', 'convert', jsonFile, '--to', 'xml'], ENV);
      expect(back.stdout, fixture).toBe(xml.stdout);
    }
    expect(readable.length).toBeGreaterThanOrEqual(8);
    expect(xsdFailures(emitted)).toEqual([]);
  });
});
