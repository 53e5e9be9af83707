import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Actor } from '../../src/core/policy/policy.js';
import { ROUTE_SCOPES, verdictFor, type RouteScope } from '../../src/core/policy/scope.js';
import { ALMATY_AREA_NAMES, ALMATY_POLYGON } from '../../src/core/alert/testing.js';
import { HIDDEN_AS } from '../../src/http/route-scope.js';
import { commentRepository } from '../../src/store/comment.repository.js';
import { deliveryRepository } from '../../src/store/delivery.repository.js';
import { fanOutRepository } from '../../src/store/fanout.repository.js';
import { ENGINES } from '../support/engines.js';
import { openScopesHarness, type ScopesHarness, type Where, type Who } from './scopes-harness.js';

const FAKE_ID = '00000000-0000-4000-8000-000000000000';
/** Every kind of route that acts on one record, or on what all share; lists are tested on their own. */
const OWNED: readonly RouteScope[] = ROUTE_SCOPES.filter((s) => s !== 'filtered' && s !== 'none');

/**
 * Route × role × scope, through real HTTP: every route that acts on something an organisation owns
 * (or that belongs to none), called by every role scoped to the owner, scoped to another
 * organisation and unscoped, answers as the generated table (docs/access.md) says.
 */
describe.each(ENGINES)('route × role × scope on %s', (engine) => {
  let h: ScopesHarness;
  const ids = new Map<RouteScope, string>();
  let fanOutId = '';
  beforeAll(async () => {
    h = await openScopesHarness(engine);
    const notice = await h.ok('a-pio', 'POST', '/api/v1/notices', { exerciseId: h.exerciseId });
    ids.set('exercise', h.exerciseId);
    ids.set('notice', notice.id);
    // Drafted by a PIO scoped to A: the alert is A's, and so is the key it would be signed with.
    const alert = await h.ok('a-pio', 'POST', '/api/v1/alerts', {
      status: 'Actual',
      hazard: 'earthquake',
      area: ALMATY_POLYGON,
      areaNames: ALMATY_AREA_NAMES,
      expiresAt: '2026-10-10T12:00:00.000Z',
    });
    expect(alert.organisationId).toBe(h.orgA);
    ids.set('alert', alert.id);
    const commentId = randomUUID();
    await commentRepository.insert(h.ctx.db.kysely, {
      id: commentId,
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
    ids.set('comment', commentId);
    ids.set('user', h.users.get('a-player')!);
    ids.set('organisation', h.orgA);
    // A's alert went out and one of its e-mails kept failing: a dead letter of A's, with a resident's address.
    fanOutId = `alert-${alert.id}-1`;
    const at = '2026-10-10T06:00:00.000Z';
    await fanOutRepository.insert(h.ctx.db.kysely, {
      id: fanOutId,
      source_kind: 'alert',
      source_id: alert.id,
      sequence: 1,
      mode: 'actual',
      exercise_id: null,
      priority: 0,
      status: 'failed',
      created_at: at,
    });
    const deliveryId = randomUUID();
    await deliveryRepository.insertMany(h.ctx.db.kysely, h.ctx.db.engine, [
      {
        id: deliveryId,
        source_kind: 'alert',
        source_id: alert.id,
        sequence: 1,
        recipient_kind: 'subscriber',
        recipient_id: 'resident-a',
        channel: 'email',
        address: 'resident.a@example.kz',
        language: 'ru',
        mode: 'actual',
        exercise_id: null,
        priority: 0,
        status: 'dead',
        next_attempt_at: at,
        created_at: at,
      },
    ]);
    ids.set('delivery', deliveryId);
  }, 120_000);
  afterAll(async () => h?.close());

  it('imports a bundle as an exercise of the importer’s organisation, never one led by an organisation they do not act for', async () => {
    const bundle = await h.ok('u-planner', 'GET', `/api/v1/exercises/${h.exerciseId}/bundle`);
    expect((bundle.exercise as { leadOrganisationId: string }).leadOrganisationId).toBe(h.orgA);
    const lead = async (who: Who) => {
      const res = await h.call(who, 'POST', '/api/v1/exercises/import-bundle', bundle);
      expect(res.statusCode, who).toBe(201);
      const id = (res.json() as { id: string }).id;
      return (await h.ok('u-planner', 'GET', `/api/v1/exercises/${id}`)).leadOrganisationId;
    };
    expect(await lead('b-planner')).toBe(h.orgB);
    expect(await lead('a-planner')).toBe(h.orgA);
    expect(await lead('u-planner')).toBe(h.orgA);
  });

  it('keeps an alert in its organisation: drafted only for its own, listed and acted on only there', async () => {
    const body = {
      status: 'Actual',
      hazard: 'fire',
      area: ALMATY_POLYGON,
      areaNames: ALMATY_AREA_NAMES,
      expiresAt: '2026-10-10T12:00:00.000Z',
    };
    const elsewhere = await h.call('a-pio', 'POST', '/api/v1/alerts', { ...body, organisationId: h.orgB });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json()).toMatchObject({ code: 'out_of_scope', field: 'organisationId' });
    const alertId = ids.get('alert')!;
    const listed = async (who: Who) =>
      ((await h.ok(who, 'GET', '/api/v1/alerts')).items as { id: string }[]).map((a) => a.id);
    expect(await listed('a-authoriser')).toContain(alertId);
    expect(await listed('u-authoriser')).toContain(alertId);
    expect(await listed('b-authoriser')).not.toContain(alertId);
    // Another organisation's authoriser cannot even learn of it, let alone approve or cancel it.
    for (const [method, url] of [
      ['GET', `/api/v1/alerts/${alertId}/cap`],
      ['GET', `/api/v1/alerts/${alertId}/deliveries`],
      ['POST', `/api/v1/alerts/${alertId}/cancel`],
    ] as const) {
      const res = await h.call('b-authoriser', method, url, method === 'POST' ? { reason: 'x' } : undefined);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
  });

  it('keeps the outbox in its organisation: another’s traffic is neither counted, listed nor retried', async () => {
    const deliveryId = ids.get('delivery')!;
    const dead = async (who: Who) =>
      ((await h.ok(who, 'GET', '/api/v1/outbox/dead')).items as { id: string; address: string }[]).map(
        (d) => d.id,
      );
    const fanOuts = async (who: Who) =>
      ((await h.ok(who, 'GET', '/api/v1/outbox/fanouts')).items as { id: string }[]).map((f) => f.id);
    const deadOnEmail = async (who: Who) =>
      (
        (await h.ok(who, 'GET', '/api/v1/outbox')).channels as { name: string; counts: { dead: number } }[]
      ).find((c) => c.name === 'email')?.counts.dead;
    expect(await dead('a-pio')).toContain(deliveryId);
    expect(await dead('u-pio')).toContain(deliveryId);
    expect(await dead('b-pio')).not.toContain(deliveryId);
    expect(await fanOuts('a-pio')).toContain(fanOutId);
    expect(await fanOuts('b-pio')).not.toContain(fanOutId);
    expect(await deadOnEmail('a-pio')).toBeGreaterThanOrEqual(1);
    expect(await deadOnEmail('b-pio')).toBe(0);
    // A bulk retry by B's PIO takes B's dead letters only: A's stays dead.
    const bulk = await h.ok('b-pio', 'POST', '/api/v1/outbox/dead/retry', { channel: 'email' });
    expect(bulk.retried).toBe(0);
    expect((await deliveryRepository.byId(h.ctx.db.kysely, deliveryId))?.status).toBe('dead');
    for (const url of [
      `/api/v1/outbox/deliveries/${deliveryId}/retry`,
      `/api/v1/outbox/fanouts/${fanOutId}/retry`,
    ]) {
      const res = await h.call('b-pio', 'POST', url, {});
      expect(res.statusCode, url).toBe(404);
    }
    expect((await deliveryRepository.byId(h.ctx.db.kysely, deliveryId))?.status).toBe('dead');
  });

  it('keeps the audit log in its organisation: a scoped reader sees what concerns their own only', async () => {
    const alertId = ids.get('alert')!;
    const subjects = async (who: Who, url = '/api/v1/audit?limit=500') =>
      ((await h.ok(who, 'GET', url)).items as { subjectType: string; subjectId: string }[]).map(
        (e) => `${e.subjectType}:${e.subjectId}`,
      );
    const about = [`alert:${alertId}`, `exercise:${h.exerciseId}`, `user:${h.users.get('a-player')!}`];
    const unscoped = await subjects('u-authoriser');
    const own = await subjects('a-authoriser');
    const other = await subjects('b-authoriser');
    for (const s of about) {
      expect(unscoped, s).toContain(s);
      expect(own, s).toContain(s);
      expect(other, s).not.toContain(s);
    }
    expect(other).toContain(`user:${h.users.get('b-player')!}`);
    expect(other).not.toContain(`user:${h.users.get('u-player')!}`);
    // The dashboard's recent activity is read through the same filter.
    const recent = (await h.ok('b-director', 'GET', '/api/v1/dashboard')).recentAudit as {
      subjectId: string;
    }[];
    expect(recent.map((e) => e.subjectId)).not.toContain(alertId);
  });

  it('tells each reader only the dashboard figures their grants reach: a player learns none', async () => {
    const board = async (who: Who) =>
      (await h.ok(who, 'GET', '/api/v1/dashboard')) as unknown as {
        counts: Record<string, number>;
        recentAudit?: unknown[];
      };
    const player = await board('a-player');
    expect(player.counts).toEqual({});
    expect(player).not.toHaveProperty('recentAudit');
    // Scoped: the list of organisations is everyone's to read; the installation's people and log are not theirs to count.
    const authoriser = await board('a-authoriser');
    expect(Object.keys(authoriser.counts)).toEqual(['organisations']);
    expect(authoriser.recentAudit).toBeInstanceOf(Array);
    const admin = await board('u-admin');
    expect(Object.keys(admin.counts).sort()).toEqual([
      'activeSessions',
      'auditEntries',
      'organisations',
      'users',
    ]);
    expect(admin.recentAudit!.length).toBeGreaterThan(0);
  });

  it('answers every organisation-owned and shared route as the policy says, for each role and scope', async () => {
    const routes = h.routes.filter((r) => OWNED.includes(r.scope));
    expect(routes.length).toBeGreaterThan(40);
    const grantsAt = { a: h.orgA, b: h.orgB, u: null } as const;
    const mismatches: string[] = [];
    for (const route of routes) {
      const url = route.url
        .replace(':id', route.url.includes('/fanouts/') ? fanOutId : (ids.get(route.scope) ?? FAKE_ID))
        .replace(':file', 'x')
        .replace(/:[A-Za-z]+/g, FAKE_ID);
      for (const role of ROLES)
        for (const where of ['a', 'b', 'u'] as const satisfies readonly Where[]) {
          const actor: Actor = {
            userId: 'x',
            grants: [{ role, organisationId: grantsAt[where] === null ? null : 'org-own', exerciseId: null }],
          };
          // The table's "other organisation" column is a grant elsewhere than the owner.
          if (where === 'b') actor.grants = [{ role, organisationId: 'org-other', exerciseId: null }];
          const expected = verdictFor(route.access, route.scope, actor, 'org-own');
          const res = await h.call(`${where}-${role}`, route.method as 'GET', url);
          const hiddenDetail = `${HIDDEN_AS[route.scope] ?? 'That'} was not found`;
          const hidden =
            res.statusCode === 404 && (res.json() as { detail?: string }).detail === hiddenDetail;
          // The route let them in when the refusal is the player view's or the survey's own: no seat in this exercise.
          const seatless =
            res.statusCode === 403 &&
            ['not_a_player', 'not_a_participant'].includes((res.json() as { code?: string }).code ?? '');
          const got = res.statusCode === 403 && !seatless ? 'forbidden' : hidden ? 'hidden' : 'allow';
          if (got !== expected)
            mismatches.push(
              `${route.method} ${route.url} as ${where}-${role} → ${res.statusCode} (${got}), table says ${expected}`,
            );
        }
    }
    expect(mismatches).toEqual([]);
  }, 300_000);
});
