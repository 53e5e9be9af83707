import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** Dabyl's whole configuration, parsed once at start-up and frozen. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** `undefined` means the embedded SQLite file `${dataDir}/dabyl.sqlite`. */
  readonly databaseUrl: string | undefined;
  /** `undefined` means embedded jobs in this process. */
  readonly redisUrl: string | undefined;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Set behind TLS so cookies carry `Secure`. */
  readonly secureCookies: boolean;
  readonly sessionTtlHours: number;
  /** Wrong passwords from one address for one account before that address must wait. */
  readonly loginMaxFailures: number;
  /** The longest wait a sign-in throttle imposes. */
  readonly loginMaxDelayMinutes: number;
  readonly bodyLimitBytes: number;
  /** Check every API answer against its declared schema and fail the ones that differ (tests, development). */
  readonly checkResponses: boolean;
  /** CAP validations one address may ask for a minute (the route is anonymous and parses XML). */
  readonly capValidatePerMinute: number;
  readonly demoData: boolean;
  readonly publicUrl: string;
  /** Where the console's map gets its basemap; `undefined` is the packaged offline one. */
  readonly basemap: Basemap | undefined;
  /** `smtp://…` or `smtps://…`; `undefined`: e-mail is not configured and deliveries wait in the outbox. */
  readonly smtpUrl: string | undefined;
  /** The From of every e-mail Dabyl sends. */
  readonly mailFrom: string;
  /** How long the outbox retries a temporary failure before a delivery becomes a dead letter. */
  readonly outboxRetryHorizonMs: number;
  /** The public site's language for readers whose browser asks for none of kk, ru, en. */
  readonly publicLanguage: 'kk' | 'ru' | 'en';
  /** Where publishing re-exports the public site as static files; `undefined`: no export. */
  readonly portalExportDir: string | undefined;
}

/** A MapLibre style elsewhere, a style file Dabyl serves, or a PMTiles archive Dabyl serves. */
export type Basemap =
  | { readonly kind: 'style-url'; readonly url: string }
  | { readonly kind: 'style-file'; readonly file: string }
  | { readonly kind: 'pmtiles'; readonly file: string };

/** One documented entry per variable; README's configuration table is written from the same list. */
export const VARIABLES = [
  ['DABYL_PORT', '8080', 'TCP port of the HTTP server'],
  ['DABYL_HOST', '0.0.0.0', 'address the HTTP server listens on'],
  ['DABYL_DATA_DIR', './data', 'folder for the SQLite file and uploaded files'],
  ['DABYL_DATABASE_URL', '(unset: SQLite)', 'postgres://… to store on PostgreSQL instead of the SQLite file'],
  ['DABYL_REDIS_URL', '(unset: embedded)', 'redis://… to run jobs on BullMQ across several processes'],
  ['DABYL_LOG_LEVEL', 'info', 'fatal, error, warn, info, debug, trace or silent'],
  ['DABYL_SECURE_COOKIES', 'false', 'true when served over HTTPS, so session cookies are Secure'],
  ['DABYL_SESSION_TTL_HOURS', '12', 'how long a console sign-in lasts'],
  [
    'DABYL_LOGIN_MAX_FAILURES',
    '5',
    'wrong passwords from one address for one account before that address must wait (1, 2, 4 … minutes); ten times this from all addresses slows every failing address',
  ],
  [
    'DABYL_LOGIN_MAX_DELAY_MINUTES',
    '15',
    'the longest an address is made to wait before its next sign-in attempt',
  ],
  [
    'DABYL_BODY_LIMIT_BYTES',
    '1048576',
    'largest JSON request body accepted; routes that take files state their own (see Request body limits)',
  ],
  [
    'DABYL_CAP_VALIDATE_PER_MINUTE',
    '30',
    'CAP validations (POST /api/v1/cap/validate, open to anyone) one address may ask for a minute; more answer 429',
  ],
  [
    'DABYL_CHECK_RESPONSES',
    'false',
    'true to check every API answer against its declared schema and answer 500 naming the field where they differ (the tests run so; costs time)',
  ],
  ['DABYL_DEMO_DATA', 'true', 'load the demo data set on first start'],
  ['DABYL_PUBLIC_URL', 'http://localhost:8080', 'the address residents reach; used in links and feeds'],
  [
    'DABYL_BASEMAP',
    '(unset: packaged offline map)',
    'the map background: an http(s):// MapLibre style URL, a style .json file, or a .pmtiles file Dabyl serves',
  ],
  [
    'DABYL_SMTP_URL',
    'unset: no e-mail',
    'smtp://user:pass@host:587 or smtps://…:465 for subscription e-mails; unset, they wait in the outbox',
  ],
  ['DABYL_MAIL_FROM', 'Dabyl <dabyl@localhost>', 'the From address of the e-mails Dabyl sends'],
  [
    'DABYL_OUTBOX_RETRY_HOURS',
    '24',
    'how long a delivery that fails for a temporary reason (a channel down) is retried before it becomes a dead letter, and a fan-out that fails before it is marked failed',
  ],
  ['DABYL_PUBLIC_LANGUAGE', 'kk', "the public site's language (kk, ru or en) when the browser asks for none"],
  [
    'DABYL_PORTAL_EXPORT_DIR',
    '(unset: no export)',
    'a folder the public site and feeds are written to as static files whenever published content changes',
  ],
] as const;

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
  }
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function url(env: Env, name: string, schemes: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a URL');
  }
  const scheme = parsed.protocol.replace(/:$/, '');
  if (!schemes.includes(scheme)) {
    throw new ConfigError(name, `must start with ${schemes.map((s) => s + '://').join(' or ')}`);
  }
  return raw;
}

