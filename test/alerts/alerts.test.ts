import { rmSync } from 'node:fs';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCapSignature } from '../../src/cap/dsig/verify.js';
import { parseCap } from '../../src/cap/parse.js';
import { validateCap } from '../../src/cap/validate/validate.js';
import { ALMATY_AREA_NAMES, ALMATY_POLYGON } from '../../src/core/alert/testing.js';
import { EXERCISE_HEAD } from '../../src/core/outbox/traffic.js';
import { FanOutWorker } from '../../src/jobs/fanout.worker.js';
import { OutboxDispatcher } from '../../src/jobs/outbox.dispatcher.js';
import { contextFor } from '../../src/runtime.js';
import {
  alertCap,
  alertThread,
  approveAlert,
  cancelAlert,
  createAlert,
  editAlert,
  getAlert,
  startAlertUpdate,
  submitAlert,
  type AlertInput,
} from '../../src/services/alerts/alerts.service.js';
import type { WebhookMessage } from '../../src/channels/channel.js';
import { previewAlert } from '../../src/services/alerts/alert-preview.service.js';
import { alertSource, type AlertMessageSource } from '../../src/services/alerts/alert.source.js';
import { alertDeliveries } from '../../src/services/alerts/alert-report.service.js';
import { signingKeyFiles } from '../../src/services/alerts/signing.js';
import { loadLiveAlerts } from '../../src/services/portal/live-alerts.service.js';
import type { AppContext } from '../../src/services/context.js';
import { requestFanOut } from '../../src/services/outbox/fanout.js';
import { confirmSubscription, subscribe } from '../../src/services/subscriptions/subscriptions.service.js';
import { xsdFailures } from '../support/cap-xsd.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';
import {
  ASTANA_SQUARE,
  INSIDE_ALMATY,
  insertDrill,
  installSigningKey,
  makePerson,
  type Person,
} from './harness.js';

/*
 * Public alerts end to end on both engines, with real mail through a real SMTP server: composed from
 * a template, approved by a second person with a second factor, signed, fanned out to the
 * residents of the area; updated and cancelled to everyone who got the original; and the attacks:
 * the drafter approving, codes wrong, replayed or missing, an unsigned alert, an exercise aimed at
 * the public, and every way we could think of from an exercise to an Actual delivery.
 */

const EXERCISE = '7d1f0c8e-3a52-4b7f-9c4e-2f6a1b9d0001';
const PUBLIC_EXERCISE = '7d1f0c8e-3a52-4b7f-9c4e-2f6a1b9d0002';

const recipient = (mail: ParsedMail) =>
  mail.to && 'value' in mail.to ? mail.to.value[0]?.address : undefined;

