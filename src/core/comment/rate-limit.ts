/**
 * How many comments may arrive in a window, per sender and per notice. A person rarely writes a
 * fourth comment in ten minutes; a notice rarely gets sixty real ones in ten minutes, and if it
 * does the moderators would rather catch up than drown.
 */
export type LimitScope = 'email' | 'client' | 'notice';

export interface Limit {
  scope: LimitScope;
  max: number;
  windowMs: number;
}

export const COMMENT_LIMITS: readonly Limit[] = [
  { scope: 'email', max: 3, windowMs: 10 * 60 * 1000 },
  { scope: 'client', max: 3, windowMs: 10 * 60 * 1000 },
  { scope: 'notice', max: 60, windowMs: 10 * 60 * 1000 },
];

/** What the store saw in a scope's window: how many, and the oldest of them. */
export interface WindowUsage {
  count: number;
  oldest: string | null;
}

/**
 * The first limit reached and when to try again (when the oldest comment in that window leaves
 * it), or null when the comment may go in.
 */
export function limitReached(
  usage: Readonly<Record<LimitScope, WindowUsage>>,
  now: Date,
  limits: readonly Limit[] = COMMENT_LIMITS,
): { scope: LimitScope; retryAfterSeconds: number } | null {
  let worst: { scope: LimitScope; retryAfterSeconds: number } | null = null;
  for (const limit of limits) {
    const u = usage[limit.scope];
    if (u.count < limit.max) continue;
    const freeAt = (u.oldest ? Date.parse(u.oldest) : now.getTime()) + limit.windowMs;
    const retryAfterSeconds = Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
    if (!worst || retryAfterSeconds > worst.retryAfterSeconds)
      worst = { scope: limit.scope, retryAfterSeconds };
  }
  return worst;
}
