import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCap } from '../../src/cap/parse.js';
import { verifyAudit } from '../../src/services/audit.service.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { expireNotices } from '../../src/services/notices/notices.service.js';
import {
  getPublicNotice,
  listPublicNotices,
  publicState,
} from '../../src/services/notices/public-notices.service.js';
import { portalGeneration } from '../../src/services/portal/generation.js';
import { ENGINES } from '../support/engines.js';
import { openNoticesHarness, RU_TEXT, seedExercise, type NoticesHarness } from './harness.js';

interface Notice {
  id: string;
  slug: string;
  status: string;
  version: number;
  revision: number;
  startsAt: string;
  endsAt: string;
  city: string | null;
  texts: Record<string, { title: string }>;
  areas: {
    id: string;
    kind: string;
    texts: Record<string, { name: string; description: string }>;
    zoneId: string | null;
    startsAt: string | null;
    endsAt: string | null;
    geometry: unknown;
  }[];
  languages: Record<string, string>;
  problems: { path: string }[];
  actions: Record<string, { allowed: boolean; code?: string; reason?: string }>;
  revisions: { revision: number; kind: string; note: string | null; publishedBy: string | null }[];
}

const N = '/api/v1/notices';

/** Every area given its public words in `langs`, as the PIO writes them before submitting. */
const withPlaceWords = (areas: Notice['areas'], langs: string[]) =>
  areas.map((a, i) => ({
    ...a,
    texts: {
      ...a.texts,
      ...Object.fromEntries(
        langs.map((l) => [
          l,
          { name: `Place ${i + 1} (${l})`, description: a.kind === 'closure' ? 'From A to B' : '' },
        ]),
      ),
    },
  }));