describe.each(ENGINES)('public alerts on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let smtp: TestSmtp;
  let now = new Date('2026-11-03T05:00:10.000Z');
  let pio: Person;
  let auth1: Person;
  let auth2: Person;
  let signing: ReturnType<typeof installSigningKey>;
  let dispatcher: OutboxDispatcher;
  const tick = (seconds = 30) => (now = new Date(now.getTime() + seconds * 1000));

  const input = (over: Partial<AlertInput> = {}): AlertInput => ({
    status: 'Actual',
    hazard: 'earthquake',
    area: ALMATY_POLYGON,
    areaNames: ALMATY_AREA_NAMES,
    expiresAt: '2026-11-03T11:00:00.000Z',
    ...over,
  });

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

  async function drafted(by: Person, over: Partial<AlertInput> = {}) {
    const a = await createAlert(ctx, by.info, by.actor, input(over));
    return submitAlert(ctx, by.info, by.actor, a.id, a.version);
  }

  const fanoutsOf = (threadId: string) =>
    ctx.db.kysely
      .selectFrom('fanouts')
      .selectAll()
      .where('source_id', '=', threadId)
      .orderBy('sequence')
      .execute();

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
    await insertDrill(ctx, { id: EXERCISE, name: 'Almaty quake drill', includesPublic: false, at: now });
    await insertDrill(ctx, {
      id: PUBLIC_EXERCISE,
      name: 'Almaty city-wide drill',
      includesPublic: true,
      at: now,
    });
    await ctx.db.kysely
      .insertInto('exercise_contacts')
      .values({
        id: 'c-medics',
        exercise_id: EXERCISE,
        person_id: null,
        name: 'Medics',
        channel: 'email',
        address: 'medics@drill.example.kz',
        language: 'kk',
        verified_at: now.toISOString(),
        created_at: now.toISOString(),
      })
      .execute();
    await resident('almaty@example.org', 'ru', INSIDE_ALMATY);
    await resident('astana@example.org', 'en', { placeId: 'astana' });
  });
  afterAll(async () => {
    await ctx.channels.close();
    await smtp.close();
    signing.remove();
    await drop();
  });

  let original = '';
  let wide = '';

  it('refuses the drafter approving their own Actual alert, even an authoriser with a good code', async () => {
    const own = await drafted(auth1);
    await expect(
      approveAlert(ctx, auth1.info, auth1.actor, own.id, own.version, auth1.code()),
    ).rejects.toMatchObject({
      code: 'alert_own_draft',
      status: 403,
    });
    // A PIO cannot approve at all.
    const byPio = await drafted(pio);
    await expect(
      approveAlert(ctx, pio.info, pio.actor, byPio.id, byPio.version, pio.code()),
    ).rejects.toMatchObject({
      code: 'alert_permission',
    });
    expect((await getAlert(ctx, auth1.actor, auth1.info, own.id)).actions.approve).toMatchObject({
      allowed: false,
      code: 'alert_own_draft',
    });
    expect(await fanoutsOf(own.id)).toEqual([]);
  });

  it('refuses a missing, wrong or replayed second factor, and audits each refusal', async () => {
    const a = await drafted(pio);
    original = a.id;
    // Before approval, the authoriser sees whom it would reach: the one resident in Almaty.
    expect(a.reach).toEqual({ residents: 1, participants: 0 });
    await expect(
      approveAlert(ctx, auth1.info, auth1.actor, a.id, a.version, undefined),
    ).rejects.toMatchObject({ code: 'second_factor_required' });
    await expect(
      approveAlert(ctx, auth1.info, auth1.actor, a.id, a.version, auth1.code(4)),
    ).rejects.toMatchObject({ code: 'second_factor_wrong' });
    // auth1's enrolment used the previous step's code: that one is spent.
    await expect(
      approveAlert(ctx, auth1.info, auth1.actor, a.id, a.version, auth1.code(-1)),
    ).rejects.toMatchObject({ code: 'second_factor_replayed' });
    const refusals = await ctx.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('subject_id', '=', a.id)
      .where('action', '=', 'second-factor.refused')
      .execute();
    expect(refusals.map((r) => (JSON.parse(r.detail) as { reason: string }).reason)).toEqual([
      'second_factor_required',
      'second_factor_wrong',
      'second_factor_replayed',
    ]);
    expect((await getAlert(ctx, pio.actor, pio.info, a.id)).state).toBe('awaiting_approval');
  });

  it('approved by another authoriser with a fresh code: signed CAP in three languages, valid against the schema, mailed to the area only', async () => {
    const a = await getAlert(ctx, auth1.actor, auth1.info, original);
    const sent = await approveAlert(ctx, auth1.info, auth1.actor, a.id, a.version, auth1.code());
    expect(sent).toMatchObject({ state: 'sent', approvedBy: auth1.info.userId, signError: null });
    const xml = await alertCap(ctx, a.id);
    expect(verifyCapSignature(xml)).toMatchObject({ valid: true });
    expect(xsdFailures([xml])).toEqual([]);
    const cap = parseCap(xml).alert;
    expect(cap).toMatchObject({
      status: 'Actual',
      msgType: 'Alert',
      identifier: 'alerts@dabyl.example.kz:alert:' + a.id,
    });
    expect(cap.info.map((i) => i.language)).toEqual(['kk-KZ', 'ru-KZ', 'en-US']);
    expect(validateCap(cap, { profiles: ['dabyl'] }).filter((f) => f.severity === 'error')).toEqual([]);
    // The same code again, on anything, is a replay.
    const other = await drafted(pio);
    await expect(
      approveAlert(ctx, auth1.info, auth1.actor, other.id, other.version, auth1.code()),
    ).rejects.toMatchObject({
      code: 'second_factor_replayed',
    });
    const [fanout] = await fanoutsOf(a.id);
    expect(fanout).toMatchObject({
      source_kind: 'alert',
      sequence: 1,
      mode: 'actual',
      exercise_id: null,
      priority: 0,
    });
    const mails = await deliver();
    expect(mails.map(recipient)).toEqual(['almaty@example.org']);
    expect(mails[0]!.subject).toBe('Землетрясение: Алматы, Медеуский район');
    expect(mails[0]!.text).toContain('Выйдите из здания');
    expect(mails[0]!.text).not.toContain(EXERCISE_HEAD);
  });

  it('renders one webhook document per message and language, handed to every agency as it is', async () => {
    const a = await getAlert(ctx, auth1.actor, auth1.info, original);
    const render = (loaded: AlertMessageSource, language: string, recipientId: string) =>
      alertSource.render(ctx, loaded, {
        language,
        kind: 'webhook',
        recipientKind: 'subscriber',
        recipientId,
      });
    const loaded = (await alertSource.load(ctx, a.threadId, 1))!;
    const kk = await render(loaded, 'kk', 'agency-1');
    // The very same body for another agency: the webhook channel serialises it once for all of them.
    expect(await render(loaded, 'kk', 'agency-2')).toBe(kk);
    const ru = await render(loaded, 'ru', 'agency-1');
    expect(ru).not.toBe(kk);
    expect((kk as WebhookMessage).body).toMatchObject({
      type: 'alert',
      status: 'Actual',
      sequence: 1,
      language: 'kk',
    });
    expect((ru as WebhookMessage).body).toMatchObject({
      language: 'ru',
      headline: expect.stringMatching(/^Землетрясение/),
    });
    // Loaded again (the next batch, another process): rendered afresh, to the same document.
    const again = await render((await alertSource.load(ctx, a.threadId, 1))!, 'kk', 'agency-1');
    expect(again).not.toBe(kk);
    expect(again).toEqual(kk);
  });

  it('sends an Update to everyone who got the original and to the new area, ahead of first alerts', async () => {
    tick();
    const upd = await startAlertUpdate(ctx, pio.info, pio.actor, original, {
      note: 'Area widened to Astana',
    });
    expect(upd).toMatchObject({ msgType: 'Update', status: 'Actual', sequence: 2, state: 'draft' });
    const moved = await editAlert(ctx, pio.info, pio.actor, upd.id, upd.version, {
      area: ASTANA_SQUARE,
      areaNames: { kk: 'Астана', ru: 'Астана', en: 'Astana' },
    });
    const submitted = await submitAlert(ctx, pio.info, pio.actor, moved.id, moved.version);
    await approveAlert(ctx, auth2.info, auth2.actor, submitted.id, submitted.version, auth2.code());
    const cap = parseCap(await alertCap(ctx, upd.id)).alert;
    const first = parseCap(await alertCap(ctx, original)).alert;
    expect(cap.references).toBe(`${first.sender},${first.identifier},${first.sent}`);
    expect((await fanoutsOf(original))[1]).toMatchObject({ sequence: 2, priority: 10 });
    const mails = await deliver();
    expect(mails.map(recipient).sort()).toEqual(['almaty@example.org', 'astana@example.org']);
  });

  it('cancels in one action to everyone who got any earlier message, unsubscribed since or not, referring to all of them', async () => {
    tick();
    await expect(
      cancelAlert(ctx, pio.info, pio.actor, original, 'Sent in error', pio.code()),
    ).rejects.toMatchObject({
      code: 'alert_permission',
    });
    await expect(
      cancelAlert(ctx, auth2.info, auth2.actor, original, 'Sent in error', undefined),
    ).rejects.toMatchObject({
      code: 'second_factor_required',
    });
    // A resident who unsubscribed after the alarm is still told it is over.
    const almaty = await ctx.db.kysely
      .selectFrom('contacts')
      .select('subscriber_id')
      .where('address', '=', 'almaty@example.org')
      .executeTakeFirstOrThrow();
    await ctx.db.kysely
      .updateTable('subscribers')
      .set({ status: 'unsubscribed' })
      .where('id', '=', almaty.subscriber_id)
      .execute();
    const cancel = await cancelAlert(ctx, auth2.info, auth2.actor, original, 'Sent in error', auth2.code());
    expect(cancel).toMatchObject({ msgType: 'Cancel', sequence: 3, state: 'sent', note: 'Sent in error' });
    const xml = await alertCap(ctx, cancel.id);
    expect(xsdFailures([xml])).toEqual([]);
    expect(verifyCapSignature(xml).valid).toBe(true);
    const cap = parseCap(xml).alert;
    expect(cap.msgType).toBe('Cancel');
    expect(cap.references!.split(' ')).toHaveLength(2);
    const mails = await deliver();
    expect(mails.map(recipient).sort()).toEqual(['almaty@example.org', 'astana@example.org']);
    expect(mails.find((m) => recipient(m) === 'astana@example.org')!.subject).toBe(
      'Cancelled: Earthquake: Astana',
    );
    // Subscribed again for the tests that follow.
    await ctx.db.kysely
      .updateTable('subscribers')
      .set({ status: 'active' })
      .where('id', '=', almaty.subscriber_id)
      .execute();
    tick();
    await expect(
      cancelAlert(ctx, auth1.info, auth1.actor, original, 'again', auth1.code()),
    ).rejects.toMatchObject({
      code: 'alert_closed',
    });
  });

  it('does not send an alert it cannot sign, and shows why', async () => {
    tick();
    const a = await drafted(pio);
    const files = signingKeyFiles(ctx.config, null);
    rmSync(files.key);
    try {
      await expect(
        approveAlert(ctx, auth2.info, auth2.actor, a.id, a.version, auth2.code()),
      ).rejects.toMatchObject({
        code: 'alert_unsigned',
        detail: expect.stringMatching(/not sent because it could not be signed: no signing key is installed/),
      });
      const after = await getAlert(ctx, pio.actor, pio.info, a.id);
      expect(after).toMatchObject({ state: 'awaiting_approval', capIdentifier: null });
      expect(after.signError).toMatch(/no signing key is installed/);
      expect(await fanoutsOf(a.id)).toEqual([]);
    } finally {
      signing.remove();
      signing = installSigningKey(ctx);
    }
    tick();
    const retried = await getAlert(ctx, pio.actor, pio.info, a.id);
    expect(
      await approveAlert(ctx, auth2.info, auth2.actor, a.id, retried.version, auth2.code()),
    ).toMatchObject({ state: 'sent', signError: null });
    await deliver();
    // A Cancel that cannot be signed is not sent either; the alert stays standing and says nothing false.
    tick();
    rmSync(files.certificate);
    try {
      await expect(
        cancelAlert(ctx, auth2.info, auth2.actor, a.id, 'Sent in error', auth2.code()),
      ).rejects.toMatchObject({
        code: 'alert_unsigned',
        detail: expect.stringMatching(/no signing certificate is installed/),
      });
      const thread = await ctx.db.kysely
        .selectFrom('alerts')
        .select('msg_type')
        .where('thread_id', '=', a.id)
        .execute();
      expect(thread.map((r) => r.msg_type)).toEqual(['Alert']);
      expect((await getAlert(ctx, pio.actor, pio.info, a.id)).signError).toBeNull();
      expect(await fanoutsOf(a.id)).toHaveLength(1);
    } finally {
      signing.remove();
      signing = installSigningKey(ctx);
    }
  });

  it('refuses an Exercise alert aimed at the public unless the exercise includes the public', async () => {
    await expect(
      createAlert(
        ctx,
        pio.info,
        pio.actor,
        input({ status: 'Exercise', exerciseId: EXERCISE, audience: 'public' }),
      ),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'audience',
    });
    const ok = await createAlert(
      ctx,
      pio.info,
      pio.actor,
      input({ status: 'Exercise', exerciseId: PUBLIC_EXERCISE, audience: 'public' }),
    );
    expect(ok.audience).toBe('public');
  });

  it('sends an Exercise alert to the exercise’s own recipients only, marked, as exercise traffic', async () => {
    tick();
    const a = await drafted(pio, { status: 'Exercise', exerciseId: EXERCISE });
    expect(a.audience).toBe('exercise');
    expect(a.reach).toEqual({ residents: 0, participants: 1 });
    // An exercise team may approve its own drill alert, still with the role and a second factor.
    await approveAlert(ctx, auth1.info, auth1.actor, a.id, a.version, auth1.code());
    const cap = parseCap(await alertCap(ctx, a.id)).alert;
    expect(cap).toMatchObject({ status: 'Exercise', note: 'EXERCISE: Almaty quake drill' });
    expect((await fanoutsOf(a.id))[0]).toMatchObject({ mode: 'exercise', exercise_id: EXERCISE });
    const mails = await deliver();
    expect(mails.map(recipient)).toEqual(['medics@drill.example.kz']);
    expect(mails[0]!.subject).toMatch(new RegExp(`^${EXERCISE_HEAD} - ЖАТТЫҒУ: EXERCISE: Жер сілкінісі`));
    expect(mails[0]!.text).toContain(`-- ${EXERCISE_HEAD}: Almaty quake drill`);
  });

  it('sends an exercise that includes the public to residents in a circle, always marked', async () => {
    tick();
    const a = await drafted(pio, {
      status: 'Exercise',
      exerciseId: PUBLIC_EXERCISE,
      audience: 'public',
      hazard: 'chemical',
      area: { kind: 'circle', lon: 76.93, lat: 43.25, radiusM: 3000, region: 'KZ-75' },
    });
    await approveAlert(ctx, auth2.info, auth2.actor, a.id, a.version, auth2.code());
    expect((await fanoutsOf(a.id))[0]).toMatchObject({ mode: 'exercise', exercise_id: PUBLIC_EXERCISE });
    const mails = await deliver();
    expect(mails.map(recipient)).toEqual(['almaty@example.org']);
    expect(mails[0]!.subject).toMatch(
      new RegExp(`^${EXERCISE_HEAD} - УЧЕНИЯ: EXERCISE: Химическая опасность`),
    );
    expect(mails[0]!.text).toContain(`-- ${EXERCISE_HEAD}: Almaty city-wide drill`);
  });

  it('finds no path from an exercise to an Actual delivery', async () => {
    // 1. An Actual alert cannot name an exercise.
    await expect(
      createAlert(ctx, pio.info, pio.actor, input({ status: 'Actual', exerciseId: EXERCISE })),
    ).rejects.toMatchObject({
      field: 'exerciseId',
    });
    // 2. An Exercise alert without its exercise is refused: it would be a drill nobody can mark.
    await expect(createAlert(ctx, pio.info, pio.actor, input({ status: 'Exercise' }))).rejects.toMatchObject({
      field: 'exerciseId',
    });
    // 3. Updates and cancellations keep the thread's status and exercise.
    tick();
    const drill = await drafted(pio, { status: 'Exercise', exerciseId: EXERCISE });
    await approveAlert(ctx, auth2.info, auth2.actor, drill.id, drill.version, auth2.code());
    await deliver();
    const upd = await startAlertUpdate(ctx, pio.info, pio.actor, drill.id, { allClear: true });
    expect(upd).toMatchObject({ status: 'Exercise', exerciseId: EXERCISE, hazard: 'all-clear' });
    // 4. The database refuses an Actual row naming an exercise, and an Actual fan-out naming one.
    await expect(
      ctx.db.kysely.updateTable('alerts').set({ status: 'Actual' }).where('id', '=', upd.id).execute(),
    ).rejects.toThrow(/alerts_actual_is_real|CHECK constraint/);
    await expect(
      ctx.db.kysely.transaction().execute((trx) =>
        requestFanOut(ctx, trx, {
          sourceKind: 'alert',
          sourceId: drill.threadId,
          sequence: 9,
          mode: 'actual',
          exerciseId: EXERCISE,
        }),
      ),
    ).rejects.toThrow(/fanouts_actual_is_real|CHECK constraint/);
    // 5. A forged actual fan-out of the drill's message fails in the alert source and sends nothing.
    await ctx.db.kysely.transaction().execute(async (trx) => {
      await trx.deleteFrom('fanouts').where('source_id', '=', drill.threadId).execute();
      await requestFanOut(ctx, trx, {
        sourceKind: 'alert',
        sourceId: drill.threadId,
        sequence: 1,
        mode: 'actual',
      });
    });
    const mails = await deliver();
    expect(mails).toEqual([]);
    const [forged] = await fanoutsOf(drill.threadId);
    expect(forged).toMatchObject({ mode: 'actual', status: 'failed', written: 0 });
    expect(forged!.last_error).toMatch(/is Exercise: it is never sent as actual traffic/);
    const actualToDrill = await ctx.db.kysely
      .selectFrom('deliveries')
      .select('id')
      .where('source_kind', '=', 'alert')
      .where('source_id', 'in', [drill.threadId])
      .where('mode', '=', 'actual')
      .execute();
    expect(actualToDrill).toEqual([]);
  });

  it('tells live screens of every step, scoped like the alert', async () => {
    const events = await ctx.db.kysely
      .selectFrom('events')
      .select(['type', 'permission', 'subject_id', 'exercise_id', 'payload'])
      .where('subject_id', '=', original)
      .where('type', '=', 'alert.changed')
      .orderBy('seq')
      .execute();
    expect(events.map((e) => (JSON.parse(e.payload) as { state: string }).state)).toEqual([
      'draft',
      'awaiting_approval',
      'sent',
    ]);
    expect(events[0]).toMatchObject({ type: 'alert.changed', permission: 'alerts:read', exercise_id: null });
  });

  it('keeps every step in the audit log', async () => {
    const actions = (
      await ctx.db.kysely
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'like', 'alert.%')
        .orderBy('seq')
        .execute()
    ).map((r) => r.action);
    for (const a of [
      'alert.created',
      'alert.submitted',
      'alert.approved',
      'alert.update-started',
      'alert.edited',
      'alert.cancelled',
      'alert.not-signed',
    ])
      expect(actions).toContain(a);
  });

  it('approves an alert for the whole country only when the authoriser names how many people it reaches', async () => {
    tick(60);
    const country: AlertInput['area'] = {
      kind: 'polygon',
      region: 'KZ-75',
      ring: [
        [46.5, 40.5],
        [87.3, 40.5],
        [87.3, 55.4],
        [46.5, 55.4],
        [46.5, 40.5],
      ],
    };
    const a = await drafted(pio, { area: country });
    wide = a.threadId;
    expect(a.coverage.wide).toBe(true);
    expect(a.coverage.areaKm2).toBeGreaterThan(2_000_000);
    const count = a.reach!.residents + a.reach!.participants;
    expect(count).toBeGreaterThan(0);
    for (const wrong of [undefined, count + 1])
      await expect(
        approveAlert(ctx, auth2.info, auth2.actor, a.id, a.version, auth2.code(), wrong),
      ).rejects.toMatchObject({
        code: 'alert_confirm_reach',
        status: 422,
        field: 'confirmReach',
        params: { count: String(count) },
      });
    // Neither refusal spent the authoriser's code, and nothing left.
    expect(await fanoutsOf(a.id)).toEqual([]);
    const sent = await approveAlert(ctx, auth2.info, auth2.actor, a.id, a.version, auth2.code(), count);
    expect(sent.state).toBe('sent');
    // A district's alert needs no such confirmation.
    expect((await drafted(pio)).coverage).toMatchObject({ wide: false });
  });

  it('reports what each message did per channel, as the deliveries themselves say, and tells live screens', async () => {
    const report = await alertDeliveries(ctx, original);
    const rows = await ctx.db.kysely
      .selectFrom('deliveries')
      .selectAll()
      .where('source_kind', '=', 'alert')
      .where('source_id', '=', original)
      .execute();
    const thread = await alertThread(ctx, auth1.actor, auth1.info, original);
    expect(report.messages.map((m) => m.sequence)).toEqual(
      thread.filter((m) => m.state === 'sent').map((m) => m.sequence),
    );
    for (const m of report.messages) {
      const mine = rows.filter((r) => r.sequence === m.sequence);
      expect(m.total).toBe(mine.length);
      const message = thread.find((t) => t.sequence === m.sequence)!;
      // Each message names the area it went to, for the dashboard's map.
      expect(m.area).toEqual(message.area);
      expect(m.areaNames.en).toBe(message.texts.en?.areaDesc);
      const approvedAt = Date.parse(message.approvedAt!);
      for (const c of m.channels) {
        const on = mine.filter((r) => r.channel === c.channel);
        expect(c.sent).toBe(on.filter((r) => r.status === 'sent').length);
        expect(c.failed).toBe(on.filter((r) => r.status === 'dead').length);
        const handed = on
          .map((r) => r.handed_at)
          .filter((h): h is string => h !== null)
          .map(Date.parse);
        expect(c.firstAfterMs).toBe(handed.length ? Math.max(0, Math.min(...handed) - approvedAt) : null);
        expect(c.lastAfterMs).toBe(handed.length ? Math.max(0, Math.max(...handed) - approvedAt) : null);
        // Every accepted delivery sits in exactly one latency bucket, the one its own times give.
        const accepted = on.filter((r) => r.acknowledged_at !== null);
        const expected = Array<number>(report.latencyEdgesS.length + 1).fill(0);
        for (const r of accepted) {
          const s = (Date.parse(r.acknowledged_at!) - approvedAt) / 1000;
          const b = report.latencyEdgesS.findIndex((edge) => s <= edge);
          expected[b === -1 ? report.latencyEdgesS.length : b]!++;
        }
        expect(c.latency).toEqual(expected);
      }
    }
    expect(report.messages[0]!.channels.find((c) => c.channel === 'email')!.sent).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 50)); // the dispatcher announces after its batch
    const told = await ctx.db.kysely
      .selectFrom('events')
      .select(['permission'])
      .where('type', '=', 'alert.deliveries')
      .where('subject_id', '=', original)
      .execute();
    expect(told.length).toBeGreaterThan(0);
    expect(told[0]!.permission).toBe('alerts:read');
  });

  it('shows the real alerts in force on the public site, and never a cancelled one or a drill', async () => {
    const live = await loadLiveAlerts(ctx, now);
    // The original was cancelled; the whole-country alert is in force, in all three languages.
    expect(live.map((a) => a.id)).not.toContain(original);
    const country = live.find((a) => a.id === wide);
    expect(country).toMatchObject({ sender: null, verified: true });
    expect(Object.keys(country!.headline).sort()).toEqual(['en', 'kk', 'ru']);
    const drills = await ctx.db.kysely
      .selectFrom('alerts')
      .select('thread_id')
      .where('status', 'in', ['Exercise', 'Test'])
      .execute();
    expect(drills.length).toBeGreaterThan(0);
    for (const d of drills) expect(live.map((a) => a.id)).not.toContain(d.thread_id);
    // Past its expiry it is gone.
    expect(await loadLiveAlerts(ctx, new Date('2026-11-03T11:00:01.000Z'))).toEqual([]);
  });

  it('previews each channel in each language as people would receive it, drills marked, nothing sent', async () => {
    const before = await ctx.db.kysely
      .selectFrom('deliveries')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    const drill = await drafted(pio, { status: 'Exercise', exerciseId: EXERCISE });
    const items = await previewAlert(ctx, drill.id);
    expect(new Set(items.map((p) => `${p.language}:${p.channel}`)).size).toBe(18);
    for (const p of items) {
      const text = JSON.stringify(p.message);
      expect(text, `${p.language} ${p.channel}`).toContain(EXERCISE_HEAD);
    }
    const sms = items.find((p) => p.channel === 'sms' && p.language === 'ru')!;
    // Cyrillic costs UCS-2: 70 units in one segment, 67 in each of several.
    expect(sms.sms).toMatchObject({ encoding: 'ucs2' });
    expect(sms.sms!.segments).toBe(Math.max(1, Math.ceil(sms.sms!.units / (sms.sms!.units <= 70 ? 70 : 67))));
    // A cell-broadcast page holds 41 UCS-2 characters; the same calculation as the channel's.
    const cb = items.find((p) => p.channel === 'cellbroadcast' && p.language === 'kk')!;
    expect(cb.cellBroadcast).toMatchObject({ encoding: 'ucs2', unitsPerPage: 41 });
    expect(cb.cellBroadcast!.pages).toBe(Math.max(1, Math.ceil(cb.cellBroadcast!.units / 41)));
    // Agencies' systems are shown the body they will receive, with the CAP approval would sign.
    const hook = items.find((p) => p.channel === 'webhook' && p.language === 'en')!.message;
    expect(hook).toMatchObject({
      kind: 'webhook',
      body: { type: 'alert', status: 'Exercise', exercise: true },
    });
    expect(String((hook as WebhookMessage).body.cap)).toContain('<status>Exercise</status>');
    const actual = await drafted(pio);
    const real = await previewAlert(ctx, actual.id);
    for (const p of real) expect(JSON.stringify(p.message)).not.toContain(EXERCISE_HEAD);
    const realHook = real.find((p) => p.channel === 'webhook' && p.language === 'kk')!
      .message as WebhookMessage;
    expect(realHook.body.language).toBe('kk');
    expect(String(realHook.body.cap)).toContain('<status>Actual</status>');
    expect(String(realHook.body.cap)).not.toContain('Signature');
    expect(real.find((p) => p.channel === 'siren' && p.language === 'kk')!.message).toMatchObject({
      kind: 'siren',
      action: 'activate',
    });
    const after = await ctx.db.kysely
      .selectFrom('deliveries')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(after!.n)).toBe(Number(before!.n));
  });
});
