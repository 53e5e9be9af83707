import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { ALMATY_AREA_NAMES, ALMATY_POLYGON } from '../../src/core/alert/testing.js';
import { PatchedIndex } from '../../src/services/subscriptions/place-index.js';
import { FanOutWorker } from '../../src/jobs/fanout.worker.js';
import { OutboxDispatcher } from '../../src/jobs/outbox.dispatcher.js';
import { contextFor } from '../../src/runtime.js';
import {
  approveAlert,
  createAlert,
  editAlert,
  getAlert,
  listAlerts,
  startAlertUpdate,
  submitAlert,
  type AlertInput,
} from '../../src/services/alerts/alerts.service.js';
import type { Alert } from '../../src/services/alerts/alert.model.js';
import type { AppContext } from '../../src/services/context.js';
import { confirmSubscription, subscribe } from '../../src/services/subscriptions/subscriptions.service.js';
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
 * The reach an alert shows before approval, on both engines: people, not contacts; counted once
 * per alert for as long as nothing it is counted from changes (the console lists alerts on every
 * refresh), afresh as soon as the subscribers, the area or an earlier message's fan-out change;
 * and always afresh when an authoriser approves an alert for a wide area.
 */

const EXERCISE = '7d1f0c8e-3a52-4b7f-9c4e-2f6a1b9d0101';
const COUNTRY: AlertInput['area'] = {
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

describe.each(ENGINES)('the reach of an alert awaiting approval on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let smtp: TestSmtp;
  let now = new Date('2026-11-03T05:00:10.000Z');
  let pio: Person;
  let auth: Person;
  let signing: ReturnType<typeof installSigningKey>;
  let dispatcher: OutboxDispatcher;
  /** Each time the place index is searched: what counting an alert's residents costs. */
  let searches: MockInstance<PatchedIndex['matchEach']>;
  const tick = (seconds = 30) => (now = new Date(now.getTime() + seconds * 1000));

  const input = (over: Partial<AlertInput> = {}): AlertInput => ({
    status: 'Actual',
    hazard: 'earthquake',
    area: ALMATY_POLYGON,
    areaNames: ALMATY_AREA_NAMES,
    expiresAt: '2026-11-03T11:00:00.000Z',
    ...over,
  });

  async function drafted(over: Partial<AlertInput> = {}) {
    const a = await createAlert(ctx, pio.info, pio.actor, input(over));
    return submitAlert(ctx, pio.info, pio.actor, a.id, a.version);
  }

  async function resident(email: string, place: object) {
    const before = smtp.mails.length;
    await subscribe(ctx, { email, name: 'Resident', language: 'ru', places: [place as { placeId: string }] });
    await dispatcher.drain();
    const [mail]: ParsedMail[] = (await smtp.waitFor(before + 1)).slice(before);
    const token = /\/subscribe\/confirm\?token=([A-Za-z0-9_-]{43})/.exec(mail!.text ?? '')![1]!;
    await confirmSubscription(ctx, token);
  }

  const list = () => listAlerts(ctx, auth.actor, auth.info);
  /** The alerts of a list whose residents are counted: public ones not yet approved. */
  const counting = (alerts: Alert[]) =>
    alerts.filter((a) => a.audience === 'public' && (a.state === 'draft' || a.state === 'awaiting_approval'));

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
    auth = await makePerson(ctx, 'auth', 'authoriser');
    signing = installSigningKey(ctx);
    await insertDrill(ctx, { id: EXERCISE, name: 'Almaty quake drill', includesPublic: false, at: now });
    // One medic reached by e-mail and SMS, and the medics' shared mailbox, which is nobody's.
    const contact = (id: string, personId: string | null, channel: string, address: string) => ({
      id,
      exercise_id: EXERCISE,
      person_id: personId,
      name: personId ? 'Aigerim Medic' : 'Medics',
      channel,
      address,
      language: 'kk',
      verified_at: now.toISOString(),
      created_at: now.toISOString(),
    });
    await ctx.db.kysely
      .insertInto('exercise_contacts')
      .values([
        contact('c-medic-mail', 'p-medic', 'email', 'aigerim@drill.example.kz'),
        contact('c-medic-sms', 'p-medic', 'sms', '+77011234567'),
        contact('c-medics', null, 'email', 'medics@drill.example.kz'),
      ])
      .execute();
    await resident('almaty@example.org', INSIDE_ALMATY);
    await resident('astana@example.org', { placeId: 'astana' });
    searches = vi.spyOn(PatchedIndex.prototype, 'matchEach');
  });
  afterAll(async () => {
    searches.mockRestore();
    await ctx.channels.close();
    await smtp.close();
    signing.remove();
    await drop();
  });

  it('counts an exercise’s people, not their contacts: a medic on e-mail and SMS is one', async () => {
    const a = await drafted({ status: 'Exercise', exerciseId: EXERCISE });
    expect(a.reach).toEqual({ residents: 0, participants: 2 });
  });

  it('lists awaiting alerts without counting their residents again while the subscribers stay as they were', async () => {
    const drafts = [await drafted(), await drafted(), await drafted()];
    for (const d of drafts) expect(d.reach).toEqual({ residents: 1, participants: 0 });
    searches.mockClear();
    const first = await list();
    await list();
    for (const d of drafts) await getAlert(ctx, auth.actor, auth.info, d.id);
    expect(searches).not.toHaveBeenCalled();
    for (const d of drafts)
      expect(first.find((a) => a.id === d.id)!.reach).toEqual({ residents: 1, participants: 0 });
  });

  it('counts each alert once more when a new resident in the area confirms, and shows the new count', async () => {
    tick();
    await resident('almaty-2@example.org', INSIDE_ALMATY);
    searches.mockClear();
    const shown = await list();
    const counted = counting(shown);
    expect(counted.length).toBeGreaterThanOrEqual(3);
    expect(searches).toHaveBeenCalledTimes(counted.length);
    for (const a of counted) expect(a.reach).toEqual({ residents: 2, participants: 0 });
    await list();
    expect(searches).toHaveBeenCalledTimes(counted.length);
  });

  it('counts a draft afresh once its area moves', async () => {
    const a = await createAlert(ctx, pio.info, pio.actor, input());
    expect(a.reach).toEqual({ residents: 2, participants: 0 });
    tick();
    const moved = await editAlert(ctx, pio.info, pio.actor, a.id, a.version, {
      area: ASTANA_SQUARE,
      areaNames: { en: 'Astana' },
    });
    expect(moved.reach).toEqual({ residents: 1, participants: 0 });
    expect((await list()).find((x) => x.id === a.id)!.reach).toEqual({ residents: 1, participants: 0 });
  });

  it('checks the count afresh when an authoriser approves an alert for the whole country', async () => {
    const a = await drafted({ area: COUNTRY });
    const shown = (await list()).find((x) => x.id === a.id)!.reach!;
    expect(shown).toEqual({ residents: 3, participants: 0 });
    // Someone subscribes between the authoriser's look and their approval.
    tick();
    await resident('karaganda@example.org', { placeId: 'karaganda' });
    searches.mockClear();
    await expect(
      approveAlert(ctx, auth.info, auth.actor, a.id, a.version, auth.code(), 3),
    ).rejects.toMatchObject({ code: 'alert_confirm_reach', params: { count: '4' } });
    expect(searches).toHaveBeenCalled();
    expect((await list()).find((x) => x.id === a.id)!.reach).toEqual({ residents: 4, participants: 0 });
    // A count kept by the list is not what approval reads: it searches again.
    searches.mockClear();
    tick();
    const sent = await approveAlert(ctx, auth.info, auth.actor, a.id, a.version, auth.code(), 4);
    expect(sent.state).toBe('sent');
    expect(searches).toHaveBeenCalled();
  });

  it('counts an Update afresh as the original’s fan-out writes whom it reached', async () => {
    const original = await drafted();
    tick();
    await approveAlert(ctx, auth.info, auth.actor, original.id, original.version, auth.code());
    const started = await startAlertUpdate(ctx, pio.info, pio.actor, original.id);
    const update = await editAlert(ctx, pio.info, pio.actor, started.id, started.version, {
      area: ASTANA_SQUARE,
      areaNames: { en: 'Astana' },
    });
    // Nobody has been written as reached by the original yet: only the resident in Astana.
    expect(update.reach).toEqual({ residents: 1, participants: 0 });
    await new FanOutWorker(ctx).drain();
    // Now the two residents in Almaty who got the original are reached by its Update too.
    expect((await getAlert(ctx, auth.actor, auth.info, update.id)).reach).toEqual({
      residents: 3,
      participants: 0,
    });
  });
});
