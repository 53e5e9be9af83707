/** Where the tests find the real engines; the defaults are the local servers. */
export const testDatabaseUrl = (): string =>
  process.env.DABYL_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
export const testRedisUrl = (): string => process.env.DABYL_TEST_REDIS_URL || 'redis://127.0.0.1:6379';
