import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXERCISE_HEAD } from '../../src/core/outbox/traffic.js';
import { FanOutWorker } from '../../src/jobs/fanout.worker.js';
import { OutboxDispatcher } from '../../src/jobs/outbox.dispatcher.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { setItemStatus } from '../../src/services/improvement/changes.service.js';
import { createItem } from '../../src/services/improvement/items.service.js';
import { remindOverdue } from '../../src/services/improvement/reminders.service.js';
import type { Actor } from '../../src/core/policy/policy.js';
import { ENGINES } from '../support/engines.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';
import { openImprovementWorld, type ImprovementWorld } from './fixture.js';

const director: Actor = {
  userId: 'd',
  grants: [{ role: 'director', organisationId: null, exerciseId: null }],
};
const recipients = (mails: { to?: unknown }[]) => mails.map((m) => (m.to as { text: string }).text).sort();

describe.each(ENGINES)('reminders of overdue improvement items on %s', (engine) => {
  let w: ImprovementWorld;
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    w = await openImprovementWorld(engine, { smtpUrl: smtp.url });
  }, 120_000);
  afterAll(async () => {
    await w?.close();
    await smtp?.close();
  });

  it('reminds the owner by e-mail and in the console, and the organisation’s contact, once a day', async () => {
    const base = {
      exerciseId: w.autumn,
      capabilityId: w.capability,
      element: 'training',
      issue: 'Crews did not know the casualty collection point',
      organisationId: w.orgB,
      startOn: '2026-11-01',
    };
    const late = await createItem(w.ctx, SYSTEM_ACTOR, director, {
      ...base,
      correctiveAction: 'Brief every crew on the collection point before the next drill',
      owner: { userId: w.users.get('owner-b') },
      contactEmail: 'duty@medics.example.kz',
      dueOn: '2026-11-30',
    });
    // Not late yet (due today), and late but finished: neither is reminded of.
    const dueToday = await createItem(w.ctx, SYSTEM_ACTOR, director, {
      ...base,
      correctiveAction: 'Due today',
      owner: { name: 'Someone' },
      contactEmail: 'today@medics.example.kz',
      dueOn: '2026-12-03',
    });
    const done = await createItem(w.ctx, SYSTEM_ACTOR, director, {
      ...base,
      correctiveAction: 'Already done',
      owner: { name: 'Someone' },
      contactEmail: 'done@medics.example.kz',
      dueOn: '2026-11-15',
    });
    await setItemStatus(w.ctx, SYSTEM_ACTOR, director, done.id, { status: 'completed' });

    const fanOut = new FanOutWorker(w.ctx);
    const dispatcher = new OutboxDispatcher(w.ctx);
    expect(await remindOverdue(w.ctx)).toBe(1);
    // The job runs hourly and on every instance: the same day asks again and nothing more goes out.
    expect(await remindOverdue(w.ctx)).toBe(1);
    await fanOut.drain();
    expect(await dispatcher.drain()).toBe(3);
    const mails = await smtp.waitFor(2);
    expect(recipients(mails)).toEqual(['duty@medics.example.kz', 'owner-b@medics.example.kz']);
    const owner = mails.find((m) => recipients([m])[0] === 'owner-b@medics.example.kz')!;
    // The owner reads Russian; the reminder is marked, so nobody takes it for a real alert.
    expect(owner.subject).toContain('Срок корректирующего действия истёк');
    expect(owner.subject).toContain(EXERCISE_HEAD);
    expect(owner.text).toContain('просрочено на 3 дн.');
    expect(owner.text).toContain(`/console/improvement?item=${late.id}`);
    const contact = mails.find((m) => recipients([m])[0] === 'duty@medics.example.kz')!;
    expect(contact.subject).toContain('Түзету әрекетінің мерзімі өтті');
    const inbox = await w.ctx.db.kysely
      .selectFrom('inbox_messages')
      .selectAll()
      .where('source_kind', '=', 'improvement')
      .execute();
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ user_id: w.users.get('owner-b'), source_id: late.id });

    // A day later the first is still late (one more reminder, the day counted) and the second is late too.
    w.clock.at += 86_400_000;
    expect(await remindOverdue(w.ctx)).toBe(2);
    await fanOut.drain();
    await dispatcher.drain();
    const next = (await smtp.waitFor(5)).slice(2);
    expect(recipients(next)).toEqual([
      'duty@medics.example.kz',
      'owner-b@medics.example.kz',
      'today@medics.example.kz',
    ]);
    expect(next.some((m) => m.text?.includes('просрочено на 4 дн.'))).toBe(true);

    // Completed or cancelled: no more reminders.
    await setItemStatus(w.ctx, SYSTEM_ACTOR, director, late.id, { status: 'completed' });
    await setItemStatus(w.ctx, SYSTEM_ACTOR, director, dueToday.id, { status: 'cancelled' });
    w.clock.at += 86_400_000;
    expect(await remindOverdue(w.ctx)).toBe(0);
    const fanouts = await w.ctx.db.kysely
      .selectFrom('fanouts')
      .select('id')
      .where('source_kind', '=', 'improvement')
      .execute();
    expect(fanouts.map((f) => f.id).sort()).toEqual(
      [
        `improvement-${late.id}-20261203`,
        `improvement-${late.id}-20261204`,
        `improvement-${dueToday.id}-20261204`,
      ].sort(),
    );
  });
});
