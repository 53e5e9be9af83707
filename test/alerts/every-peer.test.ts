import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCapSignature } from '../../src/cap/dsig/verify.js';
import type { CapAlert } from '../../src/cap/model.js';
import { parseCap } from '../../src/cap/parse.js';
import type { AlertLanguage } from '../../src/core/alert/alert.js';
import { ALERT_CAP_LANGUAGE } from '../../src/core/alert/cap.js';
import { ALMATY_AREA_NAMES, ALMATY_POLYGON } from '../../src/core/alert/testing.js';
import { cbCategoryOf } from '../../src/core/cellbroadcast/category.js';
import { FanOutWorker } from '../../src/jobs/fanout.worker.js';
import { OutboxDispatcher } from '../../src/jobs/outbox.dispatcher.js';
import {
  alertCap,
  approveAlert,
  cancelAlert,
  createAlert,
  submitAlert,
} from '../../src/services/alerts/alerts.service.js';
import type { AppContext } from '../../src/services/context.js';
import { sirenReport } from '../../src/services/sirens/siren.report.js';
import { subscribeDevice } from '../../src/services/subscriptions/device.service.js';
import { confirmSubscription, subscribe } from '../../src/services/subscriptions/subscriptions.service.js';
import { xsdFailures } from '../support/cap-xsd.js';
import { ENGINES } from '../support/engines.js';
import { subscriptionJson, type TestSubscription } from '../support/push-service.js';
import { INSIDE_ALMATY, installSigningKey, makePerson, type Person } from './harness.js';
import { addVerifiedContact, startPeers, until, type Peers } from './every-peer.peers.js';

/*
 * Issue 11's "done when": one Actual alert, drafted by a PIO and approved by an authoriser with a
 * TOTP code, reaches every real peer at once — mail through SMTP, SMS through an SMSC (with its
 * receipt), web push decrypted by a push service, a webhook whose signature the receiver verifies,
 * a siren controller that acknowledges, and the Cell Broadcast Centres that check each request
 * against the published schema — and its Cancel reaches each of them again, referring to the
 * original, while a resident outside the area and a siren there get nothing at all.
 */

const to = (mail: ParsedMail) => (mail.to && 'value' in mail.to ? mail.to.value[0]?.address : undefined);
const headline = (cap: CapAlert, lang: AlertLanguage) =>
  cap.info.find((i) => i.language === ALERT_CAP_LANGUAGE[lang])!.headline!;

