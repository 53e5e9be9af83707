import { randomUUID } from 'node:crypto';
import { encodeChallenge, POW_DIFFICULTY, POW_LIFETIME_MS } from '../../core/comment/proof-of-work.js';
import type { AppContext } from '../context.js';
import { commentKey } from './key.js';

export interface IssuedChallenge {
  challenge: string;
  difficulty: number;
  expiresAt: string;
}

/** A fresh proof-of-work challenge. Nothing is stored: the signature is what makes it ours. */
export async function issueChallenge(ctx: AppContext): Promise<IssuedChallenge> {
  const expiresAt = new Date(ctx.clock.now().getTime() + POW_LIFETIME_MS);
  const challenge = encodeChallenge(await commentKey(ctx), {
    id: randomUUID(),
    expiresAt,
    difficulty: POW_DIFFICULTY,
  });
  return { challenge, difficulty: POW_DIFFICULTY, expiresAt: expiresAt.toISOString() };
}
