import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/*
 * A self-hosted proof-of-work, hashcash style. The server hands out a challenge (a random id, an
 * expiry and a difficulty, signed with a key only it holds, so nothing is stored until the
 * challenge is spent); the browser looks for a nonce such that SHA-256(challenge + nonce) starts
 * with `difficulty` zero bits, about 2^difficulty tries. Costless for one comment, costly for a
 * thousand.
 */

/**
 * About 32,000 SHA-256 tries on average: around a second for crypto.subtle on a mid-range phone,
 * a fraction of that on a laptop.
 */
export const POW_DIFFICULTY = 15;
/** Long enough for a slow phone, short enough that a stockpile of solved challenges goes stale. */
export const POW_LIFETIME_MS = 10 * 60 * 1000;

export interface Challenge {
  id: string;
  expiresAt: Date;
  difficulty: number;
}

export type PowProblem = 'missing' | 'malformed' | 'forged' | 'tooEasy' | 'expired' | 'wrongNonce';

const sign = (key: Buffer, payload: string): string =>
  createHmac('sha256', key).update(`pow:${payload}`).digest('base64url');

/** The challenge as text: `id.expiresAtMs.difficulty.signature`. */
export function encodeChallenge(key: Buffer, c: Challenge): string {
  const payload = `${c.id}.${c.expiresAt.getTime()}.${c.difficulty}`;
  return `${payload}.${sign(key, payload)}`;
}

/** How many zero bits the hash starts with. */
export function leadingZeroBits(hash: Uint8Array): number {
  let bits = 0;
  for (const byte of hash) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export const powHash = (challenge: string, nonce: string): Buffer =>
  createHash('sha256').update(`${challenge}${nonce}`).digest();

/** Finds a nonce the way the browser does (decimal counter); for tests and tools. */
export function solveChallenge(challenge: string, difficulty: number): string {
  for (let n = 0; ; n++) if (leadingZeroBits(powHash(challenge, String(n))) >= difficulty) return String(n);
}

export type Verified = { ok: true; challenge: Challenge } | { ok: false; problem: PowProblem };

/**
 * Checks a solution: signed by us, hard enough, not expired, nonce right. Whether it was already
 * spent is the caller's question (it needs the database).
 */
export function verifySolution(
  key: Buffer,
  text: string | undefined,
  nonce: string | undefined,
  now: Date,
  minDifficulty = POW_DIFFICULTY,
): Verified {
  if (!text || !nonce) return { ok: false, problem: 'missing' };
  const parts = text.split('.');
  if (parts.length !== 4 || nonce.length > 32 || !/^\d+$/.test(nonce))
    return { ok: false, problem: 'malformed' };
  const [id, expires, difficulty, signature] = parts as [string, string, string, string];
  const expected = Buffer.from(sign(key, `${id}.${expires}.${difficulty}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, problem: 'forged' };
  const challenge = { id, expiresAt: new Date(Number(expires)), difficulty: Number(difficulty) };
  if (challenge.difficulty < minDifficulty) return { ok: false, problem: 'tooEasy' };
  if (now.getTime() >= challenge.expiresAt.getTime()) return { ok: false, problem: 'expired' };
  if (leadingZeroBits(powHash(text, nonce)) < challenge.difficulty)
    return { ok: false, problem: 'wrongNonce' };
  return { ok: true, challenge };
}
