import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canSeeEvent } from '../../src/core/policy/events.js';
import { ROLES, type Role } from '../../src/core/policy/policy.js';
import { commentRepository } from '../../src/store/comment.repository.js';
import { ENGINES } from '../support/engines.js';
import {
  CONTACT,
  openScopesHarness,
  PARTICIPATION_NOTE,
  SCENARIO,
  THREAT,
  TRUSTED_PEOPLE,
  VISIBLE_PEOPLE,
  ZONE_NOTE,
  type ScopesHarness,
} from './scopes-harness.js';

interface PlanView {
  exercise: { threat: string | null; scenario: string | null };
  zones: { notes: string | null }[];
  organisations: { notes: string | null }[];
  people: { name: string; contact: string | null; userId: string | null }[];
}

const TRUSTED: readonly Role[] = ['admin', 'director', 'planner', 'controller', 'evaluator'];
/** What each role may see of the people, written out here rather than read from the policy. */
const PEOPLE_SEEN: Record<Role, readonly string[]> = {
  admin: [...TRUSTED_PEOPLE, ...VISIBLE_PEOPLE],
  director: [...TRUSTED_PEOPLE, ...VISIBLE_PEOPLE],
  planner: [...TRUSTED_PEOPLE, ...VISIBLE_PEOPLE],
  controller: [...TRUSTED_PEOPLE, ...VISIBLE_PEOPLE],
  evaluator: [...TRUSTED_PEOPLE, ...VISIBLE_PEOPLE],
  player: VISIBLE_PEOPLE,
  observer: VISIBLE_PEOPLE,
  pio: [],
  authoriser: [],
};

const RU_TEXT = {
  title: 'Антитеррористические учения в Караганде',
  summary: '25 октября в Караганде пройдут плановые учения.',
  seeAndHear: 'Сирены, вооружённые подразделения, дым, вертолёты.',
  doList: ['Объезжайте перекрытые улицы'],
  dontList: ['Не звоните 112 из-за учений'],
  contacts: 'Штаб: +7 7212 00 00 00',
};

