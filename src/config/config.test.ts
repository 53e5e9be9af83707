import { describe, expect, it } from 'vitest';
import { problemText } from '../core/messages/messages.js';
import { ConfigError, loadConfig } from './config.js';

const REFUSALS: [string, string, RegExp][] = [
  ['DABYL_PORT', 'eighty', /DABYL_PORT: must be a whole number/],
  ['DABYL_PORT', '70000', /DABYL_PORT: must be between/],
  ['DABYL_LISTEN_BACKLOG', '0', /DABYL_LISTEN_BACKLOG: must be between 1 and/],
  ['DABYL_DATABASE_URL', 'mysql://x', /DABYL_DATABASE_URL: must start with postgres/],
  ['DABYL_REDIS_URL', 'not a url', /DABYL_REDIS_URL: is not a URL/],
  ['DABYL_DEMO_DATA', 'maybe', /DABYL_DEMO_DATA: must be true or false/],
  ['DABYL_LOG_LEVEL', 'loud', /DABYL_LOG_LEVEL: must be one of/],
  ['DABYL_PUBLIC_LANGUAGE', 'de', /DABYL_PUBLIC_LANGUAGE: must be kk, ru or en/],
  ['DABYL_SMPP_URL', 'http://smsc:2775', /DABYL_SMPP_URL: must start with smpp:\/\/ or ssmpp:\/\//],
  ['DABYL_SMPP_RATE', '0', /DABYL_SMPP_RATE: must be between 1 and/],
  ['DABYL_SMPP_BINDS', 'two', /DABYL_SMPP_BINDS: must be a whole number/],
  ['DABYL_SMPP_SOURCE', 'Дабыл', /DABYL_SMPP_SOURCE: must be a number or at most 11/],
  ['DABYL_SMPP_MAX_SEGMENTS', '256', /DABYL_SMPP_MAX_SEGMENTS: must be between 1 and 255/],
  ['DABYL_MAIL_FROM', 'duty desk', /DABYL_MAIL_FROM: must be an address/],
  ['DABYL_WEBHOOK_SIGNING_KEY', 'short', /DABYL_WEBHOOK_SIGNING_KEY: must be at least 32 characters/],
  ['DABYL_REDIS_PREFIX', 'a:b', /DABYL_REDIS_PREFIX: must be 1 to 64/],
  ['DABYL_BASEMAP', 'tiles.mbtiles', /DABYL_BASEMAP: must be an http\(s\):\/\/ style URL/],
  ['DABYL_BASEMAP', '/nowhere/kz.pmtiles', /DABYL_BASEMAP: \/nowhere\/kz.pmtiles is not a readable file/],
  ['DABYL_WEBPUSH_SUBJECT', 'mailto:admin@example.com', /"example.com" is an example domain/],
  ['DABYL_WEBPUSH_SUBJECT', 'https://dabyl.local', /".local" is a reserved domain/],
  ['DABYL_WEBPUSH_SUBJECT', 'http://dabyl.gov.kz', /must be a mailto: address or an https: URL/],
  ['DABYL_WEBPUSH_SUBJECT', 'mailto:duty', /must be one e-mail address/],
  ['DABYL_CBC_CENTRES', '{', /DABYL_CBC_CENTRES: must be a JSON array of centres/],
  ['DABYL_CBC_CENTRES', '[{"name": "a b"}]', /centre 1: "name" must be 1 to 64/],
  ['DABYL_CBC_CENTRES', '[{"name": "a", "protocol": "x"}]', /centre 1: "protocol" must be "ecbe" or "cap"/],
  [
    'DABYL_CBC_CENTRES',
    '[{"name": "a", "protocol": "cap", "url": "ftp://x"}]',
    /"url" must start with https/,
  ],
  [
    'DABYL_CBC_CENTRES',
    '[{"name": "a", "protocol": "cap", "url": "https://x", "languages": "kk"}]',
    /"languages" must be a list like/,
  ],
];

describe('loadConfig', () => {
  it('gives the documented defaults on an empty environment', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.listenBacklog).toBe(4096);
    expect(c.dataDir.endsWith('/data')).toBe(true);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.redisUrl).toBeUndefined();
    expect(Object.isFrozen(c)).toBe(true);
  });

  it.each(REFUSALS)('refuses %s=%s naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it.each(REFUSALS)('words %s=%s in Kazakh and Russian too', (name, value) => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ [name]: value });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error?.variable).toBe(name);
    expect(error?.fault, name).toBeDefined();
    for (const lang of ['kk', 'ru'] as const) {
      const text = problemText(lang, error!.fault!.problem, error!.fault!.params);
      expect(text).not.toMatch(/\{\w+\}|\bmust\b/);
    }
  });

  it('accepts PostgreSQL and Redis URLs', () => {
    const c = loadConfig({
      DABYL_DATABASE_URL: 'postgres://127.0.0.1/test',
      DABYL_REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(c.databaseUrl).toBe('postgres://127.0.0.1/test');
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it('leaves SMS unconfigured by default, with two binds of 10 segments a second', () => {
    expect(loadConfig({}).smpp).toEqual({
      url: undefined,
      source: 'Dabyl',
      binds: 2,
      ratePerSecond: 10,
      timeoutMs: 10_000,
      maxSegments: 10,
    });
    expect(loadConfig({ DABYL_SMPP_URL: 'smpp://dabyl:secret@smsc.example.kz:2775' }).smpp.url).toBe(
      'smpp://dabyl:secret@smsc.example.kz:2775',
    );
  });
});

describe('web push', () => {
  it('takes a real subject and refuses a reserved one at start-up, naming the variable', () => {
    expect(loadConfig({ DABYL_WEBPUSH_SUBJECT: 'mailto:duty@dabyl.gov.kz' }).webpush.subject).toBe(
      'mailto:duty@dabyl.gov.kz',
    );
    expect(loadConfig({}).webpush.subject).toBeUndefined();
    expect(() => loadConfig({ DABYL_WEBPUSH_SUBJECT: 'mailto:admin@example.com' })).toThrow(
      /^DABYL_WEBPUSH_SUBJECT: "example.com" is an example domain/,
    );
    expect(() => loadConfig({ DABYL_WEBPUSH_SUBJECT: 'https://dabyl.local' })).toThrow(ConfigError);
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