describe.each(ENGINES)('one Actual alert to every real peer on %s', (engine) => {
  // The push service checks VAPID expiry against the real time: the test's clock starts now.
  let now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const tick = (seconds = 30) => (now = new Date(now.getTime() + seconds * 1000));
  let peers: Peers;
  let ctx: AppContext;
  let dispatcher: OutboxDispatcher;
  let pio: Person;
  let auth: Person;
  let signing: ReturnType<typeof installSigningKey>;
  let device: TestSubscription;
  let outsideDevice: TestSubscription;
  const outsider = { id: '', email: 'ru@astana.example.org', sms: '+77019990000', hook: '/hooks/astana' };
  const inside = { sms: '+77011230001', hook: '/hooks/almaty-en' };

  async function deliver(): Promise<void> {
    await new FanOutWorker(ctx).drain();
    await dispatcher.drain();
  }

  /** A resident subscribed through the public path: confirmed by the link in their e-mail. */
  async function resident(email: string, language: string, place: object): Promise<string> {
    const before = peers.smtp.mails.length;
    await subscribe(ctx, { email, name: 'Resident', language, places: [place as { placeId: string }] });
    await dispatcher.drain();
    const [mail] = (await peers.smtp.waitFor(before + 1)).slice(before);
    await confirmSubscription(ctx, /\/subscribe\/confirm\?token=([A-Za-z0-9_-]{43})/.exec(mail!.text!)![1]!);
    const c = await ctx.db.kysely
      .selectFrom('contacts')
      .select('subscriber_id')
      .where('address', '=', email)
      .executeTakeFirstOrThrow();
    return c.subscriber_id;
  }

  const deliveries = (threadId: string, sequence: number) =>
    ctx.db.kysely
      .selectFrom('deliveries')
      .selectAll()
      .where('source_kind', '=', 'alert')
      .where('source_id', '=', threadId)
      .where('sequence', '=', sequence)
      .orderBy('channel')
      .orderBy('address')
      .execute();

  /** Nothing of the thread went to the outsider, on any channel, by any peer's account. */
  async function outsiderHeardNothing(threadId: string): Promise<void> {
    const rows = await ctx.db.kysely
      .selectFrom('deliveries')
      .select('address')
      .where('source_id', '=', threadId)
      .where('recipient_id', '=', outsider.id)
      .execute();
    expect(rows).toEqual([]);
    expect(peers.smtp.mails.filter((m) => to(m) === outsider.email)).toHaveLength(1); // its confirmation
    expect(peers.smsc.messages.filter((m) => `+${m.destination}` === outsider.sms)).toEqual([]);
    expect(peers.hooks.received.filter((h) => h.path === outsider.hook)).toEqual([]);
    expect(peers.push.received.filter((p) => p.subscriptionId === outsideDevice.id)).toEqual([]);
    expect(peers.sirens.outside.events.filter((e) => e.event === 'command')).toEqual([]);
    expect(peers.cbc.requests.filter((r) => r.path.startsWith('/astana'))).toEqual([]);
  }

  beforeAll(async () => {
    peers = await startPeers(engine, { now: () => now });
    ctx = peers.ctx;
    dispatcher = new OutboxDispatcher(ctx, { backoffMs: 60_000, log: () => {} });
    pio = await makePerson(ctx, 'pio', 'pio');
    auth = await makePerson(ctx, 'auth', 'authoriser');
    signing = installSigningKey(ctx);
    const ru = await resident('ru@almaty.example.org', 'ru', INSIDE_ALMATY);
    await addVerifiedContact(ctx, ru, 'sms', inside.sms);
    const en = await resident('en@almaty.example.org', 'en', INSIDE_ALMATY);
    await addVerifiedContact(ctx, en, 'webhook', `${peers.hooks.base}${inside.hook}`);
    device = peers.push.subscribe();
    await subscribeDevice(ctx, {
      subscription: subscriptionJson(device),
      placeId: 'almaty-almaly',
      language: 'kk',
    });
    outsider.id = await resident(outsider.email, 'ru', { placeId: 'astana' });
    await addVerifiedContact(ctx, outsider.id, 'sms', outsider.sms);
    await addVerifiedContact(ctx, outsider.id, 'webhook', `${peers.hooks.base}${outsider.hook}`);
    outsideDevice = peers.push.subscribe();
    await subscribeDevice(ctx, {
      subscription: subscriptionJson(outsideDevice),
      placeId: 'astana',
      language: 'ru',
    });
  }, 120_000);

  afterAll(async () => {
    signing?.remove();
    await peers?.close();
  });

  let original: CapAlert;
  /** Every CAP message Dabyl signed or a peer received, for one run of the official schema. */
  const emitted: string[] = [];
  let threadId = '';

  it('approved with a second factor, reaches mail, SMS, web push, webhook, siren and cell broadcast', async () => {
    tick();
    const draft = await createAlert(ctx, pio.info, pio.actor, {
      status: 'Actual',
      hazard: 'earthquake',
      area: ALMATY_POLYGON,
      areaNames: ALMATY_AREA_NAMES,
      expiresAt: new Date(now.getTime() + 6 * 3600_000).toISOString(),
    });
    const submitted = await submitAlert(ctx, pio.info, pio.actor, draft.id, draft.version);
    // The authoriser is shown people, not deliveries: a resident on e-mail and SMS counts once.
    expect(submitted.reach).toEqual({ residents: 3, participants: 0 });
    const sent = await approveAlert(ctx, auth.info, auth.actor, draft.id, submitted.version, auth.code());
    expect(sent).toMatchObject({ state: 'sent', approvedBy: auth.info.userId, signError: null });
    threadId = sent.threadId;
    const xml = await alertCap(ctx, draft.id);
    expect(xsdFailures([xml])).toEqual([]);
    expect(verifyCapSignature(xml).valid).toBe(true);
    original = parseCap(xml).alert;
    emitted.push(xml);
    expect(original).toMatchObject({ status: 'Actual', msgType: 'Alert' });
    const mailsBefore = peers.smtp.mails.length;
    await deliver();

    const rows = await deliveries(threadId, 1);
    expect(rows.map((r) => [r.channel, r.address])).toEqual([
      ['cellbroadcast', 'beeline'],
      ['cellbroadcast', 'kcell'],
      ['email', 'en@almaty.example.org'],
      ['email', 'ru@almaty.example.org'],
      ['siren', expect.stringMatching(/\/medeu$/)],
      ['sms', inside.sms],
      ['webhook', `${peers.hooks.base}${inside.hook}`],
      ['webpush', expect.stringContaining(device.endpoint)],
    ]);
    expect(rows.every((r) => r.status === 'sent' && r.mode === 'actual')).toBe(true);
    const byChannel = (c: string) => rows.filter((r) => r.channel === c);

    // E-mail: each in its reader's language, its Message-ID the delivery's own.
    const mails = (await peers.smtp.waitFor(mailsBefore + 2)).slice(mailsBefore);
    expect(mails.map((m) => [to(m), m.subject]).sort()).toEqual([
      ['en@almaty.example.org', headline(original, 'en')],
      ['ru@almaty.example.org', headline(original, 'ru')],
    ]);
    expect(headline(original, 'ru')).toBe('Землетрясение: Алматы, Медеуский район');
    expect(headline(original, 'kk')).toMatch(/^Жер сілкінісі/);
    for (const d of byChannel('email'))
      expect(mails.find((m) => to(m) === d.address)!.messageId).toBe(d.provider_id);

    // SMS: reassembled at the SMSC, in Russian, and its receipt recorded on the delivery.
    const [sms] = await peers.smsc.waitForMessages(1);
    expect(sms!.destination).toBe(inside.sms.slice(1));
    expect(sms!.text.startsWith(headline(original, 'ru'))).toBe(true);
    expect(byChannel('sms')[0]!.provider_id).toBe(sms!.parts.map((p) => p.messageId).join(','));
    await until(
      () => deliveries(threadId, 1),
      (r) => r.find((d) => d.channel === 'sms')!.receipt === 'DELIVRD',
    );

    // Web push: decrypted by the push service with the device's key, in Kazakh, tagged by thread.
    const [push] = await until(
      () => peers.push.received.filter((p) => p.subscriptionId === device.id),
      (l) => l.length === 1,
    );
    expect(push!.problem).toBeNull();
    expect(JSON.parse(push!.text!)).toMatchObject({
      title: headline(original, 'kk'),
      tag: `alert-${threadId}`,
    });

    // Webhook: the receiver verifies the signature made for its URL; the body carries the CAP.
    const [hook] = await peers.hooks.waitFor(1);
    expect(hook).toMatchObject({ path: inside.hook, verified: true });
    expect(hook!.headers['webhook-id']).toBe(`msg_${byChannel('webhook')[0]!.id}`);
    const body = JSON.parse(hook!.body) as Record<string, string>;
    expect(body).toMatchObject({ type: 'alert', msgType: 'Alert', identifier: original.identifier });
    expect(body.headline).toBe(headline(original, 'en'));
    expect(body.cap).toBe(xml);

    // Siren: activated for this CAP identifier, and its acknowledgement is on the delivery.
    const heard = await peers.sirens.inside.waitFor((e) => e.event === 'command');
    expect(heard).toMatchObject({ action: 'activate', alert: original.identifier, exercise: false });
    expect(heard.announcement).toContain(headline(original, 'kk'));
    await until(
      () => sirenReport(ctx, threadId),
      (r) => r.acknowledged === 1,
    );
    expect((await deliveries(threadId, 1)).find((d) => d.channel === 'siren')!.delivered_at).not.toBeNull();

    // Cell broadcast: every request valid by the schema or the XSD, on the earthquake's category.
    expect(peers.cbc.requests.every((r) => r.problems.length === 0)).toBe(true);
    const info = original.info[0]!;
    const category = cbCategoryOf({ status: original.status, ...info });
    const ecbe = peers.cbc.requests
      .filter((r) => r.method === 'POST' && r.path === '/api/ecbe/v1/message')
      .map((r) => JSON.parse(r.body) as { category: string; smscb_message: { message_id: number } });
    expect(ecbe.map((m) => m.smscb_message.message_id)).toEqual([
      category.messageId,
      category.additionalLanguageId,
    ]);
    expect(ecbe.every((m) => m.category === 'high_priority')).toBe(true);
    const capCbc = peers.cbc.requests.filter((r) => r.path === '/cap').map((r) => parseCap(r.body).alert);
    expect(capCbc.map((c) => [c.identifier, c.msgType])).toEqual([[original.identifier, 'Alert']]);

    await outsiderHeardNothing(threadId);
  });

  it('its Cancel reaches every one of them, referring to the original; the siren stops; the outsider hears nothing', async () => {
    tick();
    const [mailsBefore, pushBefore, hooksBefore, cbcBefore] = [
      peers.smtp.mails.length,
      peers.push.received.length,
      peers.hooks.received.length,
      peers.cbc.requests.length,
    ];
    const cancel = await cancelAlert(ctx, auth.info, auth.actor, threadId, 'Sent in error', auth.code());
    expect(cancel).toMatchObject({ msgType: 'Cancel', state: 'sent' });
    const xml = await alertCap(ctx, cancel.id);
    expect(verifyCapSignature(xml).valid).toBe(true);
    const cap = parseCap(xml).alert;
    expect(cap).toMatchObject({
      msgType: 'Cancel',
      status: 'Actual',
      references: `${original.sender},${original.identifier},${original.sent}`,
    });
    await deliver();

    const rows = await deliveries(threadId, 2);
    expect(rows.map((r) => r.channel)).toEqual([
      'cellbroadcast',
      'cellbroadcast',
      'email',
      'email',
      'siren',
      'sms',
      'webhook',
      'webpush',
    ]);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);

    const mails = (await peers.smtp.waitFor(mailsBefore + 2)).slice(mailsBefore);
    expect(mails.map((m) => [to(m), m.subject]).sort()).toEqual([
      ['en@almaty.example.org', headline(cap, 'en')],
      ['ru@almaty.example.org', headline(cap, 'ru')],
    ]);
    const [, sms] = await peers.smsc.waitForMessages(2);
    expect(sms!.destination).toBe(inside.sms.slice(1));
    expect(sms!.text.startsWith(headline(cap, 'ru'))).toBe(true);
    await until(
      () => deliveries(threadId, 2),
      (r) => r.find((d) => d.channel === 'sms')!.receipt === 'DELIVRD',
    );

    const pushes = await until(
      () => peers.push.received.slice(pushBefore),
      (l) => l.length === 1,
    );
    expect(pushes[0]!.subscriptionId).toBe(device.id);
    // The same tag: the device replaces the alarm's notification with its cancellation.
    expect(JSON.parse(pushes[0]!.text!)).toMatchObject({
      title: headline(cap, 'kk'),
      tag: `alert-${threadId}`,
    });

    const [hook] = (await peers.hooks.waitFor(hooksBefore + 1)).slice(hooksBefore);
    expect(hook).toMatchObject({ path: inside.hook, verified: true });
    expect(JSON.parse(hook!.body)).toMatchObject({
      msgType: 'Cancel',
      identifier: cap.identifier,
      references: cap.references,
      cap: xml,
    });

    const stop = await peers.sirens.inside.waitFor((e) => e.event === 'command' && e.action === 'stop');
    expect(stop).toMatchObject({ alert: cap.identifier, announcement: null, exercise: false });
    await until(
      () => sirenReport(ctx, threadId),
      (r) => r.commands.some((c) => c.sequence === 2 && c.acknowledgedAt !== null),
    );

    const cbc = peers.cbc.requests.slice(cbcBefore);
    expect(cbc.every((r) => r.problems.length === 0)).toBe(true);
    expect(cbc.filter((r) => r.method === 'DELETE')).toHaveLength(2);
    expect(peers.cbc.broadcasting.size).toBe(0);
    const capCbc = cbc.filter((r) => r.path === '/cap').map((r) => parseCap(r.body).alert);
    expect(capCbc.map((c) => [c.msgType, c.references])).toEqual([['Cancel', cap.references]]);

    // Every CAP message that left Dabyl, by any peer, is valid against the official schema.
    emitted.push(
      xml,
      ...peers.hooks.received.map((h) => (JSON.parse(h.body) as { cap: string }).cap),
      ...peers.cbc.requests.filter((r) => r.path === '/cap').map((r) => r.body),
    );
    expect(emitted).toHaveLength(2 + 2 + 2);
    expect(xsdFailures(emitted)).toEqual([]);
    // …and signed with the organisation's key: the centre's copy, rebuilt for its pages, too.
    expect(emitted.map((x) => verifyCapSignature(x).valid)).toEqual(emitted.map(() => true));
    await outsiderHeardNothing(threadId);
  });
});
