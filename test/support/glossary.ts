import { readFileSync } from 'node:fs';
import path from 'node:path';

const GLOSSARY = path.resolve(import.meta.dirname, '../../docs/glossary.md');

/**
 * The words docs/glossary.md keeps in Latin letters in Kazakh and Russian: its lists under "Kept in
 * Latin letters" only (the paragraphs between them explain, and end with a colon).
 */
export function keptInLatin(): Set<string> {
  const section = readFileSync(GLOSSARY, 'utf8').split('## Kept in Latin letters')[1] ?? '';
  return new Set(
    section
      .split('\n\n')
      .filter((p) => p.trim() !== '' && !p.includes(':') && !p.startsWith('#'))
      .join(' ')
      .split(/[\s,]+/)
      .filter(Boolean),
  );
}
