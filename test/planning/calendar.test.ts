import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/engines.js';
import { openPlanningHarness, seedKaraganda, type PlanningHarness, type SeededExercise } from './harness.js';
import { children, parseIcs, prop, unfold, type IcsComponent } from './ical.js';

describe.each(ENGINES)('iCalendar feeds on %s', (engine) => {
  let h: PlanningHarness;
  let seed: SeededExercise;
  let feed = '';
  let tokenId = '';

  beforeAll(async () => {
    h = await openPlanningHarness(engine);
    seed = await seedKaraganda(h);
  });
  afterAll(async () => h?.close());

  const fetchFeed = async (path: string): Promise<IcsComponent> => {
    const res = await h.call(null, 'GET', path);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    for (const line of res.body.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    return parseIcs(res.body);
  };
  const events = (cal: IcsComponent) =>
    Object.fromEntries(children(cal, 'VEVENT').map((e) => [prop(e, 'UID')!.value, e]));

  it('issues a feed token once and serves the exercise with VTIMEZONE, local DTSTART and GEO', async () => {
    const created = await h.ok('player', 'POST', `/api/v1/exercises/${seed.exerciseId}/calendar-token`);
    expect(created.token).toMatch(/^dabylcal_/);
    tokenId = created.id;
    feed = created.path as string;
    expect((await h.ok('player', 'GET', '/api/v1/calendar-tokens')).items).toEqual([
      expect.not.objectContaining({ token: expect.anything() }),
    ]);
    const cal = await fetchFeed(feed);
    expect(cal.type).toBe('VCALENDAR');
    expect(prop(cal, 'VERSION')!.value).toBe('2.0');
    const [tz] = children(cal, 'VTIMEZONE');
    expect(prop(tz!, 'TZID')!.value).toBe('Asia/Almaty');
    expect(children(tz!, 'STANDARD').map((s) => prop(s, 'TZOFFSETTO')!.value)).toContain('+0500');
    const byUid = events(cal);
    const main = byUid[`${seed.exerciseId}@dabyl`]!;
    expect(prop(main, 'DTSTART')).toEqual({
      name: 'DTSTART',
      params: { TZID: 'Asia/Almaty' },
      value: '20261025T090000',
    });
    expect(prop(main, 'DTEND')!.value).toBe('20261025T170000');
    expect(prop(main, 'SEQUENCE')!.value).toBe('0');
    expect(prop(main, 'DTSTAMP')!.value).toMatch(/^\d{8}T\d{6}Z$/);
    expect(prop(main, 'LOCATION')!.value).toContain('Karaganda correctional colony');
    expect(prop(main, 'GEO')!.value).toBe('49.8047;73.0867');
    const closure = byUid[`${seed.zoneId}@dabyl`]!;
    // In the subscriber's language: the harness's users read Kazakh.
    expect(prop(closure, 'SUMMARY')!.value).toContain('Жол жабылады: Bukhar-Zhyrau Ave');
    expect(prop(closure, 'DTSTART')!.value).toBe('20261025T083000');
    // The scenario is the controllers' secret; a feed any participant can read must not carry it.
    expect(unfold((await h.call(null, 'GET', feed)).body).join('\n')).not.toContain('SECRET-SCENARIO');
  });

  it('keeps UIDs and SEQUENCE stable across regenerations and bumps SEQUENCE after an edit', async () => {
    const before = events(await fetchFeed(feed));
    const again = events(await fetchFeed(feed));
    expect(Object.keys(again).sort()).toEqual(Object.keys(before).sort());
    for (const uid of Object.keys(before)) expect(prop(again[uid]!, 'SEQUENCE')!.value).toBe('0');
    const ex = await h.ok('planner', 'GET', `/api/v1/exercises/${seed.exerciseId}`);
    await h.ok('planner', 'PATCH', `/api/v1/exercises/${seed.exerciseId}`, {
      version: ex.version,
      endex: '2026-10-25T18:00:00+05:00',
    });
    await h.ok('planner', 'PUT', `/api/v1/exercises/${seed.exerciseId}/zones/${seed.zoneId}`, {
      name: 'Bukhar-Zhyrau Ave closed',
      kind: 'road-closure',
      road: 'Bukhar-Zhyrau Ave',
      geometry: {
        type: 'LineString',
        coordinates: [
          [73.09, 49.8],
          [73.11, 49.81],
        ],
      },
      startsAt: '2026-10-25T08:00:00+05:00',
      endsAt: '2026-10-25T13:00:00+05:00',
    });
    const after = events(await fetchFeed(feed));
    expect(prop(after[`${seed.exerciseId}@dabyl`]!, 'SEQUENCE')!.value).toBe('1');
    expect(prop(after[`${seed.exerciseId}@dabyl`]!, 'DTEND')!.value).toBe('20261025T180000');
    expect(prop(after[`${seed.zoneId}@dabyl`]!, 'SEQUENCE')!.value).toBe('1');
    expect(prop(after[`${seed.zoneId}@dabyl`]!, 'DTSTART')!.value).toBe('20261025T080000');
    expect(prop(events(await fetchFeed(feed))[`${seed.zoneId}@dabyl`]!, 'SEQUENCE')!.value).toBe('1');
  });

  it('serves a programme feed with the same UIDs', async () => {
    const created = await h.ok('controller', 'POST', `/api/v1/programmes/${seed.programmeId}/calendar-token`);
    const cal = await fetchFeed(created.path as string);
    expect(Object.keys(events(cal))).toEqual(
      expect.arrayContaining([`${seed.exerciseId}@dabyl`, `${seed.zoneId}@dabyl`]),
    );
  });

  it('answers 404 to wrong, guessed and revoked tokens, and audits the refusal', async () => {
    expect((await h.call(null, 'GET', '/api/v1/calendar/nonsense.ics')).statusCode).toBe(404);
    const forged = feed.replace(/_[A-Za-z0-9_-]{43}\.ics$/, `_${'A'.repeat(43)}.ics`);
    expect((await h.call(null, 'GET', forged)).statusCode).toBe(404);
    expect((await h.call('controller', 'DELETE', `/api/v1/calendar-tokens/${tokenId}`)).statusCode).toBe(404);
    expect((await h.call('player', 'DELETE', `/api/v1/calendar-tokens/${tokenId}`)).statusCode).toBe(204);
    expect((await h.call(null, 'GET', feed)).statusCode).toBe(404);
    const audit = await h.ctx.db.kysely
      .selectFrom('audit_log')
      .select(['action'])
      .where('subject_id', '=', tokenId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'calendar.token_created',
        'calendar.feed_read',
        'calendar.token_revoked',
        'calendar.feed_refused',
      ]),
    );
    const stored = await h.ctx.db.kysely
      .selectFrom('feed_tokens')
      .selectAll()
      .where('id', '=', tokenId)
      .executeTakeFirstOrThrow();
    expect(feed).not.toContain(stored.secret_hash);
  });
});