function basemap(env: Env): Basemap | undefined {
  const raw = env.DABYL_BASEMAP;
  if (raw === undefined || raw === '') return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw))
    return { kind: 'style-url', url: url(env, 'DABYL_BASEMAP', ['http', 'https'])! };
  const file = path.resolve(raw);
  const kind = file.endsWith('.pmtiles') ? 'pmtiles' : file.endsWith('.json') ? 'style-file' : null;
  if (!kind) {
    throw new ConfigError(
      'DABYL_BASEMAP',
      'must be an http(s):// style URL, a .json style file or a .pmtiles file',
    );
  }
  try {
    accessSync(file, constants.R_OK);
    if (!statSync(file).isFile()) throw new Error('not a file');
  } catch {
    throw new ConfigError('DABYL_BASEMAP', `${file} is not a readable file`);
  }
  return { kind, file };
}

function mailFrom(env: Env): string {
  const raw = env.DABYL_MAIL_FROM || 'Dabyl <dabyl@localhost>';
  if (/[\r\n]/.test(raw) || !/^[^<>@\s]+@[^<>@\s]+$|<[^<>@\s]+@[^<>@\s]+>$/.test(raw.trim()))
    throw new ConfigError('DABYL_MAIL_FROM', 'must be an address, as a@b.kz or "Name <a@b.kz>"');
  return raw.trim();
}

function publicLanguage(env: Env): Config['publicLanguage'] {
  const raw = env.DABYL_PUBLIC_LANGUAGE || 'kk';
  if (raw !== 'kk' && raw !== 'ru' && raw !== 'en') {
    throw new ConfigError('DABYL_PUBLIC_LANGUAGE', `must be kk, ru or en, got "${raw}"`);
  }
  return raw;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Parses the environment; throws {@link ConfigError} naming the first bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const logLevel = env.DABYL_LOG_LEVEL || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError('DABYL_LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  }
  const port = int(env, 'DABYL_PORT', 8080, 0, 65535);
  return Object.freeze({
    port,
    host: env.DABYL_HOST || '0.0.0.0',
    dataDir: env.DABYL_DATA_DIR === ':memory:' ? ':memory:' : path.resolve(env.DABYL_DATA_DIR || './data'),
    databaseUrl: url(env, 'DABYL_DATABASE_URL', ['postgres', 'postgresql']),
    redisUrl: url(env, 'DABYL_REDIS_URL', ['redis', 'rediss']),
    logLevel: logLevel as Config['logLevel'],
    secureCookies: bool(env, 'DABYL_SECURE_COOKIES', false),
    sessionTtlHours: int(env, 'DABYL_SESSION_TTL_HOURS', 12, 1, 24 * 30),
    loginMaxFailures: int(env, 'DABYL_LOGIN_MAX_FAILURES', 5, 1, 100),
    loginMaxDelayMinutes: int(env, 'DABYL_LOGIN_MAX_DELAY_MINUTES', 15, 1, 24 * 60),
    bodyLimitBytes: int(env, 'DABYL_BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    checkResponses: bool(env, 'DABYL_CHECK_RESPONSES', false),
    capValidatePerMinute: int(env, 'DABYL_CAP_VALIDATE_PER_MINUTE', 30, 1, 100_000),
    demoData: bool(env, 'DABYL_DEMO_DATA', true),
    publicUrl: url(env, 'DABYL_PUBLIC_URL', ['http', 'https']) ?? `http://localhost:${port}`,
    basemap: basemap(env),
    smtpUrl: url(env, 'DABYL_SMTP_URL', ['smtp', 'smtps']),
    mailFrom: mailFrom(env),
    outboxRetryHorizonMs: int(env, 'DABYL_OUTBOX_RETRY_HOURS', 24, 1, 24 * 14) * 3_600_000,
    publicLanguage: publicLanguage(env),
    portalExportDir: env.DABYL_PORTAL_EXPORT_DIR ? path.resolve(env.DABYL_PORTAL_EXPORT_DIR) : undefined,
  });
}
