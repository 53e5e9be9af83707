import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/engines.js';
import { expectRefusedPerRole } from '../support/refusals.js';
import { openPlanningHarness, seedKaraganda, type PlanningHarness } from './harness.js';

/**
 * The exercise's phone book through the API, on both engines: planners and those who run the
 * exercise add and remove the ways a person is reached; each address is checked in its channel's
 * own way and refused with its field named; those who may not see how people are reached (players,
 * observers) cannot read it; the audit log keeps who changed what but never the address.
 */
describe.each(ENGINES)('the exercise phone book on %s', (engine) => {
  let h: PlanningHarness;
  let base: string;
  let personId: string;

  beforeAll(async () => {
    h = await openPlanningHarness(engine);
    const { exerciseId } = await seedKaraganda(h);
    base = `/api/v1/exercises/${exerciseId}`;
    const plan = await h.ok('planner', 'GET', `${base}/plan`);
    personId = (plan.people as { id: string; name: string }[]).find((p) => p.name === 'Timur Akhmetov')!.id;
  }, 60_000);
  afterAll(() => h.close());

  it('takes an e-mail, a phone number and a webhook, each in its own form', async () => {
    const url = `${base}/people/${personId}/contacts`;
    const mail = await h.ok('planner', 'POST', url, {
      channel: 'email',
      address: '  Timur.Akhmetov@Police.example.kz ',
      language: 'ru',
    });
    expect(mail).toMatchObject({
      channel: 'email',
      address: 'timur.akhmetov@police.example.kz',
      name: 'Timur Akhmetov',
    });
    // Those who run the exercise fix a number on the morning of the drill.
    const phone = await h.ok('controller', 'POST', url, {
      channel: 'sms',
      address: '+7 (701) 555-12-34',
      language: 'kk',
    });
    expect(phone.address).toBe('+77015551234');
    await h.ok('director', 'POST', url, {
      channel: 'webhook',
      address: 'https://dispatch.police.example.kz/dabyl',
      language: 'en',
    });
    const book = await h.ok('evaluator', 'GET', `${base}/phone-book`);
    expect((book.items as { channel: string }[]).map((c) => c.channel).sort()).toEqual([
      'email',
      'sms',
      'webhook',
    ]);
  });

  it('refuses a bad address, naming the field and the problem, in the reader’s language', async () => {
    const url = `${base}/people/${personId}/contacts`;
    const cases: [unknown, number, string, RegExp][] = [
      [{ channel: 'email', address: '<script>@x', language: 'ru' }, 422, 'address', /not an e-mail address/],
      [{ channel: 'sms', address: 'call me', language: 'ru' }, 422, 'address', /not a phone number/],
      [
        { channel: 'webhook', address: 'http://dispatch.example.kz/', language: 'ru' },
        422,
        'address',
        /https/,
      ],
      [{ channel: 'webhook', address: 'https://10.0.0.7/hook', language: 'ru' }, 422, 'address', /private/],
      [{ channel: 'pigeon', address: 'roof', language: 'ru' }, 422, 'channel', /email, sms, webhook/],
      [{ channel: 'email', address: 'a@b.kz', language: 'de' }, 422, 'language', /kk, ru, en/],
      [
        { channel: 'email', address: 'timur.akhmetov@police.example.kz', language: 'ru' },
        409,
        'address',
        /already/,
      ],
    ];
    for (const [body, status, field, text] of cases) {
      const res = await h.call('planner', 'POST', url, body);
      expect(res.statusCode, res.body).toBe(status);
      const problem = res.json() as { field?: string; detail: string };
      expect(problem.field).toBe(field);
      expect(problem.detail).toMatch(text);
    }
    const russian = await h.call(
      'planner',
      'POST',
      url,
      { channel: 'sms', address: 'call me', language: 'ru' },
      { 'accept-language': 'ru' },
    );
    expect((russian.json() as { detail: string }).detail).toMatch(/не номер телефона/);
    const book = await h.ok('planner', 'GET', `${base}/phone-book`);
    expect(book.items).toHaveLength(3);
  });

  it('is read and changed only by those who prepare or run the play', async () => {
    await expectRefusedPerRole(
      h.call,
      ['player', 'observer'],
      [
        ['GET', `${base}/phone-book`],
        [
          'POST',
          `${base}/people/${personId}/contacts`,
          { channel: 'email', address: 'intruder@example.kz', language: 'en' },
        ],
      ],
    );
    const evaluatorAdds = await h.call('evaluator', 'POST', `${base}/people/${personId}/contacts`, {
      channel: 'email',
      address: 'evaluator@example.kz',
      language: 'en',
    });
    expect(evaluatorAdds.statusCode).toBe(403);
    expect((await h.call(null, 'GET', `${base}/phone-book`)).statusCode).toBe(401);
  });

  it('removes a contact, and keeps who did what in the audit log without the address', async () => {
    const book = await h.ok('planner', 'GET', `${base}/phone-book`);
    const sms = (book.items as { id: string; channel: string }[]).find((c) => c.channel === 'sms')!;
    expect((await h.call('player', 'DELETE', `${base}/phone-book/${sms.id}`)).statusCode).toBe(403);
    expect((await h.call('controller', 'DELETE', `${base}/phone-book/${sms.id}`)).statusCode).toBe(204);
    expect((await h.call('controller', 'DELETE', `${base}/phone-book/${sms.id}`)).statusCode).toBe(404);
    const entries = await h.ctx.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', 'in', ['contact.added', 'contact.removed'])
      .orderBy('seq')
      .execute();
    expect(entries.map((e) => e.action)).toEqual([
      'contact.added',
      'contact.added',
      'contact.added',
      'contact.removed',
    ]);
    for (const e of entries) expect(e.detail).not.toMatch(/@|\+7701|https:/);
  });
});
