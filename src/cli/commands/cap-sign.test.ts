import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestPki, removeTestPki, sampleAlert, type TestPki } from '../../cap/dsig/fixtures/pki.js';
import { signCapMessage } from '../../cap/dsig/index.js';
import type { MessageLang } from '../../core/messages/messages.js';
import { CliFailure } from '../output.js';
import { registerCapSignCommands } from './cap-sign.js';

let pki: TestPki;
let unsigned: string;
beforeAll(() => {
  pki = createTestPki();
  unsigned = join(pki.dir, 'alert.xml');
  writeFileSync(unsigned, sampleAlert());
});
afterAll(() => removeTestPki(pki));

/** Runs `dabyl …` in-process; returns stdout and the failure, if any. */
const dabyl = (...args: string[]) => dabylIn('en', ...args);

/** Runs `dabyl …` in-process speaking `lang`; returns stdout and the failure, if any. */
async function dabylIn(lang: MessageLang, ...args: string[]): Promise<{ out: string; failure?: CliFailure }> {
  const program = new Command('dabyl').exitOverride();
  registerCapSignCommands(program, lang);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(args, { from: 'user' });
    return { out };
  } catch (err) {
    if (err instanceof CliFailure) return { out, failure: err };
    throw err;
  } finally {
    spy.mockRestore();
  }
}

async function signedFile(name: string, ...extra: string[]): Promise<string> {
  const out = join(pki.dir, name);
  const result = await dabyl('cap', 'sign', unsigned, '--key', pki.rsa.keyPath, '--out', out, ...extra);
  expect(result.failure).toBeUndefined();
  return out;
}

