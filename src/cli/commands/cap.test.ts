import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { convertCapFile, formatCapReports, registerCapCommands, validateCapFiles } from './cap.js';

const FIXTURES = fileURLToPath(new URL('../../cap/fixtures/', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'cap-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the real commander tree and captures what it prints. */
async function run(
  args: string[],
  lang: 'en' | 'kk' | 'ru' = 'en',
): Promise<{ out: string; err: string; error?: { message: string; exitCode: number } }> {
  const program = new Command('dabyl').exitOverride();
  registerCapCommands(program, lang);
  let out = '';
  let err = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  const spyErr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(args, { from: 'user' });
    return { out, err };
  } catch (error) {
    return { out, err, error: error as { message: string; exitCode: number } };
  } finally {
    spy.mockRestore();
    spyErr.mockRestore();
  }
}

describe('dabyl cap validate', () => {
  it('reads a directory of mixed CAP 1.0/1.1/1.2 and wrapped messages and reports each', async () => {
    const reports = await validateCapFiles([FIXTURES]);
    const byName = Object.fromEntries(reports.map((r) => [r.file.slice(FIXTURES.length), r]));
    expect(byName['cap10-legacy.xml']).toMatchObject({ valid: true, messages: [{ version: '1.0' }] });
    expect(byName['cap11-update.xml']).toMatchObject({ valid: true, messages: [{ version: '1.1' }] });
    expect(byName['cap12-every-element.xml']?.valid).toBe(true);
    expect(byName['atom-feed.xml']).toMatchObject({ valid: true, wrapper: 'atom' });
    expect(byName['edxl-de.xml']).toMatchObject({ valid: true, wrapper: 'edxl-de' });
    expect(byName['bad-xxe.xml']).toMatchObject({ valid: false, findings: [{ rule: 'xml.doctype' }] });
    expect(byName['bad-rules.xml']?.valid).toBe(false);
    expect(reports).toHaveLength(12);
  });

  it('prints a readable report and exits 1 when a file is invalid, without stopping at it', async () => {
    const missing = join(scratch, 'missing.xml');
    const { out, error } = await run([
      'cap',
      'validate',
      join(FIXTURES, 'bad-xxe.xml'),
      missing,
      join(FIXTURES, 'cap11-update.xml'),
    ]);
    expect(error?.exitCode).toBe(1);
    expect(out).toMatch(/INVALID .*bad-xxe\.xml/);
    expect(out).toMatch(/\[xml\.doctype\] The document carries a DOCTYPE/);
    expect(out).toMatch(/INVALID .*missing\.xml/);
    expect(out).toMatch(/VALID {3}.*cap11-update\.xml — CAP 1\.1/);
    expect(out).toMatch(/3 files: 1 valid, 2 invalid\./);
  });

  it('prints JSON for scripts and applies profiles', async () => {
    const { out, error } = await run([
      'cap',
      'validate',
      '--json',
      '--profile',
      'dabyl',
      join(FIXTURES, 'cap11-update.xml'),
    ]);
    const report = JSON.parse(out) as {
      valid: boolean;
      files: { messages: { findings: { rule: string }[] }[] }[];
    };
    expect(error?.exitCode).toBe(1);
    expect(report.valid).toBe(false);
    expect(report.files[0]!.messages[0]!.findings.map((f) => f.rule)).toContain('dabyl.languages');
  });

  it('exits 0 when all are valid, and names an unknown profile', async () => {
    expect((await run(['cap', 'validate', join(FIXTURES, 'edxl-de.xml')])).error).toBeUndefined();
    const { error } = await run(['cap', 'validate', '--profile', 'mars', join(FIXTURES, 'edxl-de.xml')]);
    expect(error).toMatchObject({ exitCode: 2 });
    expect(error!.message).toMatch(/mars/);
  });

  it("prints the report, its findings and its refusals in the planner's language", async () => {
    const files = [
      join(FIXTURES, 'bad-rules.xml'),
      join(FIXTURES, 'bad-xxe.xml'),
      join(FIXTURES, 'edxl-de.xml'),
    ];
    const ru = await run(['cap', 'validate', ...files], 'ru');
    expect(ru.error?.exitCode).toBe(1);
    expect(ru.out).toMatch(/НЕВЕРНО .*bad-rules\.xml — CAP 1\.2, 1 оповещение: 6 ошибок, 1 предупреждение/);
    expect(ru.out).toMatch(
      /ошибка +\/alert\/info\[0\]\/area\[0\]\/polygon\[0\] {2}\[cap\.polygon\.syntax\] Многоугольнику нужно не меньше 4 точек/,
    );
    expect(ru.out).toMatch(/\[xml\.doctype\] В документе есть объявление DOCTYPE/);
    expect(ru.out).toMatch(/3 файла: верных 1, неверных 2\./);
    expect(ru.error!.message).toBe('неверных файлов: 2 из 3');
    const kk = await run(['cap', 'validate', '--profile', 'марс', files[2]!], 'kk');
    expect(kk.error).toMatchObject({ exitCode: 2 });
    expect(kk.error!.message).toBe(
      '«марс» деген CAP бейіні жоқ; мыналардың бірін таңдаңыз: ipaws, cap-cp, dabyl.',
    );
  });

  it('formats a report with no files', () => {
    expect(formatCapReports([])).toBe('0 files: 0 valid, 0 invalid.');
  });
});

describe('dabyl cap convert', () => {
  it('converts XML to JSON and back to the same CAP 1.2 document', async () => {
    const json = await convertCapFile(join(FIXTURES, 'cap12-every-element.xml'), 'json');
    const file = join(scratch, 'alert.json');
    writeFileSync(file, json);
    const xml = await convertCapFile(file, 'xml');
    writeFileSync(join(scratch, 'alert.xml'), xml);
    expect(await convertCapFile(join(scratch, 'alert.xml'), 'json')).toBe(json);
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">/,
    );
  });

  it('upgrades CAP 1.0 to CAP 1.2 and refuses what it cannot read with a plain message', async () => {
    const { out } = await run(['cap', 'convert', join(FIXTURES, 'cap10-legacy.xml'), '--to', 'xml']);
    expect(out).toContain('<eventCode><valueName>SAME</valueName><value>CEM</value></eventCode>');
    const { error } = await run(['cap', 'convert', join(FIXTURES, 'bad-xxe.xml'), '--to', 'json']);
    expect(error).toMatchObject({ exitCode: 1 });
    expect(error!.message).toMatch(/DOCTYPE/);
  });

  it('prints nothing and exits 1 when the converted message breaks CAP 1.2, unless asked to', async () => {
    const json = JSON.parse(await convertCapFile(join(FIXTURES, 'cap12-every-element.xml'), 'json')) as {
      alert: Record<string, unknown>;
    };
    json.alert.status = 'Bogus';
    const file = join(scratch, 'bogus-status.json');
    writeFileSync(file, JSON.stringify(json));
    const refused = await run(['cap', 'convert', file, '--to', 'xml']);
    expect(refused.error).toMatchObject({ exitCode: 1 });
    expect(refused.error!.message).toMatch(
      /^the converted message is not valid CAP 1\.2 \(\d+ errors?, above\)/,
    );
    expect(refused.out).toBe('');
    expect(refused.err).toMatch(/INVALID .*bogus-status\.json/);
    expect(refused.err).toMatch(/status/);
    const ru = await run(['cap', 'convert', file, '--to', 'xml'], 'ru');
    expect(ru.error!.message).toMatch(/^преобразованное сообщение не соответствует CAP 1\.2/);
    const allowed = await run(['cap', 'convert', file, '--to', 'xml', '--allow-invalid']);
    expect(allowed.error).toBeUndefined();
    expect(allowed.out).toContain('<status>Bogus</status>');
    expect(allowed.err).toMatch(/INVALID/);
    // A valid message converts quietly.
    const fine = await run(['cap', 'convert', join(FIXTURES, 'cap12-every-element.xml'), '--to', 'json']);
    expect(fine).toMatchObject({ err: '' });
    expect(fine.error).toBeUndefined();
  });

  it('names the property of a JSON form it cannot read, in the reader’s language', async () => {
    const file = join(scratch, 'bad.json');
    writeFileSync(file, JSON.stringify({ cap: '1.2', alert: { identifier: 7 } }));
    const en = await run(['cap', 'convert', file, '--to', 'xml']);
    expect(en.error).toMatchObject({ exitCode: 1, message: '/alert/identifier: must be text' });
    const ru = await run(['cap', 'convert', file, '--to', 'xml'], 'ru');
    expect(ru.error!.message).toBe('/alert/identifier: должно быть текстом');
    writeFileSync(file, '{"cap": ');
    const kk = await run(['cap', 'convert', file, '--to', 'xml'], 'kk');
    expect(kk.error!.message).toMatch(/^\/: JSON емес \(/);
  });
});
