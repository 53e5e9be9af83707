import { createHmac } from 'node:crypto';

/*
 * Keyed hashes stand in for what must not be kept: a comment's sender address for rate limits and
 * blocking, and a reader for "one vote per day". Without the key (kept in the database's settings,
 * never in code) they cannot be turned back into addresses by trying every IP.
 */

const keyed = (key: Buffer, purpose: string, ...parts: string[]): string =>
  createHmac('sha256', key)
    .update([purpose, ...parts].join('\n'))
    .digest('base64url');

/** The same address however it was typed: case is not significant to anyone's mail server in practice. */
export const emailHash = (key: Buffer, email: string): string =>
  keyed(key, 'email', email.trim().toLowerCase());

export const clientHash = (key: Buffer, ip: string): string => keyed(key, 'client', ip);

/**
 * A reader of one notice on one day (UTC). The day is part of the hash, so yesterday's vote cannot
 * be linked to today's, and nothing else about the reader is stored.
 */
export const voterHash = (key: Buffer, at: Date, ip: string, userAgent: string, noticeId: string): string =>
  keyed(key, 'vote', at.toISOString().slice(0, 10), ip, userAgent, noticeId);
