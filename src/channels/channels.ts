import type { Config } from '../config/config.js';
import type { Db } from '../store/db.js';
import type { Channel, ChannelLog } from './channel.js';
import { EmailChannel } from './email/email.channel.js';
import { InAppChannel } from './inapp/inapp.channel.js';
import { ManualChannel } from './manual/manual.channel.js';
import { SinkChannel } from './sink/sink.channel.js';
import { WebhookChannel } from './webhook/webhook.channel.js';
import { smsLedgerOf } from './sms/sms.ledger.js';
import { SmsChannel } from './sms/sms.channel.js';
import { vapidKeys } from '../services/keys/vapid.js';
import { WebPushChannel } from './webpush/webpush.channel.js';
import { SirenChannel } from './siren/siren.channel.js';
import { sirenKeys } from './siren/siren.keys.js';
import { CellBroadcastChannel } from './cellbroadcast/cellbroadcast.channel.js';
import { signAlertXml } from '../services/alerts/signing.js';

/**
 * The channels of one process, made once at start-up and handed to whoever needs them through the
 * application context (the dispatcher sends; the console's status reads). Each channel kind lives
 * in its own folder beside email/: sms/ (SMPP), webpush/, webhook/, siren/ (MQTT),
 * cellbroadcast/, inapp/, manual/ (a prompt on a controller's screen).
 */
export interface ChannelSet {
  /** The channels deliveries can name, by name. */
  readonly byName: ReadonlyMap<string, Channel>;
  /** Where rehearsal traffic goes instead of its address. */
  readonly sink: SinkChannel;
  /** Hands the process's log to the channels that have something to tell (made before the log is). */
  useLog?(log: ChannelLog): void;
  close(): Promise<void>;
}

export function openChannels(
  config: Config,
  db: Db,
  clock: { now(): Date },
  extra: readonly Channel[] = [],
): ChannelSet {
  const list: Channel[] = [
    new EmailChannel({ smtpUrl: config.smtpUrl, from: config.mailFrom }),
    new WebhookChannel({
      signingKey: config.webhookSigningKey,
      allowHosts: config.webhookAllowHosts,
      timeoutMs: config.webhookTimeoutMs,
      clock,
    }),
    new SmsChannel({
      ...config.smpp,
      ledger: smsLedgerOf(db.kysely, db.engine),
      now: () => clock.now(),
    }),
    new WebPushChannel({
      ...config.webpush,
      // Made only once push is set up: the pair is for keeps from its first use.
      keys: config.webpush.subject ? vapidKeys(config) : { publicKey: '', privateKey: '' },
      clock,
    }),
    new InAppChannel(db, clock),
    new ManualChannel(db, clock),
    new SirenChannel({
      url: config.mqttUrl,
      timeoutMs: config.mqttTimeoutMs,
      keyFor: sirenKeys(config, db.kysely),
      clock,
    }),
    new CellBroadcastChannel({
      centres: config.cbcCentres,
      timeoutMs: config.cbcTimeoutMs,
      sign: (organisationId, xml) => signAlertXml(config, organisationId, xml),
    }),
    ...extra,
  ];
  const byName = new Map(list.map((c) => [c.name, c]));
  return {
    byName,
    sink: new SinkChannel(db.kysely, clock),
    useLog: (log) => {
      for (const c of list) c.useLog?.(log);
    },
    close: async () => {
      await Promise.all(list.map((c) => c.close()));
    },
  };
}
