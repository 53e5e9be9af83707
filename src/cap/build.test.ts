import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCap, CapBuildError, formatDecimal } from './build.js';
import type { CapAlert } from './model.js';
import { parseCap } from './parse.js';
import { capAlert } from './testing/arbitraries.js';
import { validateCap } from './validate/validate.js';

const XSD = resolve(process.cwd(), '../shared/cap/CAP-v1.2.xsd');

/** Runs xmllint once over many documents; returns the names of those that fail, with the reasons. */
function xmllintFailures(documents: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'cap-xsd-'));
  try {
    const files = documents.map((xml, i) => {
      const file = join(dir, `m${i}.xml`);
      writeFileSync(file, xml);
      return file;
    });
    try {
      execFileSync('xmllint', ['--noout', '--schema', XSD, ...files], { stdio: 'pipe', maxBuffer: 64 << 20 });
      return [];
    } catch (err) {
      const stderr = String((err as { stderr: Buffer }).stderr);
      return stderr.split('\n').filter((l) => l && !l.endsWith(' validates'));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const minimal: CapAlert = {
  identifier: 'KZ-2026-001',
  sender: 'ces.astana@example.kz',
  sent: '2026-10-21T09:00:00+05:00',
  status: 'Exercise',
  msgType: 'Alert',
  scope: 'Public',
  code: [],
  note: 'Astana counter-terrorism drill',
  info: [],
};

describe('buildCap', () => {
  it('writes every generated message so that the official CAP 1.2 XSD accepts it', () => {
    const alerts = fc.sample(capAlert, { numRuns: 400, seed: 20261021 });
    const documents = alerts.map((a) => buildCap(a));
    expect(xmllintFailures(documents)).toEqual([]);
  });

  it('uses an oracle that does reject a schema-invalid message', () => {
    const bad = buildCap({ ...minimal, status: 'Real' as CapAlert['status'] });
    expect(xmllintFailures([bad]).join('\n')).toMatch(/status/);
  });

  it('writes messages that the library itself finds free of errors, and reads back to the same model', () => {
    fc.assert(
      fc.property(capAlert, (alert) => {
        const xml = buildCap(alert);
        expect(validateCap(alert).filter((f) => f.severity === 'error')).toEqual([]);
        const parsed = parseCap(xml);
        expect(parsed.findings).toEqual([]);
        expect(parsed.alert).toEqual(alert);
      }),
      { numRuns: 300 },
    );
  });

  it('emits elements in schema order whatever the order of properties', () => {
    const shuffled = {
      info: [],
      code: ['c'],
      scope: 'Public',
      msgType: 'Alert',
      status: 'Actual',
      sent: minimal.sent,
      sender: 's',
      identifier: 'i',
    } as CapAlert;
    expect(buildCap(shuffled, { xmlDeclaration: false })).toBe(
      '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>i</identifier><sender>s</sender>' +
        '<sent>2026-10-21T09:00:00+05:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope><code>c</code></alert>',
    );
  });

  it('escapes markup characters and keeps carriage returns', () => {
    const xml = buildCap({ ...minimal, note: 'a < b & c > d\r\n]]>' });
    expect(xml).toContain('<note>a &lt; b &amp; c &gt; d&#13;\n]]&gt;</note>');
    expect(parseCap(xml).alert.note).toBe('a < b & c > d\r\n]]>');
  });

  it('refuses text that XML cannot carry, naming the element', () => {
    expect(() => buildCap({ ...minimal, note: 'bell \u0007' })).toThrow(CapBuildError);
    expect(() => buildCap({ ...minimal, note: 'bell \u0007' })).toThrow('/alert/note');
  });

  it('writes decimals without exponents', () => {
    expect(formatDecimal('/x', 1e21)).toBe('1000000000000000000000');
    expect(formatDecimal('/x', 1.5e-7)).toBe('0.00000015');
    expect(formatDecimal('/x', -2.5e22)).toBe('-25000000000000000000000');
    expect(() => formatDecimal('/x', Number.NaN)).toThrow(CapBuildError);
  });
});