describe('dabyl cap sign / cap verify', () => {
  it('signs to a file and verifies it with exit 0', async () => {
    const file = await signedFile('signed.xml', '--cert', pki.rsa.certPath);
    const { out, failure } = await dabyl('cap', 'verify', file, '--trust', pki.rsa.certPath);
    expect(failure).toBeUndefined();
    expect(out).toMatch(
      /valid signature \(rsa-sha256, key from KeyInfo "O=Dabyl tests, CN=Dabyl RSA signer", trusted\)/,
    );
  });

  it('verifies each alert of an Atom feed on its own, named by where it sits, and fails for the changed one', async () => {
    const signed = readFileSync(await signedFile('for-feed.xml', '--cert', pki.rsa.certPath), 'utf8').replace(
      /^<\?xml[^>]*\?>\s*/,
      '',
    );
    const feed = join(pki.dir, 'feed.xml');
    const entry = (alert: string) => `<entry><content type="text/xml">${alert}</content></entry>`;
    writeFileSync(
      feed,
      `<feed xmlns="http://www.w3.org/2005/Atom">${entry(signed)}${entry(signed.replace('Minor', 'Extreme'))}</feed>`,
    );
    const { out, failure } = await dabyl('cap', 'verify', feed, '--trust', pki.rsa.certPath);
    expect(out).toContain('feed.xml /feed/entry[0]/content[0]/alert[0]: valid signature');
    expect(out).toContain('feed.xml /feed/entry[1]/content[0]/alert[0]: INVALID signature');
    expect(failure?.message).toBe('1 of 2 messages are unsigned or badly signed');
  });

  it('writes the signed message to standard output without --out', async () => {
    const { out } = await dabyl('cap', 'sign', unsigned, '--key', pki.ec.keyPath);
    expect(out).toContain('ecdsa-sha256');
  });

  it('fails for an unsigned message and a tampered one, naming what failed, and still reports every file', async () => {
    const file = await signedFile('tampered.xml', '--cert', pki.rsa.certPath);
    writeFileSync(file, readFileSync(file, 'utf8').replace('Minor', 'Extreme'));
    const good = await signedFile('good.xml', '--cert', pki.rsa.certPath);
    const { out, failure } = await dabyl('cap', 'verify', unsigned, file, join(pki.dir, 'missing.xml'), good);
    expect(failure?.exitCode).toBe(1);
    expect(failure?.message).toBe('3 of 4 messages are unsigned or badly signed');
    expect(out).toContain('alert.xml: NOT signed');
    expect(out).toMatch(
      /tampered\.xml: INVALID signature\n {2}digest: the digest of Reference URI="" .*DigestValue\)/,
    );
    expect(out).toContain('missing.xml: NOT signed\n  structure: cannot read the file');
    expect(out).toContain('good.xml: valid signature');
  });

  it('fails when --trust is given and the signer is not trusted', async () => {
    const file = await signedFile('untrusted.xml', '--cert', pki.rsa.certPath);
    const { out, failure } = await dabyl('cap', 'verify', file, '--trust', pki.other.certPath, '--json');
    expect(failure?.exitCode).toBe(1);
    const [report] = JSON.parse(out) as Array<{ trusted: boolean; problems: Array<{ what: string }> }>;
    expect(report).toMatchObject({ file, signed: true, valid: false, trusted: false, keySource: 'keyinfo' });
    expect(report!.problems.map((p) => p.what)).toEqual(['certificate']);
  });

  it('prints a verdict per signature: originator valid, a forged distributor signature beside it', async () => {
    const alert = sampleAlert();
    const originator = signCapMessage(alert, { privateKey: pki.rsa.keyPem, certificate: pki.rsa.certPem });
    const distributor = signCapMessage(alert, {
      privateKey: pki.other.keyPem,
      certificate: pki.other.certPem,
    });
    const second = /<Signature[\s\S]*<\/Signature>/
      .exec(distributor)![0]
      .replace(/<SignatureValue>[^<]*</, `<SignatureValue>${Buffer.alloc(256, 1).toString('base64')}<`);
    const file = join(pki.dir, 'two.xml');
    writeFileSync(file, originator.replace('</Signature>', `</Signature>\n  ${second}`));
    const { out, failure } = await dabyl('cap', 'verify', file);
    expect(failure?.exitCode).toBe(1);
    expect(out).toMatch(/two\.xml: signature 1 \(originator\): valid signature/);
    expect(out).toMatch(/certificate valid at sent: yes, at receipt: yes, now: yes/);
    expect(out).toMatch(/two\.xml: signature 2 \(distributor\): INVALID signature\n {2}signature-value: /);
  });

  it('refuses to sign with a certificate that is not for the key', async () => {
    const { failure } = await dabyl(
      'cap',
      'sign',
      unsigned,
      '--key',
      pki.rsa.keyPath,
      '--cert',
      pki.other.certPath,
    );
    expect(failure?.message).toMatch(/not for this private key/);
  });

  it('speaks Russian: help, verdicts, each problem and the refusal to sign', async () => {
    const tampered = await signedFile('tampered-ru.xml', '--cert', pki.rsa.certPath);
    writeFileSync(tampered, readFileSync(tampered, 'utf8').replace('Minor', 'Extreme'));
    const good = await signedFile('good-ru.xml', '--cert', pki.rsa.certPath);
    const { out, failure } = await dabylIn('ru', 'cap', 'verify', unsigned, tampered, good);
    expect(out).toContain('alert.xml: НЕ подписано\n  структура: в сообщении нет XML-подписи\n');
    expect(out).toMatch(
      /tampered-ru\.xml: подпись НЕВЕРНА\n {2}хеш: хеш <Reference> «URI=""» \(всё сообщение\) не совпадает: .+; сообщение изменили после подписания \(\/alert\/Signature\/SignedInfo\/Reference\/DigestValue\)\n/,
    );
    expect(out).toContain(
      'good-ru.xml: подпись верна (rsa-sha256, ключ из <KeyInfo> «O=Dabyl tests, CN=Dabyl RSA signer», НЕ доверенный: якорь доверия не задан)',
    );
    expect(out).toContain('  сертификат действовал при отправке: да, при получении: да, сейчас: да');
    expect(out).not.toMatch(/\{\w+\}|signature|digest|valid/);
    expect(failure?.message).toBe('не подписаны или подписаны неверно 2 из 3 сообщений');

    const refused = await dabylIn('ru', 'cap', 'sign', good, '--key', pki.rsa.keyPath);
    expect(refused.failure?.message).toBe(`${good}: подписать нельзя: сообщение уже несёт XML-подпись`);

    const program = new Command('dabyl');
    registerCapSignCommands(program, 'ru');
    const verify = program.commands[0]!.commands.find((c) => c.name() === 'verify')!;
    expect(verify.description()).toMatch(/^проверить каждую XML-подпись сообщений CAP отдельно/);
  });

  it('adds to an existing cap command instead of creating a second one', () => {
    const program = new Command('dabyl');
    program.command('cap').command('validate');
    registerCapSignCommands(program);
    expect(program.commands.filter((c) => c.name() === 'cap')).toHaveLength(1);
    expect(program.commands[0]!.commands.map((c) => c.name())).toEqual(['validate', 'sign', 'verify']);
  });
});
