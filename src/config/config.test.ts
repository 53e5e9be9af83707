import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives the documented defaults on an empty environment', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.dataDir.endsWith('/data')).toBe(true);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.redisUrl).toBeUndefined();
    expect(Object.isFrozen(c)).toBe(true);
  });

  it.each([
    ['DABYL_PORT', 'eighty', /DABYL_PORT: must be a whole number/],
    ['DABYL_PORT', '70000', /DABYL_PORT: must be between/],
    ['DABYL_DATABASE_URL', 'mysql://x', /DABYL_DATABASE_URL: must start with postgres/],
    ['DABYL_REDIS_URL', 'not a url', /DABYL_REDIS_URL: is not a URL/],
    ['DABYL_DEMO_DATA', 'maybe', /DABYL_DEMO_DATA: must be true or false/],
    ['DABYL_LOG_LEVEL', 'loud', /DABYL_LOG_LEVEL: must be one of/],
    ['DABYL_PUBLIC_LANGUAGE', 'de', /DABYL_PUBLIC_LANGUAGE: must be kk, ru or en/],
  ])('refuses %s=%s naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('accepts PostgreSQL and Redis URLs', () => {
    const c = loadConfig({
      DABYL_DATABASE_URL: 'postgres://127.0.0.1/test',
      DABYL_REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(c.databaseUrl).toBe('postgres://127.0.0.1/test');
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
  });
});

describe('README', () => {
  it('documents every configuration variable with its default', async () => {
    const { readFileSync } = await import('node:fs');
    const { VARIABLES } = await import('./config.js');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    // Prettier pads table cells, so the name may be followed by spaces.
    for (const [name] of VARIABLES) expect(readme, name).toMatch(new RegExp(`\\| \`${name}\` +\\|`));
  });
});
