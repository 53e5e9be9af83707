import { randomUUID } from 'node:crypto';
import { contextFor } from '../../src/runtime.js';
import { SYSTEM_ACTOR, type AppContext } from '../../src/services/context.js';
import { SirenListener } from '../../src/services/sirens/siren.listener.js';
import { createSiren } from '../../src/services/sirens/sirens.service.js';
import { subscriberRepository } from '../../src/store/subscriber.repository.js';
import { cbcReceiver, threeCentres, type CbcReceiver } from '../support/cbc-receiver.js';
import { openTestRuntime, type EngineName } from '../support/engines.js';
import { startPushService, type PushService } from '../support/push-service.js';
import { startSimulatedSiren, type SimulatedSiren } from '../support/sirens.js';
import { startTestSmsc, type TestSmsc } from '../support/smsc.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

/*
 * Every real peer an Actual alert reaches, started together around one runtime: SMTP, an SMSC, a
 * push service, an agency's webhook receiver, siren controllers over the shared Mosquitto, and Cell
 * Broadcast Centres (ECBE checked against the published schema, CAP against the XSD).
 */

const BROKER = 'mqtt://127.0.0.1:1883';
const WEBHOOK_KEY = 'every-peer-webhook-signing-key-0123456789';

export interface Peers {
  ctx: AppContext;
  smtp: TestSmtp;
  smsc: TestSmsc;
  push: PushService;
  hooks: WebhookReceiver;
  cbc: CbcReceiver;
  /** `inside` is in the alert's area; `outside` (Astana) must hear nothing. */
  sirens: { inside: SimulatedSiren; outside: SimulatedSiren };
  listener: SirenListener;
  close(): Promise<void>;
}

export async function startPeers(engine: EngineName, clock: { now(): Date }): Promise<Peers> {
  const [smtp, smsc, push, cbc] = await Promise.all([
    startTestSmtp(),
    startTestSmsc(),
    startPushService(),
    cbcReceiver(),
  ]);
  const hooks = await startWebhookReceiver(WEBHOOK_KEY, clock.now);
  const rt = await openTestRuntime(engine);
  await rt.ctx.channels.close();
  const loopback = new Set(['127.0.0.1']);
  const cbcCentres = threeCentres(cbc);
  const ctx = contextFor(
    rt.ctx.db,
    {
      ...rt.ctx.config,
      publicUrl: 'https://dabyl.example.kz',
      smtpUrl: smtp.url,
      smpp: { ...rt.ctx.config.smpp, url: smsc.url, ratePerSecond: 1000, timeoutMs: 2_000 },
      webpush: { subject: 'mailto:duty@dabyl.example.kz', allowHosts: loopback, timeoutMs: 2_000 },
      webhookSigningKey: WEBHOOK_KEY,
      webhookAllowHosts: loopback,
      mqttUrl: BROKER,
      sirenAckTimeoutMs: 60_000,
      cbcCentres,
      cbcTimeoutMs: 2_000,
    },
    clock,
  );
  // The sirens are the administrator's registry, not anyone's alert: registered as the system.
  const run = `dabyl-test/${randomUUID().slice(0, 8)}`;
  const place = (name: string, lon: number, lat: number) => ({
    name: { kk: `${name} (kk)`, ru: `${name} (ru)`, en: name },
    lon,
    lat,
    topicPrefix: `${run}/${name.toLowerCase()}`,
    purpose: 'public' as const,
  });
  const spots = { inside: place('Medeu', 76.95, 43.25), outside: place('Astana', 71.45, 51.12) };
  const keys = {
    inside: (await createSiren(ctx, SYSTEM_ACTOR, spots.inside)).commandKey,
    outside: (await createSiren(ctx, SYSTEM_ACTOR, spots.outside)).commandKey,
  };
  const listener = new SirenListener(ctx);
  await listener.start();
  const [inside, outside] = await Promise.all(
    (['inside', 'outside'] as const).map((k) =>
      startSimulatedSiren({ url: BROKER, prefix: spots[k].topicPrefix, key: keys[k] }),
    ),
  );
  const sirens = { inside: inside!, outside: outside! };
  return {
    ctx,
    smtp,
    smsc,
    push,
    hooks,
    cbc,
    sirens,
    listener,
    close: async () => {
      await Promise.all([sirens.inside.stop(), sirens.outside.stop()]);
      await listener.stop();
      await ctx.channels.close();
      await rt.drop();
      await Promise.all([smtp.close(), smsc.close(), push.close(), hooks.close(), cbc.close()]);
    },
  };
}

/** Waits for what the peers and the database settle on; the test's timeout is the only limit. */
export async function until<T>(read: () => Promise<T> | T, done: (v: T) => boolean): Promise<T> {
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A verified contact on one more channel of a resident's, chosen among their channels. Residents
 * cannot yet add an SMS number or a webhook through the subscription API (it takes e-mail, and
 * devices come through web push), so the contact is stored the way the device service stores a
 * push subscription.
 */
export async function addVerifiedContact(
  ctx: AppContext,
  subscriberId: string,
  channel: string,
  address: string,
): Promise<void> {
  const at = ctx.clock.now().toISOString();
  await subscriberRepository.setContact(ctx.db.kysely, subscriberId, channel, address, at);
  await subscriberRepository.verifyContact(ctx.db.kysely, subscriberId, channel, at);
  const s = await subscriberRepository.byId(ctx.db.kysely, subscriberId);
  const channels = [...(JSON.parse(s!.channels) as string[]), channel];
  // A new updated_at also tells the place index that the active subscribers changed.
  await ctx.db.kysely
    .updateTable('subscribers')
    .set({ channels: JSON.stringify(channels), updated_at: at })
    .where('id', '=', subscriberId)
    .execute();
}
