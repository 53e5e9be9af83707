import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import type { FieldFault } from '../core/messages/catalogue.js';
import { vapidSubjectFault } from '../core/webpush/subject.js';
import { parseCbcCentres, type CbcCentreConfig } from './cbc.js';

export type { CbcCentreConfig };

/** Dabyl's whole configuration, parsed once at start-up and frozen. */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** Pending connections the kernel queues before accept; Node's 511 drops SYNs when a surge opens a thousand at once. */
  readonly listenBacklog: number;
  readonly dataDir: string;
  /** `undefined` means the embedded SQLite file `${dataDir}/dabyl.sqlite`. */
  readonly databaseUrl: string | undefined;
  /** Connections each Dabyl process keeps open to PostgreSQL at the most. */
  readonly databasePoolSize: number;
  /** `undefined` means embedded jobs in this process. */
  readonly redisUrl: string | undefined;
  /** The prefix of every key Dabyl writes in Redis, so installations can share one server. */
  readonly redisPrefix: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Set behind TLS so cookies carry `Secure`. */
  readonly secureCookies: boolean;
  readonly sessionTtlHours: number;
  /** Wrong passwords from one address for one account before that address must wait. */
  readonly loginMaxFailures: number;
  /** The longest wait a sign-in throttle imposes. */
  readonly loginMaxDelayMinutes: number;
  readonly bodyLimitBytes: number;
  /** What any part of an uploaded workbook (XLSX), and all its parts together, may unpack to. */
  readonly uploadUnpackedLimitBytes: number;
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
  /** SMS over SMPP; `undefined` when DABYL_SMPP_URL is unset (SMS deliveries wait in the outbox). */
  readonly smpp: SmppConfig;
  /** How long the outbox retries a temporary failure before a delivery becomes a dead letter. */
  readonly outboxRetryHorizonMs: number;
  /** The key every webhook is signed with (per receiver, derived); `undefined`: webhooks wait. */
  readonly webhookSigningKey: string | undefined;
  /** Internal receivers allowed despite a private address (and over plain http). */
  readonly webhookAllowHosts: ReadonlySet<string>;
  readonly webhookTimeoutMs: number;
  /** From this area on, approving an alert must name how many people it reaches. */
  readonly alertWideAreaKm2: number;
  /** Web push (VAPID); `subject` undefined: push deliveries wait and the public site offers none. */
  readonly webpush: WebPushConfig;
  /** `mqtt://…` or `mqtts://…` of the broker the sirens listen on; `undefined`: siren commands wait. */
  readonly mqttUrl: string | undefined;
  /** How long a siren command waits for the broker before it is tried later. */
  readonly mqttTimeoutMs: number;
  /** How long a siren has to acknowledge a command before the alert lists it as silent. */
  readonly sirenAckTimeoutMs: number;
  /** The operators' Cell Broadcast Centres; none: cell broadcasts wait in the outbox. */
  readonly cbcCentres: readonly CbcCentreConfig[];
  /** How long a Cell Broadcast Centre has to answer one request before the delivery is retried. */
  readonly cbcTimeoutMs: number;
  /** The public site's language for readers whose browser asks for none of kk, ru, en. */
  readonly publicLanguage: 'kk' | 'ru' | 'en';
  /** Where publishing re-exports the public site as static files; `undefined`: no export. */
  readonly portalExportDir: string | undefined;
}

export interface SmppConfig {
  /** `smpp://system_id:password@host:port` or `ssmpp://…`; undefined: SMS is not configured. */
  readonly url: string | undefined;
  /** The sender: a name of up to 11 characters or a number. */
  readonly source: string;
  readonly binds: number;
  /** Submits per second per bind. */
  readonly ratePerSecond: number;
  readonly timeoutMs: number;
  readonly maxSegments: number;
}

