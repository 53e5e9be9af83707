import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const XSD = resolve(process.cwd(), '../shared/cap/CAP-v1.2.xsd');

/** Runs xmllint once over many documents against the official CAP 1.2 schema; returns its complaints. */
export function xsdFailures(documents: string[]): string[] {
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
      return String((err as { stderr: Buffer }).stderr)
        .split('\n')
        .filter((l) => l && !l.endsWith(' validates'));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
