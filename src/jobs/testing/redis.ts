import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { testRedisUrl } from '../../../test/setup/engines.js';

/** A key prefix of its own per test file, so parallel runs on the shared Redis never meet. */
export const testPrefix = (): string => `dabyl-test-${randomBytes(6).toString('hex')}`;

/** Deletes every key under the prefix (SCAN, so a busy shared Redis is not blocked). */
export async function deleteRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(testRedisUrl());
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