export interface WebPushConfig {
  /** A real `mailto:` or `https:` contact the push services can reach (RFC 8292). */
  readonly subject: string | undefined;
  /** Push services on an internal network allowed despite a private address (and over plain http). */
  readonly allowHosts: ReadonlySet<string>;
  readonly timeoutMs: number;
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
  [
    'DABYL_LISTEN_BACKLOG',
    '4096',
    'connections the kernel holds for the server before it accepts them (capped by net.core.somaxconn): a city-wide surge opens thousands at once',
  ],
  ['DABYL_DATA_DIR', './data', 'folder for the SQLite file and uploaded files'],
  ['DABYL_DATABASE_URL', '(unset: SQLite)', 'postgres://… to store on PostgreSQL instead of the SQLite file'],
  ['DABYL_REDIS_URL', '(unset: embedded)', 'redis://… to run jobs on BullMQ across several processes'],
  [
    'DABYL_REDIS_PREFIX',
    'dabyl',
    'prefix of every Redis key Dabyl writes: give each installation sharing one Redis its own',
  ],
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
  [
    'DABYL_UPLOAD_UNPACKED_LIMIT_BYTES',
    '134217728',
    'what an uploaded XLSX may unpack to, any part and all parts together; a workbook past it is refused (413, naming the part) while it is inflated',
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
    'DABYL_SMPP_URL',
    'unset: no SMS',
    'smpp://system_id:password@host:2775 (or ssmpp://… for TLS) of the operator’s SMSC; unset, SMS deliveries wait in the outbox',
  ],
  ['DABYL_SMPP_SOURCE', 'Dabyl', 'the SMS sender: a name of up to 11 Latin letters and digits, or a number'],
  ['DABYL_SMPP_BINDS', '2', 'SMPP transceiver binds kept open in parallel'],
  [
    'DABYL_SMPP_RATE',
    '10',
    'SMS segments per second per bind (the operator’s limit; each part of a long SMS counts)',
  ],
  [
    'DABYL_SMPP_TIMEOUT_SECONDS',
    '10',
    'how long a send waits for the SMSC’s answer before trying later; the submit is kept, never sent twice',
  ],
  ['DABYL_SMPP_MAX_SEGMENTS', '10', 'most segments one SMS may take; a longer text is refused'],
  [
    'DABYL_OUTBOX_RETRY_HOURS',
    '24',
    'how long a delivery that fails for a temporary reason (a channel down) is retried before it becomes a dead letter, and a fan-out that fails before it is marked failed',
  ],
  [
    'DABYL_WEBHOOK_SIGNING_KEY',
    '(unset: webhooks wait)',
    'at least 32 characters; each receiver verifies with its own secret derived from it (`dabyl webhook secret URL`)',
  ],
  [
    'DABYL_WEBHOOK_ALLOW_HOSTS',
    '(none)',
    'comma-separated host names or addresses of internal receivers that may be reached although private, and over plain http',
  ],
  [
    'DABYL_WEBHOOK_TIMEOUT_SECONDS',
    '10',
    'how long a webhook receiver has to answer before the delivery is retried',
  ],
  [
    'DABYL_ALERT_WIDE_AREA_KM2',
    '100000',
    'an alert area this large or larger (a region, the country) is approved only by naming how many people it reaches',
  ],
  [
    'DABYL_WEBPUSH_SUBJECT',
    '(unset: no web push)',
    'mailto:duty@… or https://… where push services reach the operator (RFC 8292); a reserved or example domain is refused at start-up. The key pair is made once in DABYL_DATA_DIR/keys/vapid.json: keep it, since a new one ends every subscription',
  ],
  [
    'DABYL_WEBPUSH_ALLOW_HOSTS',
    '(none)',
    'comma-separated hosts of internal push services that may be reached although private, and over plain http; every other private, loopback or reserved endpoint is refused',
  ],
  [
    'DABYL_WEBPUSH_TIMEOUT_SECONDS',
    '10',
    'how long a push service has to answer before the delivery is retried',
  ],
  [
    'DABYL_MQTT_URL',
    '(unset: sirens wait)',
    'mqtt://user:pass@host:1883 (or mqtts://…) of the broker the siren controllers listen on; unset, siren commands wait in the outbox',
  ],
  [
    'DABYL_MQTT_TIMEOUT_SECONDS',
    '10',
    'how long a siren command waits for the broker (connection and acknowledgement) before it is tried again',
  ],
  [
    'DABYL_SIREN_ACK_SECONDS',
    '60',
    'how long a siren has to acknowledge a command before the alert lists it as not answering',
  ],
  [
    'DABYL_CBC_CENTRES',
    '(unset: cell broadcasts wait)',
    'the operators’ Cell Broadcast Centres, a JSON array: `[{"name":"kcell","protocol":"ecbe","url":"https://user:pass@cbc.example/api/ecbe/v1"},{"name":"beeline","protocol":"cap","url":"https://…","token":"…"}]`; optional per centre: `languages` (default `["kk","ru"]`), `regions` (ISO 3166-2:KZ codes it serves; default all), `cbeName`, `repetitionPeriod` (docs/alerts.md)',
  ],
  [
    'DABYL_CBC_TIMEOUT_SECONDS',
    '10',
    'how long a Cell Broadcast Centre has to answer before the delivery is retried',
  ],
  ['DABYL_PUBLIC_LANGUAGE', 'kk', "the public site's language (kk, ru or en) when the browser asks for none"],
  [
    'DABYL_PORTAL_EXPORT_DIR',
    '(unset: no export)',
    'a folder the public site and feeds are written to as static files whenever published content changes',
  ],
] as const;

