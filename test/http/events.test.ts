/**
 * The live event stream against a real listening server, on SQLite and PostgreSQL: what each
 * reader may see, resuming with Last-Event-ID and ?after= without a gap, the reset past the
 * retention, and a reader whose access is taken away while connected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { buildApp } from '../../src/http/app.js';
import { openRuntime } from '../../src/runtime.js';
import { createToken, principalForUsername } from '../../src/services/auth.service.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { publishEvent, pruneEvents } from '../../src/services/events/events.service.js';
import { createOrganisation } from '../../src/services/organisations.service.js';
import { createExercise } from '../../src/services/planning/exercises.service.js';
import { setParticipation } from '../../src/services/planning/plan.service.js';
import { createUser, getUser, revokeRole } from '../../src/services/users.service.js';
import { openCommentHarness, type CommentHarness } from '../comments/harness.js';
import { ENGINES } from '../support/engines.js';
import { openSse, type SseFrame } from '../support/sse.js';
import { testDatabaseUrl } from '../setup/engines.js';

const data = (f: SseFrame) =>
  JSON.parse(f.data) as { seq: number; subjectId: string | null; payload: object };
const ids = (frames: SseFrame[]) => frames.filter((f) => f.event !== 'reset').map((f) => Number(f.id));

describe.each(ENGINES)('GET /api/v1/events on %s', (engine) => {
  let h: CommentHarness;
  let base: string;
  const cookieOf = async (username: string, password: string) => {
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    expect(res.status).toBe(200);
    return {
      cookie: res.headers.get('set-cookie')!.split(';')[0]!,
      csrf: ((await res.json()) as { csrfToken: string }).csrfToken,
    };
  };
  const stream = (headers: Record<string, string>, query = '') =>
    openSse(`${base}/api/v1/events${query}`, headers);
  let sent = 0;
  // Each from its own address and e-mail, so the per-sender rate limits never refuse one.
  const comment = async (body: string) => {
    sent++;
    const email = `reader${sent}@example.kz`;
    const res = await h.post('events-drill', { name: 'Aigerim', email, body }, { ip: `203.0.113.${sent}` });
    expect(res.statusCode).toBe(303);
  };

  beforeAll(async () => {
    h = await openCommentHarness(engine);
    await h.addNotice('events-drill');
    base = await h.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => h.close());

  it('refuses a reader who is not signed in', async () => {
    const anonymous = await stream({});
    expect(anonymous.status).toBe(401);
  });

  it('streams a posted comment to a moderator, and only what each reader’s grants and token allow', async () => {
    const pio = await cookieOf('pio.user', 'comment harness passphrase');
    const owner = await principalForUsername(h.ctx, 'pio.user');
    const outboxOnly = await createToken(h.ctx, owner, {
      name: 'wall',
      scopes: ['outbox:manage'],
      expiresInDays: 1,
    });
    const moderator = await stream({ cookie: pio.cookie });
    const wall = await stream({ authorization: `Bearer ${outboxOnly.token}` });
    expect([moderator.status, wall.status]).toEqual([200, 200]);

    await comment('Will the streets near the EXPO be closed?');
    await publishEvent(h.ctx, { type: 'outbox.changed', payload: { channel: 'email' } });

    const [posted, changed] = await moderator.waitFor(2);
    expect(posted).toMatchObject({ event: 'comment.posted' });
    expect(data(posted!)).toMatchObject({
      subjectId: expect.any(String),
      payload: { noticeId: expect.any(String) },
    });
    expect(JSON.stringify(data(posted!))).not.toContain('@example.kz');
    expect(changed).toMatchObject({ event: 'outbox.changed' });
    // The token's scopes leave out comments: the first thing it sees is the outbox change.
    const [first] = await wall.waitFor(1);
    expect(first).toMatchObject({ event: 'outbox.changed', id: changed!.id });
    moderator.close();
    wall.close();
  });

  it('resumes from Last-Event-ID or ?after= with every later event, none twice, in order', async () => {
    const pio = await cookieOf('pio.user', 'comment harness passphrase');
    const live = await stream({ cookie: pio.cookie });
    for (let n = 0; n < 3; n++) await publishEvent(h.ctx, { type: 'outbox.changed', payload: { n } });
    const seen = ids(await live.waitFor(2));
    live.close();
    await comment('First question after the reader left');
    await comment('Second question after the reader left');
    const resumed = await stream({ cookie: pio.cookie, 'last-event-id': String(seen[0]) });
    const after = await stream({ cookie: pio.cookie }, `?after=${seen[0]}`);
    const got = ids(await resumed.waitFor(3));
    const expected = Array.from({ length: got.length }, (_, i) => seen[0]! + 1 + i);
    expect(got).toEqual(expected);
    expect(resumed.frames.slice(-2).map((f) => f.event)).toEqual(['comment.posted', 'comment.posted']);
    expect(ids(await after.waitFor(got.length))).toEqual(expected);
    resumed.close();
    after.close();
  });

  it('tells a reader to reload when its resume point is older than the retention, then carries on', async () => {
    const pio = await cookieOf('pio.user', 'comment harness passphrase');
    await publishEvent(h.ctx, { type: 'outbox.changed', payload: { before: 'prune' } });
    await pruneEvents(h.ctx, -1);
    const late = await stream({ cookie: pio.cookie, 'last-event-id': '1' });
    const [reset] = await late.waitFor(1);
    expect(reset).toMatchObject({ event: 'reset', data: '{"reason":"expired"}' });
    await comment('After the reset');
    const [, next] = await late.waitFor(2);
    expect(next).toMatchObject({ event: 'comment.posted', id: String(Number(reset!.id) + 1) });
    late.close();
  });

  it('shows an exercise’s NO PLAY to a controller of every organisation taking part, and no other', async () => {
    const org = async (name: string) =>
      (await createOrganisation(h.ctx, SYSTEM_ACTOR, { name, kind: 'police' })).id;
    const [lead, taking, apart] = [await org('Lead police'), await org('Rescue'), await org('Elsewhere')];
    const ex = await createExercise(h.ctx, SYSTEM_ACTOR, {
      name: 'Stream scope drill',
      type: 'drill',
      timeZone: 'Asia/Almaty',
      startex: '2026-12-20T09:00:00+05:00',
      endex: '2026-12-20T12:00:00+05:00',
      leadOrganisationId: lead,
    });
    const anyone = {
      userId: 'system',
      grants: [{ role: 'admin' as const, organisationId: null, exerciseId: null }],
    };
    await setParticipation(h.ctx, SYSTEM_ACTOR, anyone, ex.id, {
      organisationId: taking,
      extentOfPlay: 'full',
    });
    const controller = async (username: string, organisationId: string) => {
      await createUser(h.ctx, SYSTEM_ACTOR, null, {
        username,
        displayName: username,
        password: 'stream scope passphrase',
        grants: [{ role: 'controller', organisationId }],
      });
      return cookieOf(username, 'stream scope passphrase');
    };
    const ofTaking = await stream({ cookie: (await controller('taking.controller', taking)).cookie });
    const ofApart = await stream({ cookie: (await controller('apart.controller', apart)).cookie });
    await publishEvent(h.ctx, {
      type: 'no_play.changed',
      organisationId: lead,
      exerciseId: ex.id,
      subjectType: 'exercise',
      subjectId: ex.id,
      payload: { on: true },
    });
    // Then one for the other organisation's own readers: events arrive in order, so if the first
    // reached them it would come before this one.
    await publishEvent(h.ctx, {
      type: 'no_play.changed',
      organisationId: apart,
      payload: { marker: true },
    });
    const [stop] = await ofTaking.waitFor(1);
    expect(stop).toMatchObject({ event: 'no_play.changed' });
    expect(data(stop!)).toMatchObject({ subjectId: ex.id, payload: { on: true } });
    const [first] = await ofApart.waitFor(1);
    expect(data(first!)).toMatchObject({ payload: { marker: true } });
    ofTaking.close();
    ofApart.close();
  });

  it('stops sending to a reader whose role is revoked while connected, and ends when they sign out', async () => {
    await h.api('admin', 'POST', '/api/v1/users', {
      username: 'leaving.pio',
      displayName: 'Leaving PIO',
      password: 'leaving pio passphrase',
      grants: [{ role: 'pio' }],
    });
    const leaving = await cookieOf('leaving.pio', 'leaving pio passphrase');
    const admin = await cookieOf('admin.user', 'comment harness passphrase');
    const reader = await stream({ cookie: leaving.cookie });
    const witness = await stream({ cookie: admin.cookie });
    await comment('Seen by both');
    const [before] = await reader.waitFor(1);
    expect(before).toMatchObject({ event: 'comment.posted' });

    const user = await getUser(h.ctx, (await principalForUsername(h.ctx, 'leaving.pio')).user.id);
    const adminActor = (await principalForUsername(h.ctx, 'admin.user')).actor;
    await revokeRole(h.ctx, SYSTEM_ACTOR, adminActor, user.id, user.grants[0]!.id);
    await comment('Posted after the revocation');
    const out = await fetch(`${base}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { cookie: leaving.cookie, 'x-csrf-token': leaving.csrf },
    });
    expect(out.status).toBe(204);
    await publishEvent(h.ctx, { type: 'outbox.changed', payload: { after: 'sign-out' } });

    // The witness sees all three; the reader's stream ends without the two after its revocation.
    const seen = await witness.waitFor(3);
    expect(seen.slice(-3).map((f) => f.event)).toEqual([
      'comment.posted',
      'comment.posted',
      'outbox.changed',
    ]);
    await reader.ended;
    expect(reader.frames).toEqual([before]);
    witness.close();
  });
});

// Two instances, each with its users' sign-ins hashed: slow on a loaded machine, hence the time allowed.
describe('the event stream across API processes on postgres', { timeout: 120_000 }, () => {
  it('delivers to a reader on one instance what was written through another', async () => {
    const h = await openCommentHarness('postgres');
    const config = loadConfig({ DABYL_LOG_LEVEL: 'silent', DABYL_DATABASE_URL: testDatabaseUrl() });
    const other = await openRuntime(config, { schema: h.ctx.db.schema!, migrate: false });
    const reading = await buildApp(other.ctx, { logger: false });
    try {
      await h.addNotice('two-processes');
      const base = await reading.app.listen({ port: 0, host: '127.0.0.1' });
      const login = await reading.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'pio.user', password: 'comment harness passphrase' },
      });
      const cookie = login.cookies.find((c) => c.name === 'dabyl_session')!;
      const reader = await openSse(`${base}/api/v1/events`, { cookie: `${cookie.name}=${cookie.value}` });
      // Written through the first instance (its own pool and listener), read from the second.
      const res = await h.post('two-processes', {
        name: 'Daniyar',
        email: 'd@example.kz',
        body: 'Is it a drill?',
      });
      expect(res.statusCode).toBe(303);
      const [frame] = await reader.waitFor(1);
      expect(frame).toMatchObject({ event: 'comment.posted' });
      reader.close();
    } finally {
      await reading.app.close();
      await other.close();
      await h.close();
    }
  });
});
