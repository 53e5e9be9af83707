import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCapSignature } from '../../src/cap/dsig/verify.js';
import { parseCap } from '../../src/cap/parse.js';
import { ALMATY_AREA_NAMES, ALMATY_POLYGON } from '../../src/core/alert/testing.js';
import { FanOutWorker } from '../../src/jobs/fanout.worker.js';
import { OutboxDispatcher } from '../../src/jobs/outbox.dispatcher.js';
import { contextFor } from '../../src/runtime.js';
import {
  alertCap,
  approveAlert,
  createAlert,
  editAlert,
  startAlertUpdate,
  submitAlert,
} from '../../src/services/alerts/alerts.service.js';
import type { AppContext } from '../../src/services/context.js';
import {
  confirmSubscription,
  subscribe,
  unsubscribe,
} from '../../src/services/subscriptions/subscriptions.service.js';
import { xsdFailures } from '../support/cap-xsd.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';
import { INSIDE_ALMATY, installSigningKey, makePerson, type Person } from './harness.js';

/*
 * The "all clear" after a real warning, on both engines with real mail: one action from the
 * warning, approved like any Actual alert (another person, a second factor), signed, referring to
 * the warning, and reaching everyone the warning reached. The all clear is drawn over a smaller
 * area than the warning and one warned resident unsubscribes in between: people who were told of
 * a danger must be told it is over, whatever the all clear's own area or their subscription says.
 */

/** Inside the warning's polygon, well outside the all clear's circle around INSIDE_ALMATY. */
const ALMALY = { lon: 76.96, lat: 43.26, radiusM: 300 };
const ALL_CLEAR_CIRCLE = { kind: 'circle' as const, lon: 76.93, lat: 43.25, radiusM: 1000, region: 'KZ-75' };

const recipient = (mail: ParsedMail) =>
  mail.to && 'value' in mail.to ? mail.to.value[0]?.address : undefined;

