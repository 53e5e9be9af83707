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

/** Each way the chain can fail to hold, and the values its sentence names. */
export const CHAIN_SENTENCES = {
  'out-of-order': ['expected', 'found'],
  unlinked: [],
  edited: [],
  'anchor-differs': [],
  'cut-off': ['end', 'anchor'],
} as const satisfies Record<string, readonly string[]>;

export type ChainSentence = keyof typeof CHAIN_SENTENCES;

/** A problem's sentence and the values it names, for wording it in another language. */
export type ChainWords = {
  [K in ChainSentence]: (typeof CHAIN_SENTENCES)[K] extends readonly []
    ? { key: K; params?: undefined }
    : { key: K; params: Record<(typeof CHAIN_SENTENCES)[K][number], number> };
}[ChainSentence];

/** The first entry that does not hold: `problem` in English (the API's), `words` to word it otherwise. */
export type ChainProblem = { seq: number; problem: string; words: ChainWords };

/** The recorded anchor's entry is there, but its hash is another. */
export const anchorDiffers = (seq: number): ChainProblem => ({
  seq,
  problem: 'its hash differs from the anchor recorded for it',
  words: { key: 'anchor-differs' },
});

/** The log ends before the entry an anchor recorded: entries were cut off its end. */
export const cutOff = (end: number, anchor: number): ChainProblem => ({
  seq: anchor,
  problem: `the log ends at entry ${end} but an anchor recorded entry ${anchor}: newer entries were cut off the end`,
  words: { key: 'cut-off', params: { end, anchor } },
});

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
      words: { key: 'out-of-order', params: { expected: expectedSeq, found: entry.seq } },
    };
  }
  const expectedPrev = prev ? prev.hash : GENESIS_HASH;
  if (entry.prevHash !== expectedPrev) {
    return {
      seq: entry.seq,
      problem: 'does not link to the entry before it: an entry was removed, inserted or rewritten',
      words: { key: 'unlinked' },
    };
  }
  if (hashEntry(entry.prevHash, entry) !== entry.hash) {
    return {
      seq: entry.seq,
      problem: 'content does not match its hash: the entry was edited after it was written',
      words: { key: 'edited' },
    };
  }
  return null;
}