/**
 * A DABYL_* variable that cannot be used. The message is English, as precise as the check; `fault`,
 * where given, words the problem in the operator's language (`dabyl` at start-up).
 */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly problem: string,
    readonly fault?: FieldFault,
  ) {
    super(`${variable}: ${problem}`);
  }
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw))
    throw new ConfigError(name, `must be a whole number, got "${raw}"`, {
      problem: 'config_whole_number',
      params: { value: raw },
    });
  const n = Number(raw);
  if (n < min || n > max)
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`, {
      problem: 'config_between',
      params: { min, max, value: n },
    });
  return n;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`, {
    problem: 'config_one_of',
    params: { choices: 'true, false', value: raw },
  });
}

function url(env: Env, name: string, schemes: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a URL', { problem: 'config_not_url' });
  }
  const scheme = parsed.protocol.replace(/:$/, '');
  if (!schemes.includes(scheme)) {
    throw new ConfigError(name, `must start with ${schemes.map((s) => s + '://').join(' or ')}`, {
      problem: 'config_scheme',
      params: { schemes: schemes.map((s) => s + '://').join(', ') },
    });
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
      { problem: 'config_basemap_kind', params: { forms: 'http(s)://…, ….json, ….pmtiles' } },
    );
  }
  try {
    accessSync(file, constants.R_OK);
    if (!statSync(file).isFile()) throw new Error('not a file');
  } catch {
    throw new ConfigError('DABYL_BASEMAP', `${file} is not a readable file`, {
      problem: 'config_not_readable',
      params: { file },
    });
  }
  return { kind, file };
}

function mailFrom(env: Env): string {
  const raw = env.DABYL_MAIL_FROM || 'Dabyl <dabyl@localhost>';
  if (/[\r\n]/.test(raw) || !/^[^<>@\s]+@[^<>@\s]+$|<[^<>@\s]+@[^<>@\s]+>$/.test(raw.trim()))
    throw new ConfigError('DABYL_MAIL_FROM', 'must be an address, as a@b.kz or "Name <a@b.kz>"', {
      problem: 'config_mail_from',
      params: { example: 'a@b.kz, "Name <a@b.kz>"' },
    });
  return raw.trim();
}

function signingKey(env: Env): string | undefined {
  const raw = env.DABYL_WEBHOOK_SIGNING_KEY;
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < 32)
    throw new ConfigError('DABYL_WEBHOOK_SIGNING_KEY', 'must be at least 32 characters', {
      problem: 'min_length',
      params: { min: 32 },
    });
  return raw;
}

function hostList(env: Env, name: string): ReadonlySet<string> {
  return new Set(
    (env[name] ?? '')
      .split(',')
      .map((h) =>
        h
          .trim()
          .replace(/^\[|\]$/g, '')
          .toLowerCase(),
      )
      .filter(Boolean),
  );
}

function webpushConfig(env: Env): WebPushConfig {
  const raw = env.DABYL_WEBPUSH_SUBJECT?.trim();
  if (raw) {
    const found = vapidSubjectFault(raw);
    if (found) throw new ConfigError('DABYL_WEBPUSH_SUBJECT', found.problem, found.fault);
  }
  return Object.freeze({
    subject: raw || undefined,
    allowHosts: hostList(env, 'DABYL_WEBPUSH_ALLOW_HOSTS'),
    timeoutMs: int(env, 'DABYL_WEBPUSH_TIMEOUT_SECONDS', 10, 1, 120) * 1000,
  });
}

function smppConfig(env: Env): SmppConfig {
  const source = env.DABYL_SMPP_SOURCE || 'Dabyl';
  if (!/^\+?\d{3,15}$/.test(source) && !/^[\x20-\x7e]{1,11}$/.test(source))
    throw new ConfigError(
      'DABYL_SMPP_SOURCE',
      'must be a number or at most 11 Latin letters, digits or signs',
      { problem: 'config_smpp_source', params: { max: 11 } },
    );
  return Object.freeze({
    url: url(env, 'DABYL_SMPP_URL', ['smpp', 'ssmpp']),
    source,
    binds: int(env, 'DABYL_SMPP_BINDS', 2, 1, 64),
    ratePerSecond: int(env, 'DABYL_SMPP_RATE', 10, 1, 10_000),
    timeoutMs: int(env, 'DABYL_SMPP_TIMEOUT_SECONDS', 10, 1, 600) * 1000,
    maxSegments: int(env, 'DABYL_SMPP_MAX_SEGMENTS', 10, 1, 255),
  });
}

