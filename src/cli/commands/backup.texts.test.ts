import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { keptInLatin } from '../../../test/support/glossary.js';
import { BACKUP_SENTENCES, type BackupSentence } from '../../store/backup/backup-file.js';
import { BACKUP_REFUSALS } from './backup.texts.js';

const BACKUP_DIR = fileURLToPath(new URL('../../store/backup/', import.meta.url));
const KEYS = Object.keys(BACKUP_SENTENCES) as BackupSentence[];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
const unique = (names: readonly string[]) => [...new Set(names)].sort();

/** The backup code's sources, whose every refusal must carry its sentence's key. */
const sources = () =>
  readdirSync(BACKUP_DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => readFileSync(path.join(BACKUP_DIR, f), 'utf8'));

describe('backup and restore refusals in Kazakh and Russian', () => {
  it.each(['kk', 'ru'] as const)('%s names exactly the values each refusal is thrown with', (lang) => {
    const differ = KEYS.filter(
      (key) =>
        unique(placeholders(BACKUP_REFUSALS[lang][key])).join() !== unique(BACKUP_SENTENCES[key]).join(),
    );
    expect(differ).toEqual([]);
  });

  it.each(['kk', 'ru'] as const)('%s leaves no English outside `code` quotes', (lang) => {
    const kept = keptInLatin();
    const found = KEYS.flatMap((key) =>
      [
        ...BACKUP_REFUSALS[lang][key]
          .replace(/`[^`]*`/g, ' ')
          .replace(/\{\w+\}|DABYL_[A-Z_]+/g, ' ')
          .matchAll(/[A-Za-z][A-Za-z]+/g),
      ]
        .map((m) => m[0])
        .filter((w) => !kept.has(w))
        .map((w) => `${key}: ${w}`),
    );
    expect(found).toEqual([]);
  });

  it('gives every refusal the backup code throws a sentence, and has no sentence it never throws', () => {
    const text = sources().join('\n');
    const thrown = text.match(/new BackupError\(/g)!.length;
    const keyed = text.match(/\bkey: (?!K;)/g)!.length;
    expect(keyed).toBe(thrown);
    const used = new Set([...text.matchAll(/'([a-z-]+)'/g)].map((m) => m[1]!));
    expect(KEYS.filter((key) => !used.has(key))).toEqual([]);
  });
});
