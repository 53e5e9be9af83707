import { randomBytes } from 'node:crypto';
import { insertSettingOnce } from '../../store/comment.repository.js';
import type { AppContext } from '../context.js';

const SETTING = 'comments.key';
const cache = new WeakMap<AppContext, Promise<Buffer>>();

/**
 * The key that signs proof-of-work challenges and keys the hashes of senders and voters. Made once
 * per installation, kept in the settings table (so every API process shares it and it survives a
 * restart), never in code or configuration that could be published.
 */
export function commentKey(ctx: AppContext): Promise<Buffer> {
  let key = cache.get(ctx);
  if (!key) {
    key = insertSettingOnce(
      ctx.db.kysely,
      SETTING,
      randomBytes(32).toString('base64url'),
      ctx.clock.now().toISOString(),
    ).then((value) => Buffer.from(value, 'base64url'));
    key.catch(() => cache.delete(ctx));
    cache.set(ctx, key);
  }
  return key;
}
