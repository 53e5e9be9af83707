import { closeSync, openSync, readSync } from 'node:fs';
import type { Engine } from '../db.js';

/** Why a backup or a restore did not happen; the CLI turns each kind into its exit code. */
export type BackupProblem =
  'not-a-backup' | 'engine-differs' | 'in-use' | 'tools' | 'exists' | 'newer' | 'failed';

/**
 * Each sentence a refusal is worded with, and the values it names (file paths, tool names,
 * versions, schemas, a tool's own error text); the CLI holds the sentences in every language.
 */
export const BACKUP_SENTENCES = {
  unreadable: ['file', 'error'],
  'not-a-backup': ['file'],
  'engine-differs-url-set': ['file', 'engine', 'target'],
  'engine-differs-url-unset': ['file', 'engine', 'target'],
  'in-memory': [],
  'backup-failed': ['file', 'error'],
  unopenable: ['file', 'error'],
  damaged: ['file', 'error'],
  'not-dabyl-sqlite': ['file'],
  newer: ['file', 'migrations'],
  'copy-failed': ['file', 'error'],
  'file-in-use': ['file'],
  'opened-meanwhile': ['file'],
  'tool-missing': ['tool', 'server'],
  'tool-version': ['tool', 'version', 'server'],
  'no-schema': [],
  'no-tables': ['schema', 'location'],
  'dump-failed': ['error'],
  'unreadable-archive': ['file', 'error'],
  'not-dabyl-archive': ['file'],
  'schema-differs': ['file', 'schema', 'configured'],
  'rolled-back': ['error'],
  'schema-in-use': ['schema', 'location'],
} as const satisfies Record<string, readonly string[]>;

export type BackupSentence = keyof typeof BACKUP_SENTENCES;

/** A refusal's sentence and its values: the values the sentence names, no more, no fewer. */
export type BackupWording = {
  [K in BackupSentence]: (typeof BACKUP_SENTENCES)[K] extends readonly []
    ? { key: K; params?: undefined }
    : { key: K; params: Record<(typeof BACKUP_SENTENCES)[K][number], string | number> };
}[BackupSentence];

/** A refusal: `message` is the English sentence (scripts and logs); `words` words it in other languages. */
export class BackupError extends Error {
  constructor(
    readonly problem: BackupProblem,
    message: string,
    readonly words?: BackupWording,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

/** What a finished backup or restore reports. */
export interface BackupResult {
  engine: Engine;
  file: string;
  bytes: number;
  /** The PostgreSQL schema, or the SQLite file restored or backed up. */
  source: string;
}

export type Progress = (done: number, total: number) => void;

/**
 * Which engine wrote a file, from its first bytes: SQLite's header or pg_dump's custom format.
 * `null` for anything else; whether it holds Dabyl's tables is for each engine to check.
 */
export function backupEngine(file: string): Engine | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    const error = (err as Error).message;
    throw new BackupError('not-a-backup', `cannot read ${file}: ${error}`, {
      key: 'unreadable',
      params: { file, error },
    });
  }
  const head = Buffer.alloc(16);
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') === 'SQLite format 3\0') return 'sqlite';
  if (head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'postgres';
  return null;
}

const ENGINE_NAMES: Record<Engine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/** Refuses a file that is no Dabyl backup, or one of the other engine, naming both. */
export function checkBackupEngine(file: string, target: Engine): void {
  const engine = backupEngine(file);
  if (engine === null)
    throw new BackupError(
      'not-a-backup',
      `${file} is not a Dabyl backup (neither a SQLite database nor a pg_dump custom-format archive)`,
      { key: 'not-a-backup', params: { file } },
    );
  if (engine !== target)
    throw new BackupError(
      'engine-differs',
      `${file} is a ${ENGINE_NAMES[engine]} backup, but the configured database is ${ENGINE_NAMES[target]}` +
        ` (DABYL_DATABASE_URL is ${target === 'postgres' ? 'set' : 'unset'}); restore it where ${ENGINE_NAMES[engine]} is configured`,
      {
        key: target === 'postgres' ? 'engine-differs-url-set' : 'engine-differs-url-unset',
        params: { file, engine: ENGINE_NAMES[engine], target: ENGINE_NAMES[target] },
      },
    );
}