describe.each(ENGINES)('organisation scopes and per-role fields (%s)', (engine) => {
  let h: ScopesHarness;
  let plan: string;
  beforeAll(async () => {
    h = await openScopesHarness(engine);
    plan = `/api/v1/exercises/${h.exerciseId}/plan`;
  }, 120_000);
  afterAll(async () => h?.close());

  it('shows each role, scoped to the lead organisation or unscoped, only its fields and people of the plan', async () => {
    for (const role of ROLES)
      for (const where of ['a', 'u'] as const) {
        const who = `${where}-${role}` as const;
        const p = (await h.ok(who, 'GET', plan)) as unknown as PlanView;
        const trusted = TRUSTED.includes(role);
        expect(p.exercise.threat, who).toBe(trusted ? THREAT : null);
        expect(p.exercise.scenario, who).toBe(trusted ? SCENARIO : null);
        expect(
          p.zones.map((z) => z.notes),
          who,
        ).toEqual([trusted ? ZONE_NOTE : null]);
        expect(
          p.organisations.map((o) => o.notes),
          who,
        ).toEqual([trusted ? PARTICIPATION_NOTE : null]);
        expect(p.people.map((x) => x.name).sort(), who).toEqual([...PEOPLE_SEEN[role]].sort());
        for (const x of p.people) expect(x.contact, who).toBe(trusted ? CONTACT : null);
        const body = JSON.stringify(p);
        if (!trusted)
          for (const secret of [...TRUSTED_PEOPLE, THREAT, SCENARIO, ZONE_NOTE])
            expect(body).not.toContain(secret);
        const one = (await h.ok(
          who,
          'GET',
          `/api/v1/exercises/${h.exerciseId}`,
        )) as unknown as PlanView['exercise'];
        expect(one.threat, who).toBe(trusted ? THREAT : null);
        const list = (await h.ok(who, 'GET', '/api/v1/exercises')) as unknown as {
          items: PlanView['exercise'][];
        };
        expect(
          list.items.map((x) => x.threat),
          who,
        ).toEqual([trusted ? THREAT : null]);
      }
  });

  it('writes documents and calendar feeds with nothing a role may not see, for every role', async () => {
    const e = `/api/v1/exercises/${h.exerciseId}`;
    for (const role of ROLES) {
      const who = `a-${role}` as const;
      const trusted = TRUSTED.includes(role);
      // The ExPlan is the players' document whoever asks; the SitMan and handbook are the trusted roles'.
      const explan = await h.call(who, 'GET', `${e}/documents/explan.html?lang=en`);
      expect(explan.statusCode, who).toBe(200);
      for (const secret of [...TRUSTED_PEOPLE, THREAT, SCENARIO, ZONE_NOTE, CONTACT])
        expect(explan.body, `${who} ExPlan`).not.toContain(secret);
      expect(explan.body).toContain('Safety Officer Aigerim');
      for (const file of ['sitman.html', 'handbook.html'])
        expect(
          (await h.call(who, 'GET', `${e}/documents/${file}?lang=en`)).statusCode,
          `${who} ${file}`,
        ).toBe(trusted ? 200 : 403);
      for (const path of ['msel', 'bundle', 'participants/export'])
        expect((await h.call(who, 'GET', `${e}/${path}`)).statusCode, `${who} ${path}`).toBe(
          trusted ? 200 : 403,
        );
      const token = await h.ok(who, 'POST', `${e}/calendar-token`);
      const feed = await h.call(null, 'GET', token.path as string);
      expect(feed.statusCode, who).toBe(200);
      expect(feed.body, `${who} feed`).not.toContain(ZONE_NOTE);
      expect(feed.body).toContain('Bukhar-Zhyrau Ave');
    }
  });

  it('refuses a player of another organisation the exercise and its plan, and leaves it out of the list', async () => {
    for (const role of ROLES) {
      const who = `b-${role}` as const;
      expect((await h.call(who, 'GET', plan)).statusCode, who).toBe(404);
      expect((await h.call(who, 'GET', `/api/v1/exercises/${h.exerciseId}`)).statusCode, who).toBe(404);
      const list = (await h.ok(who, 'GET', '/api/v1/exercises')) as unknown as { items: unknown[] };
      expect(list.items, who).toEqual([]);
    }
  });

  it('lets a participating organisation read the exercise, but not plan it', async () => {
    await h.ok('a-planner', 'PUT', `/api/v1/exercises/${h.exerciseId}/organisations`, {
      organisationId: h.orgB,
      extentOfPlay: 'limited',
    });
    const p = (await h.ok('b-player', 'GET', plan)) as unknown as PlanView;
    expect(p.exercise.threat).toBeNull();
    // The player's way in is the player view; the control room is not theirs.
    expect((p.exercise as unknown as { access: unknown }).access).toMatchObject({
      play: true,
      conduct: false,
      readControllerSide: false,
    });
    // What the console offers follows the server's answer for this exercise, scope applied.
    const mine = (await h.ok('a-planner', 'GET', plan)) as unknown as { exercise: { access: unknown } };
    expect(mine.exercise.access).toEqual({
      plan: true,
      readControllerSide: true,
      approveMsel: false,
      recordObservations: false,
      readObservations: false,
      conduct: false,
      play: false,
    });
    const theirs = (await h.ok('b-planner', 'GET', plan)) as unknown as { exercise: { access: unknown } };
    expect(theirs.exercise.access).toEqual({
      plan: false,
      readControllerSide: true,
      approveMsel: false,
      recordObservations: false,
      readObservations: false,
      conduct: false,
      play: false,
    });
    expect(p.people.map((x) => x.name).sort()).toEqual([...VISIBLE_PEOPLE].sort());
    const r = await h.call('b-planner', 'PATCH', `/api/v1/exercises/${h.exerciseId}`, {
      version: 1,
      name: 'Taken over',
    });
    expect(r.statusCode).toBe(403);
    const ex = await h.ok('a-planner', 'GET', `/api/v1/exercises/${h.exerciseId}`);
    expect(ex.name).toBe('Karaganda counter-terrorism exercise');
  });

  it('refuses a scoped planner an exercise led by another organisation, and leads their own by default', async () => {
    const body = {
      name: 'Pavlodar power plant drill',
      type: 'drill',
      timeZone: 'Asia/Almaty',
      startex: '2026-10-21T09:00:00+05:00',
      endex: '2026-10-21T13:00:00+05:00',
    };
    const r = await h.call('a-planner', 'POST', '/api/v1/exercises', { ...body, leadOrganisationId: h.orgB });
    expect(r.statusCode).toBe(403);
    expect(r.json()).toMatchObject({ code: 'out_of_scope', field: 'leadOrganisationId' });
    const own = await h.ok('b-planner', 'POST', '/api/v1/exercises', body);
    expect(own.leadOrganisationId).toBe(h.orgB);
    const any = await h.ok('u-planner', 'POST', '/api/v1/exercises', { ...body, leadOrganisationId: h.orgB });
    expect(any.leadOrganisationId).toBe(h.orgB);
    const p = await h.call('a-planner', 'POST', '/api/v1/programmes', {
      name: 'B series',
      sponsorOrganisationId: h.orgB,
    });
    expect(p.statusCode).toBe(403);
  });

  it('refuses a scoped planner renaming a built-in core capability; an unscoped one may', async () => {
    const rename = {
      name: 'Renamed for everyone',
      missionArea: 'response',
      description: 'Changed by one organisation',
    };
    const url = '/api/v1/core-capabilities/operational-coordination';
    for (const who of ['a-planner', 'a-director', 'a-admin'] as const)
      expect((await h.call(who, 'PUT', url, rename)).statusCode, who).toBe(403);
    expect((await h.call('a-planner', 'POST', '/api/v1/core-capabilities', rename)).statusCode).toBe(403);
    const caps = (await h.ok('a-planner', 'GET', '/api/v1/core-capabilities')) as unknown as {
      items: { id: string; name: string }[];
    };
    expect(caps.items.find((c) => c.id === 'operational-coordination')!.name).not.toBe(rename.name);
    await h.ok('u-planner', 'PUT', url, { ...rename, name: 'Operational Coordination' });
    // The console offers the edit only to whom the server would allow it.
    const scoped = await h.ok('a-planner', 'GET', '/api/v1/auth/session');
    expect(scoped.permissions).toContain('catalogue:manage');
    expect(scoped.everywhere).not.toContain('catalogue:manage');
    expect((await h.ok('u-planner', 'GET', '/api/v1/auth/session')).everywhere).toContain('catalogue:manage');
  });

  it('lists to a scoped planner only the users of their organisation', async () => {
    const list = (await h.ok('a-planner', 'GET', '/api/v1/users')) as unknown as {
      items: { username: string }[];
    };
    const names = list.items.map((u) => u.username);
    expect(names.length).toBe(ROLES.length);
    expect(names.every((n) => n.startsWith('a-'))).toBe(true);
    expect((await h.call('a-planner', 'GET', `/api/v1/users/${h.users.get('b-player')}`)).statusCode).toBe(
      404,
    );
    expect((await h.call('a-planner', 'GET', `/api/v1/users/${h.users.get('a-player')}`)).statusCode).toBe(
      200,
    );
    const all = (await h.ok('u-planner', 'GET', '/api/v1/users')) as unknown as { items: unknown[] };
    expect(all.items.length).toBe(3 * ROLES.length);
    // A scoped administrator manages only their own organisation's people.
    const r = await h.call('a-admin', 'PATCH', `/api/v1/users/${h.users.get('b-player')}`, {
      displayName: 'x',
    });
    expect(r.statusCode).toBe(404);
    await h.ok('a-admin', 'PATCH', `/api/v1/users/${h.users.get('a-player')}`, { displayName: 'a-player' });
  });

  it('keeps a notice to its organisation: another organisation’s PIO cannot edit it, nor its authoriser cancel it', async () => {
    const N = '/api/v1/notices';
    let notice = await h.ok('a-pio', 'POST', N, { exerciseId: h.exerciseId });
    expect(notice.organisationId).toBe(h.orgA);
    const areas = (notice.areas as { kind: string }[]).map((a) => ({
      ...a,
      texts: {
        ru: { name: 'Улица у вокзала', description: a.kind === 'closure' ? 'От площади до моста.' : '' },
      },
    }));
    notice = await h.ok('a-pio', 'PATCH', `${N}/${notice.id}`, {
      version: notice.version,
      texts: { ru: RU_TEXT },
      areas,
    });
    const edit = await h.call('b-pio', 'PATCH', `${N}/${notice.id}`, {
      version: notice.version,
      texts: { ru: { ...RU_TEXT, title: 'Hijacked' } },
    });
    expect(edit.statusCode).toBe(404);
    expect((await h.call('b-pio', 'GET', `${N}/${notice.id}`)).statusCode).toBe(404);
    const bList = (await h.ok('b-pio', 'GET', N)) as unknown as { items: unknown[] };
    expect(bList.items).toEqual([]);
    notice = await h.ok('a-pio', 'POST', `${N}/${notice.id}/submit`, { version: notice.version });
    expect(
      (await h.call('b-authoriser', 'POST', `${N}/${notice.id}/publish`, { version: notice.version }))
        .statusCode,
    ).toBe(404);
    notice = await h.ok('a-authoriser', 'POST', `${N}/${notice.id}/publish`, { version: notice.version });
    expect(notice.status).toBe('published');
    const cancel = await h.call('b-authoriser', 'POST', `${N}/${notice.id}/cancel`, {
      version: notice.version,
      reason: 'Cancelled by another organisation',
    });
    expect(cancel.statusCode).toBe(404);
    const still = await h.ok('a-pio', 'GET', `${N}/${notice.id}`);
    expect(still.status).toBe('published');
    expect(still.title ?? (still.texts as { ru: { title: string } }).ru.title).toBe(RU_TEXT.title);
    // An unscoped authoriser acts everywhere.
    const done = await h.ok('u-authoriser', 'POST', `${N}/${notice.id}/cancel`, {
      version: notice.version,
      reason: 'The drill is called off',
    });
    expect(done.status).toBe('cancelled');
  });

  it('keeps comments to the moderators of their notice’s organisation', async () => {
    const notice = await h.ok('a-pio', 'POST', '/api/v1/notices', { exerciseId: h.exerciseId });
    const id = randomUUID();
    await commentRepository.insert(h.ctx.db.kysely, {
      id,
      notice_id: notice.id,
      name: 'Resident',
      email: 'resident@example.kz',
      email_hash: 'e'.repeat(64),
      client_hash: 'c'.repeat(64),
      language: 'ru',
      body: 'Will bus 12 run?',
      status: 'pending',
      reason: null,
      moderated_by: null,
      moderated_at: null,
      created_at: '2026-10-10T06:00:00.000Z',
    });
    const theirs = (await h.ok('b-pio', 'GET', '/api/v1/comments')) as unknown as { items: unknown[] };
    expect(theirs.items).toEqual([]);
    expect(await h.ok('b-pio', 'GET', '/api/v1/comments/counts')).toMatchObject({ pending: 0 });
    expect((await h.call('b-pio', 'POST', `/api/v1/comments/${id}/approve`)).statusCode).toBe(404);
    const mine = (await h.ok('a-pio', 'GET', '/api/v1/comments')) as unknown as { items: { id: string }[] };
    expect(mine.items.map((c) => c.id)).toEqual([id]);
    expect(await h.ok('a-pio', 'GET', '/api/v1/comments/counts')).toMatchObject({ pending: 1 });
    await h.ok('a-pio', 'POST', `/api/v1/comments/${id}/approve`);
    // The live stream tells of it inside the notice's organisation only.
    const event = await h.ctx.db.kysely
      .selectFrom('events')
      .selectAll()
      .where('type', '=', 'comment.moderated')
      .where('subject_id', '=', id)
      .executeTakeFirstOrThrow();
    const seen = (organisationId: string) =>
      canSeeEvent(
        { userId: 'x', grants: [{ role: 'pio', organisationId, exerciseId: null }] },
        {
          permission: event.permission,
          organisationId: event.organisation_id,
          exerciseId: event.exercise_id,
        },
      );
    expect([seen(h.orgA), seen(h.orgB)]).toEqual([true, false]);
  });
});