function publicLanguage(env: Env): Config['publicLanguage'] {
  const raw = env.DABYL_PUBLIC_LANGUAGE || 'kk';
  if (raw !== 'kk' && raw !== 'ru' && raw !== 'en') {
    throw new ConfigError('DABYL_PUBLIC_LANGUAGE', `must be kk, ru or en, got "${raw}"`, {
      problem: 'config_one_of',
      params: { choices: 'kk, ru, en', value: raw },
    });
  }
  return raw;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Parses the environment; throws {@link ConfigError} naming the first bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const logLevel = env.DABYL_LOG_LEVEL || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError('DABYL_LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`, {
      problem: 'config_one_of',
      params: { choices: LOG_LEVELS.join(', '), value: logLevel },
    });
  }
  const port = int(env, 'DABYL_PORT', 8080, 0, 65535);
  return Object.freeze({
    port,
    host: env.DABYL_HOST || '0.0.0.0',
    listenBacklog: int(env, 'DABYL_LISTEN_BACKLOG', 4096, 1, 65535),
    dataDir: env.DABYL_DATA_DIR === ':memory:' ? ':memory:' : path.resolve(env.DABYL_DATA_DIR || './data'),
    databaseUrl: url(env, 'DABYL_DATABASE_URL', ['postgres', 'postgresql']),
    databasePoolSize: int(env, 'DABYL_DATABASE_POOL_SIZE', 10, 1, 500),
    redisUrl: url(env, 'DABYL_REDIS_URL', ['redis', 'rediss']),
    redisPrefix: redisPrefix(env),
    logLevel: logLevel as Config['logLevel'],
    secureCookies: bool(env, 'DABYL_SECURE_COOKIES', false),
    sessionTtlHours: int(env, 'DABYL_SESSION_TTL_HOURS', 12, 1, 24 * 30),
    loginMaxFailures: int(env, 'DABYL_LOGIN_MAX_FAILURES', 5, 1, 100),
    loginMaxDelayMinutes: int(env, 'DABYL_LOGIN_MAX_DELAY_MINUTES', 15, 1, 24 * 60),
    bodyLimitBytes: int(env, 'DABYL_BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    uploadUnpackedLimitBytes: int(
      env,
      'DABYL_UPLOAD_UNPACKED_LIMIT_BYTES',
      128 * 1024 * 1024,
      1024 * 1024,
      2 * 1024 * 1024 * 1024,
    ),
    checkResponses: bool(env, 'DABYL_CHECK_RESPONSES', false),
    capValidatePerMinute: int(env, 'DABYL_CAP_VALIDATE_PER_MINUTE', 30, 1, 100_000),
    demoData: bool(env, 'DABYL_DEMO_DATA', true),
    publicUrl: url(env, 'DABYL_PUBLIC_URL', ['http', 'https']) ?? `http://localhost:${port}`,
    basemap: basemap(env),
    smtpUrl: url(env, 'DABYL_SMTP_URL', ['smtp', 'smtps']),
    mailFrom: mailFrom(env),
    smpp: smppConfig(env),
    outboxRetryHorizonMs: int(env, 'DABYL_OUTBOX_RETRY_HOURS', 24, 1, 24 * 14) * 3_600_000,
    webhookSigningKey: signingKey(env),
    webhookAllowHosts: hostList(env, 'DABYL_WEBHOOK_ALLOW_HOSTS'),
    webhookTimeoutMs: int(env, 'DABYL_WEBHOOK_TIMEOUT_SECONDS', 10, 1, 120) * 1000,
    alertWideAreaKm2: int(env, 'DABYL_ALERT_WIDE_AREA_KM2', 100_000, 1, 100_000_000),
    webpush: webpushConfig(env),
    mqttUrl: url(env, 'DABYL_MQTT_URL', ['mqtt', 'mqtts']),
    mqttTimeoutMs: int(env, 'DABYL_MQTT_TIMEOUT_SECONDS', 10, 1, 120) * 1000,
    sirenAckTimeoutMs: int(env, 'DABYL_SIREN_ACK_SECONDS', 60, 1, 24 * 3600) * 1000,
    cbcCentres: parseCbcCentres(
      env.DABYL_CBC_CENTRES,
      (p, fault) => new ConfigError('DABYL_CBC_CENTRES', p, fault),
    ),
    cbcTimeoutMs: int(env, 'DABYL_CBC_TIMEOUT_SECONDS', 10, 1, 120) * 1000,
    publicLanguage: publicLanguage(env),
    portalExportDir: env.DABYL_PORTAL_EXPORT_DIR ? path.resolve(env.DABYL_PORTAL_EXPORT_DIR) : undefined,
  });
}

/** Letters, digits, `-` and `_`: BullMQ joins it to its keys with `:`, which it must not hold. */
function redisPrefix(env: Env): string {
  const value = env.DABYL_REDIS_PREFIX?.trim() || 'dabyl';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value))
    throw new ConfigError('DABYL_REDIS_PREFIX', 'must be 1 to 64 letters, digits, "-" or "_"', {
      problem: 'config_redis_prefix',
      params: { min: 1, max: 64 },
    });
  return value;
}