describe.each(ENGINES)('notices through the API on %s', (engine) => {
  let h: NoticesHarness;
  let exerciseId: string;
  let closureId: string;
  let notice: Notice;

  beforeAll(async () => {
    h = await openNoticesHarness(engine, '2026-10-10T06:00:00Z');
    ({ exerciseId, closureId } = await seedExercise(h));
  });
  afterAll(async () => h?.close());

  const as = async (res: Promise<{ statusCode: number; json(): unknown; body: string }>) => {
    const r = await res;
    return { status: r.statusCode, body: r.json() as Record<string, unknown> };
  };

  it('creates a draft from an exercise: its zones for the public, their windows, its city and window', async () => {
    notice = (await h.ok('pioA', 'POST', N, { exerciseId })) as unknown as Notice;
    expect(notice.status).toBe('draft');
    expect(notice.city).toBe('Karaganda');
    // The closure starts at 08:30, before STARTEX: the notice's window covers it.
    expect(notice.startsAt).toBe('2026-10-25T03:30:00.000Z');
    expect(notice.endsAt).toBe('2026-10-25T12:00:00.000Z');
    // Shapes and times only: the zones' internal names and roads stay with the exercise.
    expect(notice.areas.map((a) => [a.kind, a.texts])).toEqual([
      ['area', {}],
      ['closure', {}],
    ]);
    expect(JSON.stringify(notice)).not.toMatch(/Prison perimeter cordon|Bukhar-Zhyrau Ave/);
    const closure = notice.areas.find((a) => a.kind === 'closure')!;
    expect(closure.zoneId).toBe(closureId);
    expect(closure.startsAt).toBe('2026-10-25T03:30:00.000Z');
    expect(notice.languages).toEqual({ kk: 'missing', ru: 'missing', en: 'missing' });
    expect(notice.problems.map((p) => p.path)).toEqual(['texts']);
    expect(notice.slug).toBe('2026-10-25-karaganda-counter-terrorism-exercise');
    expect(notice.actions.submit).toEqual({ allowed: true });
  });

  it('refuses to submit without a complete language, naming the field', async () => {
    const r = await as(h.call('pioA', 'POST', `${N}/${notice.id}/submit`, { version: notice.version }));
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'notice_incomplete', field: 'texts' });
  });

  it('saves Russian text, keeps Kazakh and English missing, and moves the slug with the title', async () => {
    notice = (await h.ok('pioA', 'PATCH', `${N}/${notice.id}`, {
      version: notice.version,
      texts: { ru: RU_TEXT, kk: { title: '' } },
    })) as unknown as Notice;
    expect(notice.languages).toEqual({ kk: 'missing', ru: 'complete', en: 'missing' });
    expect(notice.texts.kk).toBeUndefined();
    expect(notice.slug).toBe('2026-10-25-antiterroristicheskie-ucheniya-v-karagande');
  });

  it('refuses to submit while a published language lacks an area name or a closure description', async () => {
    const r = await as(h.call('pioA', 'POST', `${N}/${notice.id}/submit`, { version: notice.version }));
    expect(r).toMatchObject({
      status: 422,
      body: { code: 'notice_incomplete', field: 'areas[0].texts.ru.name' },
    });
    expect((r.body.errors as { field: string }[]).map((e) => e.field)).toEqual([
      'areas[0].texts.ru.name',
      'areas[1].texts.ru.name',
      'areas[1].texts.ru.description',
    ]);
    // Only Russian is written, so only Russian needs the places' words.
    expect(notice.problems.map((p) => p.path)).toContain('areas[1].texts.ru.description');
    expect(notice.problems.map((p) => p.path).some((p) => p.includes('.kk.'))).toBe(false);
    const withWords = notice.areas.map((a) => ({
      ...a,
      texts: {
        ru:
          a.kind === 'closure'
            ? {
                name: 'Проспект Бухар-Жырау',
                description: 'Закрыт от улицы Гоголя до улицы Ерубаева; объезд по Ерубаева.',
              }
            : { name: 'Территория вокруг учреждения', description: '' },
      },
    }));
    notice = (await h.ok('pioA', 'PATCH', `${N}/${notice.id}`, {
      version: notice.version,
      areas: withWords,
    })) as unknown as Notice;
    expect(notice.problems).toEqual([]);
    expect(notice.areas[1]!.texts.ru!.name).toBe('Проспект Бухар-Жырау');
  });

  it('previews the public page of the working copy for the publish confirmation, storing nothing', async () => {
    const res = await h.call('pioB', 'GET', `${N}/${notice.id}/preview?lang=ru`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'none'/);
    expect(res.body).toContain('Предпросмотр: ещё не опубликовано.');
    expect(res.body).toContain('Проспект Бухар-Жырау');
    expect(res.body).not.toMatch(/Bukhar-Zhyrau Ave closed|Prison perimeter cordon/);
    expect(await getPublicNotice(h.ctx, notice.slug)).toBeNull();
    expect((await h.call('pioB', 'GET', `${N}/${notice.id}/preview?lang=de`)).statusCode).toBe(400);
    expect((await h.call(null, 'GET', `${N}/${notice.id}/preview?lang=ru`)).statusCode).toBe(401);
    expect((await h.call('planner', 'GET', `${N}/${notice.id}/preview?lang=ru`)).statusCode).toBe(403);
  });

  it('answers a stale version with 409 stale_version, changing nothing', async () => {
    const r = await as(
      h.call('pioB', 'PATCH', `${N}/${notice.id}`, { version: notice.version - 1, city: 'Temirtau' }),
    );
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: 'stale_version', field: 'version' });
    expect(((await h.ok('pioA', 'GET', `${N}/${notice.id}`)) as unknown as Notice).city).toBe('Karaganda');
  });

  it('refuses wrong types, unknown fields, bad geometry and bare local times with clear problems', async () => {
    const url = `${N}/${notice.id}`;
    const v = notice.version;
    let r = await as(h.call('pioA', 'PATCH', url, { version: 'one' }));
    expect(r).toMatchObject({ status: 400, body: { code: 'invalid_input', field: 'version' } });
    r = await as(h.call('pioA', 'PATCH', url, { version: v, texts: { de: RU_TEXT } }));
    expect(r).toMatchObject({ status: 400, body: { code: 'invalid_input', field: 'texts.de' } });
    r = await as(h.call('pioA', 'PATCH', url, { version: v, texts: { ru: { title: 'x'.repeat(121) } } }));
    expect(r).toMatchObject({ status: 400, body: { code: 'invalid_input' } });
    const bow = {
      type: 'Polygon',
      coordinates: [
        [
          [73, 49],
          [73.1, 49.1],
          [73.1, 49],
          [73, 49.1],
          [73, 49],
        ],
      ],
    };
    r = await as(
      h.call('pioA', 'PATCH', url, {
        version: v,
        areas: [{ kind: 'area', texts: { ru: { name: 'Bow' } }, geometry: bow }],
      }),
    );
    expect(r).toMatchObject({ status: 422, body: { code: 'invalid_input', field: 'areas[0].geometry' } });
    r = await as(
      h.call('pioA', 'PATCH', url, {
        version: v,
        areas: [
          {
            kind: 'closure',
            texts: { ru: { name: 'Swapped', description: 'x' } },
            geometry: {
              type: 'LineString',
              coordinates: [
                [49.8, 73.1],
                [49.81, 73.11],
              ],
            },
          },
        ],
      }),
    );
    expect(r).toMatchObject({ status: 422, body: { field: 'areas[0].geometry' } });
    expect(String(r.body.detail)).toMatch(/swapped/);
    r = await as(h.call('pioA', 'PATCH', url, { version: v, startsAt: '2026-10-25 09:00' }));
    expect(r).toMatchObject({ status: 422, body: { field: 'startsAt' } });
    r = await as(h.call('pioA', 'PATCH', url, { version: v, timeZone: 'Asia/Nowhere' }));
    expect(r).toMatchObject({ status: 422, body: { field: 'timeZone' } });
    r = await as(h.call('pioA', 'PATCH', url, { version: v, endsAt: '2026-10-25T02:00:00Z' }));
    expect(r.status).toBe(422);
    expect((r.body.errors as { field: string }[]).map((e) => e.field)).toContain('endsAt');
    r = await as(h.call('pioA', 'POST', N, { exerciseId: '00000000-0000-4000-8000-000000000000' }));
    expect(r).toMatchObject({ status: 422, body: { field: 'exerciseId' } });
    r = await as(
      h.call('pioA', 'POST', N, { exerciseId, zoneIds: ['00000000-0000-4000-8000-000000000000'] }),
    );
    expect(r).toMatchObject({ status: 422, body: { field: 'zoneIds[0]' } });
  });

  it('keeps notices to those allowed: directors read, planners do not, only drafters create', async () => {
    expect((await h.call('director', 'GET', `${N}/${notice.id}`)).statusCode).toBe(200);
    expect((await h.call('planner', 'GET', N)).statusCode).toBe(403);
    expect((await h.call(null, 'GET', N)).statusCode).toBe(401);
    expect((await h.call('director', 'POST', N, {})).statusCode).toBe(403);
    expect(
      (await h.call('authoriser', 'PATCH', `${N}/${notice.id}`, { version: notice.version })).statusCode,
    ).toBe(403);
    const seen = (await h.ok('director', 'GET', `${N}/${notice.id}`)) as unknown as Notice;
    expect(seen.actions.publish).toMatchObject({ allowed: false, code: 'notice_permission' });
  });

  it('submits, and refuses the drafter publishing their own draft with 403 notice_own_draft', async () => {
    notice = (await h.ok('pioA', 'POST', `${N}/${notice.id}/submit`, {
      version: notice.version,
    })) as unknown as Notice;
    expect(notice.status).toBe('review');
    expect(notice.actions.publish).toMatchObject({ allowed: false, code: 'notice_own_draft' });
    const r = await as(h.call('pioA', 'POST', `${N}/${notice.id}/publish`, { version: notice.version }));
    expect(r).toMatchObject({ status: 403, body: { code: 'notice_own_draft' } });
    expect(await getPublicNotice(h.ctx, notice.slug)).toBeNull();
  });

  it('publishes by a second person as revision 1, a CAP Alert with status Actual, on the public side', async () => {
    const before = await portalGeneration(h.ctx.db.kysely);
    const seen = (await h.ok('pioB', 'GET', `${N}/${notice.id}`)) as unknown as Notice;
    expect(seen.actions.publish).toEqual({ allowed: true });
    notice = (await h.ok('pioB', 'POST', `${N}/${notice.id}/publish`, {
      version: notice.version,
    })) as unknown as Notice;
    expect(notice).toMatchObject({ status: 'published', revision: 1 });
    expect(notice.revisions).toMatchObject([{ revision: 1, kind: 'Alert', publishedBy: 'pioB person' }]);
    expect(await portalGeneration(h.ctx.db.kysely)).toBe(before + 1);
    const cap = await h.call('director', 'GET', `${N}/${notice.id}/cap?revision=1`);
    expect(cap.statusCode).toBe(200);
    expect(cap.headers['content-type']).toMatch(/application\/cap\+xml/);
    const { alert } = parseCap(cap.body);
    expect(alert).toMatchObject({ status: 'Actual', msgType: 'Alert', scope: 'Public' });
    expect(alert.info.map((i) => i.language)).toEqual(['ru-RU']);
    expect(alert.info[0]!.web).toMatch(new RegExp(`/ru/notices/${notice.slug}$`));
    const pub = (await getPublicNotice(h.ctx, notice.slug))!;
    expect(pub.snapshot.texts.ru?.title).toBe(RU_TEXT.title);
    expect(publicState(pub, h.ctx.clock.now())).toBe('upcoming');
    expect(
      (await h.call('pioA', 'POST', `${N}/${notice.id}/publish`, { version: notice.version })).statusCode,
    ).toBe(409);
  });

  it('corrects: the public keeps revision 1 until revision 2, an Update referencing 1, is published', async () => {
    await h.setNow('2026-10-12T06:00:00Z');
    notice = (await h.ok('pioB', 'PATCH', `${N}/${notice.id}`, {
      version: notice.version,
      texts: {
        ru: { summary: 'Учения перенесены на час позже.' },
        en: { title: 'Drill in Karaganda', summary: 'A drill.', seeAndHear: 'Sirens.', contacts: 'HQ' },
      },
      areas: withPlaceWords(notice.areas, ['en']),
    })) as unknown as Notice;
    expect(notice.status).toBe('draft');
    expect(notice.slug).toBe('2026-10-25-antiterroristicheskie-ucheniya-v-karagande');
    expect((await getPublicNotice(h.ctx, notice.slug))!.snapshot.texts.ru?.summary).toBe(RU_TEXT.summary);
    notice = (await h.ok('pioB', 'POST', `${N}/${notice.id}/submit`, {
      version: notice.version,
    })) as unknown as Notice;
    // pioA drafted revision 1 but not this correction: pioA may publish it; pioB may not.
    expect(notice.actions.publish).toMatchObject({ code: 'notice_own_draft' });
    notice = (await h.ok('authoriser', 'POST', `${N}/${notice.id}/publish`, {
      version: notice.version,
    })) as unknown as Notice;
    expect(notice.revision).toBe(2);
    expect(notice.revisions[1]).toMatchObject({
      kind: 'Update',
      note: 'Changed: ru text, en text added, 2 area(s) changed',
    });
    const first = parseCap((await h.call('pioA', 'GET', `${N}/${notice.id}/cap?revision=1`)).body).alert;
    const second = parseCap((await h.call('pioA', 'GET', `${N}/${notice.id}/cap`)).body).alert;
    expect(second.msgType).toBe('Update');
    expect(second.status).toBe('Actual');
    expect(second.references).toBe(`${first.sender},${first.identifier},${first.sent}`);
    expect(second.info.map((i) => i.language)).toEqual(['ru-RU', 'en-US']);
    const pub = (await getPublicNotice(h.ctx, notice.slug))!;
    expect(pub).toMatchObject({ revision: 2, kind: 'Update' });
    expect(pub.history.map((x) => x.kind)).toEqual(['Alert', 'Update']);
  });

  it('cancels in one step as revision 3, a CAP Cancel referencing both earlier ones; then nothing changes it', async () => {
    let r = await as(h.call('pioA', 'POST', `${N}/${notice.id}/cancel`, { reason: '' }));
    expect(r).toMatchObject({ status: 422, body: { field: 'reason' } });
    notice = (await h.ok('pioA', 'POST', `${N}/${notice.id}/cancel`, {
      reason: 'The drill is postponed',
    })) as unknown as Notice;
    expect(notice).toMatchObject({ status: 'cancelled', revision: 3 });
    const cancel = parseCap((await h.call('pioA', 'GET', `${N}/${notice.id}/cap?revision=3`)).body).alert;
    expect(cancel).toMatchObject({ msgType: 'Cancel', status: 'Actual', note: 'The drill is postponed' });
    expect(cancel.references!.split(' ')).toHaveLength(2);
    const pub = (await listPublicNotices(h.ctx)).find((p) => p.id === notice.id)!;
    expect(pub.kind).toBe('Cancel');
    expect(publicState(pub, h.ctx.clock.now())).toBe('cancelled');
    r = await as(h.call('pioA', 'PATCH', `${N}/${notice.id}`, { version: notice.version, city: 'x' }));
    expect(r).toMatchObject({ status: 409, body: { code: 'notice_closed' } });
    r = await as(h.call('pioB', 'POST', `${N}/${notice.id}/cancel`, { reason: 'again' }));
    expect(r).toMatchObject({ status: 409, body: { code: 'notice_closed' } });
    expect((await h.call('pioA', 'GET', `${N}/${notice.id}/cap?revision=4`)).statusCode).toBe(404);
  });

  it('keeps the whole story in the audit log, in order, and the chain verifies', async () => {
    const { items } = (await h.ok('director', 'GET', `${N}/${notice.id}/history`)) as unknown as {
      items: { action: string; actorName: string; detail: Record<string, unknown> }[];
    };
    // What a correction changed is kept as data, so each reader's console words it in their language.
    const changed = {
      window: false,
      city: false,
      texts: { ru: 'changed', en: 'added' },
      areas: { added: 0, removed: 0, changed: 2 },
    };
    expect(items.find((i) => i.action === 'notice.correction-started')!.detail).toMatchObject({ changed });
    expect(items.filter((i) => i.action === 'notice.published')[1]!.detail).toMatchObject({
      revision: 2,
      changed,
    });
    expect(items.map((i) => i.action)).toEqual([
      'notice.created',
      'notice.edited',
      'notice.edited',
      'notice.submitted',
      'notice.published',
      'notice.correction-started',
      'notice.submitted',
      'notice.published',
      'notice.cancelled',
    ]);
    expect((await verifyAudit(h.ctx)).ok).toBe(true);
  });

  it('sends a notice in review back with a reason, and expires published notices once their window is over', async () => {
    let other = (await h.ok('pioA', 'POST', N, { exerciseId, texts: { ru: RU_TEXT } })) as unknown as Notice;
    expect(other.slug).toBe('2026-10-25-antiterroristicheskie-ucheniya-v-karagande-2');
    other = (await h.ok('pioA', 'PATCH', `${N}/${other.id}`, {
      version: other.version,
      areas: withPlaceWords(other.areas, ['ru']),
    })) as unknown as Notice;
    other = (await h.ok('pioA', 'POST', `${N}/${other.id}/submit`, {
      version: other.version,
    })) as unknown as Notice;
    other = (await h.ok('authoriser', 'POST', `${N}/${other.id}/return`, {
      version: other.version,
      reason: 'Add Kazakh',
    })) as unknown as Notice;
    expect(other.status).toBe('draft');
    other = (await h.ok('pioA', 'POST', `${N}/${other.id}/submit`, {
      version: other.version,
    })) as unknown as Notice;
    other = (await h.ok('authoriser', 'POST', `${N}/${other.id}/publish`, {
      version: other.version,
    })) as unknown as Notice;
    expect(await expireNotices(h.ctx, SYSTEM_ACTOR)).toBe(0);
    await h.setNow('2026-10-25T12:00:00Z');
    expect(await expireNotices(h.ctx, SYSTEM_ACTOR)).toBe(1);
    expect(await expireNotices(h.ctx, SYSTEM_ACTOR)).toBe(0);
    const after = (await h.ok('pioA', 'GET', `${N}/${other.slug}`)) as unknown as Notice;
    expect(after.status).toBe('expired');
    expect(publicState((await getPublicNotice(h.ctx, other.slug))!, h.ctx.clock.now())).toBe('ended');
    const list = (await h.ok('director', 'GET', `${N}?status=expired`)) as unknown as {
      items: { id: string }[];
    };
    expect(list.items.map((i) => i.id)).toEqual([other.id]);
  });
});
