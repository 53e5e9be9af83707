import type { Kysely } from 'kysely';
import type { Config } from '../../config/config.js';
import { open, secretsKey } from '../../services/keys/secrets.js';
import type { Database } from '../../store/schema.js';

/** How long an opened key is kept in memory: a rotated key is used within this time. */
const KEEP_MS = 30_000;

/**
 * The command-signing key of the siren under a topic prefix, opened with the installation's
 * secrets key. Kept briefly in memory, so a burst of commands reads the registry once per siren.
 */
export function sirenKeys(
  config: Config,
  db: Kysely<Database>,
): (prefix: string) => Promise<Buffer | undefined> {
  const kept = new Map<string, { key: Buffer; until: number }>();
  return async (prefix) => {
    const hit = kept.get(prefix);
    if (hit && hit.until > Date.now()) return hit.key;
    const row = await db
      .selectFrom('sirens')
      .select('command_key')
      .where('topic_prefix', '=', prefix)
      .executeTakeFirst();
    if (!row) return undefined;
    const key = open(secretsKey(config), row.command_key);
    kept.set(prefix, { key, until: Date.now() + KEEP_MS });
    return key;
  };
}
