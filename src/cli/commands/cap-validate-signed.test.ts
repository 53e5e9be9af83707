import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCapMessage } from '../../cap/dsig/index.js';
import { createTestPki, removeTestPki, sampleAlert, type TestPki } from '../../cap/dsig/fixtures/pki.js';
import { validateCapFiles } from './cap.js';

let pki: TestPki;
let dir: string;

beforeAll(() => {
  pki = createTestPki();
  dir = mkdtempSync(path.join(tmpdir(), 'dabyl-cap-signed-'));
});
afterAll(() => {
  removeTestPki(pki);
  rmSync(dir, { recursive: true, force: true });
});

describe('cap validate checks the signatures it finds', () => {
  it('passes a signed message and names the digest of one altered after signing', async () => {
    const signed = signCapMessage(sampleAlert(), {
      privateKey: pki.leaf.keyPem,
      certificate: pki.leaf.certPem,
    });
    const good = path.join(dir, 'good.xml');
    const bad = path.join(dir, 'bad.xml');
    writeFileSync(good, signed);
    writeFileSync(bad, signed.replace(/<headline>/, '<headline>ALTERED '));
    const [goodReport, badReport] = await validateCapFiles([good, bad]);
    expect(goodReport!.valid).toBe(true);
    expect(badReport!.valid).toBe(false);
    expect(badReport!.messages[0]!.findings).toContainEqual(
      expect.objectContaining({ rule: 'cap.signature.digest', severity: 'error' }),
    );
  });
});
