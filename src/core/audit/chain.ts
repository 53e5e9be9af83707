import { createHash } from 'node:crypto';

/** The fields an audit entry's hash covers; changing any of them breaks the chain from there on. */
export interface AuditEntryFields {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  /** JSON text, hashed as stored. */
  detail: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** sha256 over the previous hash and a fixed-order JSON array of the fields. */
export function hashEntry(prevHash: string, e: AuditEntryFields): string {
  const canonical = JSON.stringify([
    prevHash,
    e.seq,
    e.at,
    e.actorId,
    e.actorName,
    e.action,
    e.subjectType,
    e.subjectId,
    e.detail,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export interface StoredEntry extends AuditEntryFields {
  prevHash: string;
  hash: string;
}

export type ChainProblem = { seq: number; problem: string };

/**
 * Checks one entry against the one before it (null for the first). Names the first thing wrong:
 * a gap or reordering in the sequence, a broken link, or content that no longer matches its hash.
 */
export function checkLink(prev: StoredEntry | null, entry: StoredEntry): ChainProblem | null {
  const expectedSeq = prev ? prev.seq + 1 : 1;
  if (entry.seq !== expectedSeq) {
    return {
      seq: entry.seq,
      problem: `expected entry ${expectedSeq} here, found ${entry.seq}: entries were deleted or reordered`,
    };
  }
  const expectedPrev = prev ? prev.hash : GENESIS_HASH;
  if (entry.prevHash !== expectedPrev) {
    return {
      seq: entry.seq,
      problem: 'does not link to the entry before it: an entry was removed, inserted or rewritten',
    };
  }
  if (hashEntry(entry.prevHash, entry) !== entry.hash) {
    return {
      seq: entry.seq,
      problem: 'content does not match its hash: the entry was edited after it was written',
    };
  }
  return null;
}
