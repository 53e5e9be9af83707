import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { solveChallenge } from '../../src/core/comment/proof-of-work.js';
import type { NoticeSnapshot } from '../../src/core/notice/notice.js';
import { buildApp } from '../../src/http/app.js';
import { SYSTEM_ACTOR, type AppContext } from '../../src/services/context.js';
import { createUser } from '../../src/services/users.service.js';
import { noticeRepository } from '../../src/store/notice.repository.js';
import { openTestRuntime, type EngineName } from '../support/engines.js';

const PASSWORD = 'comment harness passphrase';
export type Who = 'pio' | 'admin' | 'player' | 'planner';

export interface CommentHarness {
  app: FastifyInstance;
  ctx: AppContext;
  /** A published notice (cancelled when asked), written straight into the tables; returns its id. */
  addNotice(slug: string, opts?: { cancelled?: boolean }): Promise<string>;
  /** A freshly issued challenge and its solution, as the browser would send them. */
  solved(): Promise<{ challenge: string; nonce: string }>;
  /** Posts the public comment form from `ip`; the proof-of-work is solved unless given. */
  post(
    slug: string,
    fields: Record<string, string>,
    opts?: { ip?: string; lang?: string; pow?: { challenge: string; nonce: string } | null },
  ): Promise<LightMyRequestResponse>;
  api(
    as: Who | null,
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    payload?: unknown,
    opts?: { csrf?: boolean },
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function openCommentHarness(engine: EngineName): Promise<CommentHarness> {
  const rt = await openTestRuntime(engine);
  const ctx = rt.ctx;
  const roles: Who[] = ['pio', 'admin', 'player', 'planner'];
  for (const role of roles)
    await createUser(ctx, SYSTEM_ACTOR, null, {
      username: `${role}.user`,
      displayName: `${role} user`,
      password: PASSWORD,
      grants: [{ role }],
    });
  const { app } = await buildApp(ctx, { logger: false });
  const sessions = new Map<Who, { cookie: string; csrf: string }>();
  for (const role of roles) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: `${role}.user`, password: PASSWORD },
    });
    const c = res.cookies.find((k) => k.name === 'dabyl_session')!;
    sessions.set(role, {
      cookie: `${c.name}=${c.value}`,
      csrf: (res.json() as { csrfToken: string }).csrfToken,
    });
  }

  const solved = async () => {
    const res = await app.inject({ method: 'GET', url: '/portal/challenge' });
    const c = res.json() as { challenge: string; difficulty: number };
    return { challenge: c.challenge, nonce: solveChallenge(c.challenge, c.difficulty) };
  };

  return {
    app,
    ctx,
    async addNotice(slug, opts = {}) {
      const id = randomUUID();
      const now = new Date();
      const startsAt = new Date(now.getTime() + 86_400_000).toISOString();
      const endsAt = new Date(now.getTime() + 2 * 86_400_000).toISOString();
      const snapshot: NoticeSnapshot = {
        id,
        slug,
        exerciseId: null,
        city: 'Astana',
        timeZone: 'Asia/Almaty',
        startsAt,
        endsAt,
        texts: {
          ru: {
            title: `Учения ${slug}`,
            summary: 'Учения.',
            seeAndHear: 'Сирены.',
            doList: [],
            dontList: [],
            contacts: '112',
          },
          en: {
            title: `Drill ${slug}`,
            summary: 'A drill.',
            seeAndHear: 'Sirens.',
            doList: [],
            dontList: [],
            contacts: '112',
          },
        },
        areas: [],
      };
      const kinds = opts.cancelled ? ['Alert', 'Cancel'] : ['Alert'];
      await noticeRepository.insert(ctx.db.kysely, {
        id,
        exercise_id: null,
        slug,
        status: opts.cancelled ? 'cancelled' : 'published',
        city: 'Astana',
        time_zone: 'Asia/Almaty',
        starts_at: startsAt,
        ends_at: endsAt,
        texts: JSON.stringify(snapshot.texts),
        areas: '[]',
        revision: kinds.length,
        version: 1,
        created_by: null,
        submitted_by: null,
        submitted_at: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      });
      for (const [i, kind] of kinds.entries())
        await noticeRepository.insertRevision(ctx.db.kysely, {
          notice_id: id,
          revision: i + 1,
          kind,
          snapshot: JSON.stringify(snapshot),
          note: null,
          cap_identifier: `urn:test:${id}:${i + 1}`,
          cap_xml: '<alert/>',
          drafted_by: 'a',
          published_by: 'b',
          published_at: now.toISOString(),
        });
      return id;
    },
    solved,
    async post(slug, fields, opts = {}) {
      const pow = opts.pow === undefined ? await solved() : opts.pow;
      const form = new URLSearchParams({ website: '', ...(pow ?? {}), ...fields });
      return app.inject({
        method: 'POST',
        url: `/${opts.lang ?? 'ru'}/notices/${encodeURIComponent(slug)}/comments`,
        remoteAddress: opts.ip ?? '203.0.113.7',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: form.toString(),
      });
    },
    api(as, method, url, payload, opts = {}) {
      const s = as ? sessions.get(as) : undefined;
      return app.inject({
        method,
        url,
        headers: s ? { cookie: s.cookie, ...(opts.csrf === false ? {} : { 'x-csrf-token': s.csrf }) } : {},
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    },
    async close() {
      await app.close();
      await rt.drop();
    },
  };
}
