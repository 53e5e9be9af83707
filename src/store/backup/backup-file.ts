import { closeSync, openSync, readSync } from 'node:fs';
import type { Engine } from '../db.js';

/** Why a backup or a restore did not happen; the CLI turns each kind into its exit code. */
export type BackupProblem =
  'not-a-backup' | 'engine-differs' | 'in-use' | 'tools' | 'exists' | 'newer' | 'failed';

export class BackupError extends Error {
  constructor(
    readonly problem: BackupProblem,
    message: string,
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
    throw new BackupError('not-a-backup', `cannot read ${file}: ${(err as Error).message}`);
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
    );
  if (engine !== target)
    throw new BackupError(
      'engine-differs',
      `${file} is a ${ENGINE_NAMES[engine]} backup, but the configured database is ${ENGINE_NAMES[target]}` +
        ` (DABYL_DATABASE_URL is ${target === 'postgres' ? 'set' : 'unset'}); restore it where ${ENGINE_NAMES[engine]} is configured`,
    );
}