describe.each(ENGINES)('the "all clear" on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let smtp: TestSmtp;
  let now = new Date('2026-11-03T05:00:10.000Z');
  let pio: Person;
  let auth1: Person;
  let auth2: Person;
  let signing: ReturnType<typeof installSigningKey>;
  let dispatcher: OutboxDispatcher;
  let warningMails: ParsedMail[] = [];
  let warning = '';
  let allClear = '';
  const tick = (seconds = 30) => (now = new Date(now.getTime() + seconds * 1000));

  /** Expands every waiting fan-out, sends everything, and returns the mails that arrived. */
  async function deliver(): Promise<ParsedMail[]> {
    const before = smtp.mails.length;
    await new FanOutWorker(ctx).drain();
    const sent = await dispatcher.drain();
    return (await smtp.waitFor(before + sent)).slice(before);
  }

  async function resident(email: string, language: string, place: object) {
    const before = smtp.mails.length;
    await subscribe(ctx, { email, name: 'Resident', language, places: [place as { placeId: string }] });
    await dispatcher.drain();
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    const token = /\/subscribe\/confirm\?token=([A-Za-z0-9_-]{43})/.exec(mail!.text ?? '')![1]!;
    await confirmSubscription(ctx, token);
  }

  /** Whom a message of the warning's thread was written to, as the deliveries table says. */
  const reached = async (sequence: number) =>
    (
      await ctx.db.kysely
        .selectFrom('deliveries')
        .select(['recipient_id', 'channel', 'address'])
        .where('source_kind', '=', 'alert')
        .where('source_id', '=', warning)
        .where('sequence', '=', sequence)
        .execute()
    )
      .map((d) => `${d.channel} ${d.recipient_id} ${d.address}`)
      .sort();

  beforeAll(async () => {
    smtp = await startTestSmtp();
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    ctx = contextFor(
      rt.ctx.db,
      { ...rt.ctx.config, smtpUrl: smtp.url, publicUrl: 'https://dabyl.example.kz' },
      { now: () => now },
    );
    dispatcher = new OutboxDispatcher(ctx, { backoffMs: 60_000, log: () => {} });
    pio = await makePerson(ctx, 'pio', 'pio');
    auth1 = await makePerson(ctx, 'auth1', 'authoriser');
    auth2 = await makePerson(ctx, 'auth2', 'authoriser');
    signing = installSigningKey(ctx);
    await resident('medeu@example.org', 'ru', INSIDE_ALMATY);
    await resident('almaly@example.org', 'kk', ALMALY);
    await resident('leaving@example.org', 'en', INSIDE_ALMATY);
    await resident('astana@example.org', 'en', { placeId: 'astana' });
    const a = await createAlert(ctx, pio.info, pio.actor, {
      status: 'Actual',
      hazard: 'earthquake',
      area: ALMATY_POLYGON,
      areaNames: ALMATY_AREA_NAMES,
      expiresAt: '2026-11-03T11:00:00.000Z',
    });
    const submitted = await submitAlert(ctx, pio.info, pio.actor, a.id, a.version);
    await approveAlert(ctx, auth1.info, auth1.actor, a.id, submitted.version, auth1.code());
    warning = a.threadId;
    warningMails = await deliver();
  });
  afterAll(async () => {
    await ctx.channels.close();
    await smtp.close();
    signing.remove();
    await drop();
  });

  it('warned the three Almaty residents by e-mail and not the one in Astana', () => {
    expect(warningMails.map(recipient).sort()).toEqual([
      'almaly@example.org',
      'leaving@example.org',
      'medeu@example.org',
    ]);
  });

  it('goes out only when another authoriser approves it with a fresh second factor', async () => {
    tick();
    // One warned resident leaves through the link in the warning itself, before the all clear.
    const leaving = warningMails.find((m) => recipient(m) === 'leaving@example.org')!;
    const token = /\/subscription\?token=([A-Za-z0-9_-]+)/.exec(leaving.text ?? '')![1]!;
    await unsubscribe(ctx, token);

    const started = await startAlertUpdate(ctx, auth2.info, auth2.actor, warning, { allClear: true });
    expect(started).toMatchObject({ msgType: 'Update', hazard: 'all-clear', sequence: 2, state: 'draft' });
    allClear = started.id;
    const narrowed = await editAlert(ctx, auth2.info, auth2.actor, allClear, started.version, {
      area: ALL_CLEAR_CIRCLE,
    });
    const queued = await submitAlert(ctx, auth2.info, auth2.actor, allClear, narrowed.version);
    await expect(
      approveAlert(ctx, auth2.info, auth2.actor, allClear, queued.version, auth2.code()),
    ).rejects.toMatchObject({ code: 'alert_own_draft' });
    await expect(
      approveAlert(ctx, pio.info, pio.actor, allClear, queued.version, pio.code()),
    ).rejects.toMatchObject({ code: 'alert_permission' });
    await expect(
      approveAlert(ctx, auth1.info, auth1.actor, allClear, queued.version, undefined),
    ).rejects.toMatchObject({ code: 'second_factor_required' });
    const sent = await approveAlert(ctx, auth1.info, auth1.actor, allClear, queued.version, auth1.code());
    expect(sent).toMatchObject({ state: 'sent', approvedBy: auth1.info.userId, signError: null });
  });

  it('is a signed, schema-valid Update referring to the warning, saying "all clear" in every language', async () => {
    const xml = await alertCap(ctx, allClear);
    expect(verifyCapSignature(xml).valid).toBe(true);
    expect(xsdFailures([xml])).toEqual([]);
    const cap = parseCap(xml).alert;
    const original = parseCap(await alertCap(ctx, warning)).alert;
    expect(cap).toMatchObject({ status: 'Actual', msgType: 'Update' });
    expect(cap.references).toBe(`${original.sender},${original.identifier},${original.sent}`);
    expect(cap.info.map((i) => i.language)).toEqual(['kk-KZ', 'ru-KZ', 'en-US']);
    for (const info of cap.info) expect(info.responseType).toEqual(['AllClear']);
  });

  it('reaches everyone the warning reached, by e-mail, though its area is smaller and one has unsubscribed', async () => {
    const fanouts = await ctx.db.kysely
      .selectFrom('fanouts')
      .select(['sequence', 'priority'])
      .where('source_id', '=', warning)
      .orderBy('sequence')
      .execute();
    // Queued ahead of first alerts: the all clear must not wait behind new warnings elsewhere.
    expect(fanouts).toEqual([
      { sequence: 1, priority: 0 },
      { sequence: 2, priority: 10 },
    ]);
    const mails = await deliver();
    const warned = await reached(1);
    const cleared = await reached(2);
    expect(warned).toHaveLength(3);
    expect(cleared).toEqual(warned);
    expect(mails.map(recipient).sort()).toEqual(warningMails.map(recipient).sort());
    const subjects = Object.fromEntries(mails.map((m) => [recipient(m), m.subject]));
    expect(subjects).toEqual({
      'medeu@example.org': 'Отбой тревоги: Алматы, Медеуский район',
      'almaly@example.org': 'Қауіп жойылды: Алматы, Медеу ауданы',
      'leaving@example.org': 'All clear: Almaty, Medeu district',
    });
  });
});
