import { randomUUID } from 'node:crypto';
import { readAreas, readSnapshot } from '../../core/notice/area.js';
import { parseCap } from '../../cap/parse.js';
import { capIdentifierFor, NoticeCapError, noticeCapXml, noticeUrl } from '../../core/notice/cap.js';
import {
  NOTICE_LANGUAGES,
  type NoticeArea,
  type NoticeLanguage,
  type NoticeSnapshot,
  type NoticeStatus,
  type PublicNotice,
  type NoticeText,
  type NoticeTexts,
} from '../../core/notice/notice.js';
import { noticeSlugBase, uniqueSlug } from '../../core/notice/slug.js';
import {
  languageStatus,
  validateNotice,
  type LanguageStatus,
  type NoticeDraft,
  type NoticeProblem,
} from '../../core/notice/validate.js';
import {
  actionsFor,
  capKindOf,
  refusal,
  statusAfter,
  type NoticeAction,
  type Refusal,
  type WorkflowActor,
} from '../../core/notice/workflow.js';
import { zoneOffsetMinutes } from '../../core/msel/time.js';
import { can, type Actor, type Scope } from '../../core/policy/policy.js';
import { AppError, badField, notFound } from '../../errors.js';
import { exerciseRepository } from '../../store/exercise.repository.js';
import { organisationRepository } from '../../store/organisation.repository.js';
import { noticeAuditRepository, noticeRepository, type NoticeFilter } from '../../store/notice.repository.js';
import { planRepository } from '../../store/plan.repository.js';
import type { NoticeRow } from '../../store/public-tables.js';
import { appendAudit } from '../audit.service.js';
import type { ActorInfo, AppContext, Q } from '../context.js';
import { owningOrganisation, readScopeOf } from '../planning/exercises.service.js';
import { touchPortal } from '../portal/generation.js';
import { CORRECTION_PRIORITY, requestFanOut } from '../outbox/fanout.js';

/*
 * Drafting, reviewing, publishing, correcting, cancelling and expiring public notices. Every step
 * is one transaction with its audit entry; a step that changes what the public sees also moves the
 * portal generation and asks the outbox for its deliveries in that same transaction.
 */

export type ActionState = { allowed: true } | { allowed: false; code: Refusal['code']; reason: string };

export interface NoticeRevisionInfo {
  revision: number;
  kind: 'Alert' | 'Update' | 'Cancel';
  note: string | null;
  publishedAt: string;
  publishedBy: string | null;
  draftedBy: string | null;
  capIdentifier: string;
}

/** A notice as the console shows it: the working copy, what the public sees, and what one may do. */
export interface Notice {
  id: string;
  slug: string;
  exerciseId: string | null;
  /** The publishing organisation; null: none. */
  organisationId: string | null;
  status: NoticeStatus;
  city: string | null;
  timeZone: string;
  startsAt: string;
  endsAt: string;
  texts: NoticeTexts;
  areas: NoticeArea[];
  /** The newest published revision; 0 before the first publication. */
  revision: number;
  version: number;
  languages: Record<NoticeLanguage, LanguageStatus>;
  /** What stands between this working copy and review (the submit rules). */
  problems: NoticeProblem[];
  actions: Record<Exclude<NoticeAction, 'expire'>, ActionState>;
  createdBy: string | null;
  submittedBy: string | null;
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
  revisions: NoticeRevisionInfo[];
  /** The public page of each language, once published. */
  publicUrls: Partial<Record<NoticeLanguage, string>>;
}

export interface NoticeSummary {
  id: string;
  slug: string;
  exerciseId: string | null;
  status: NoticeStatus;
  city: string | null;
  timeZone: string;
  startsAt: string;
  endsAt: string;
  title: string | null;
  revision: number;
  version: number;
  languages: Record<NoticeLanguage, LanguageStatus>;
  areas: number;
  closures: number;
  updatedAt: string;
}

export interface NoticeAreaInput {
  id?: string | undefined;
  kind: 'area' | 'closure';
  /** The public name and description per language; absent languages are left unwritten. */
  texts?:
    Partial<Record<string, { name?: string | undefined; description?: string | undefined }>> | undefined;
  geometry: unknown;
  startsAt?: string | null | undefined;
  endsAt?: string | null | undefined;
  zoneId?: string | null | undefined;
}

export interface NoticeTextInput {
  title?: string | undefined;
  summary?: string | undefined;
  seeAndHear?: string | undefined;
  doList?: string[] | undefined;
  dontList?: string[] | undefined;
  contacts?: string | undefined;
}

export interface NoticePatch {
  city?: string | null | undefined;
  timeZone?: string | undefined;
  startsAt?: string | undefined;
  endsAt?: string | undefined;
  /** Per language; null removes the language, absent keeps it. */
  texts?: Partial<Record<NoticeLanguage, NoticeTextInput | null>> | undefined;
  areas?: NoticeAreaInput[] | undefined;
}

export interface NoticeCreate extends NoticePatch {
  /** Copy city, time zone, window, areas and closures from this exercise. */
  exerciseId?: string | null | undefined;
  /** Which of the exercise's zones to copy; absent: its road closures, cordons and exercise zones. */
  zoneIds?: string[] | undefined;
  /** The publishing organisation; absent: the exercise's lead, or the drafter's own. */
  organisationId?: string | null | undefined;
}

/** Zone kinds a resident needs to know about, copied by default. */
export const PUBLIC_ZONE_KINDS = ['road-closure', 'cordon', 'exercise-zone'] as const;

const DEFAULT_TIME_ZONE = 'Asia/Almaty';

// ---------------------------------------------------------------------------------------------
// Reading

const parseTexts = (row: NoticeRow): NoticeTexts => JSON.parse(row.texts) as NoticeTexts;
const parseAreas = (row: NoticeRow): NoticeArea[] => readAreas(JSON.parse(row.areas));

const languagesOf = (texts: NoticeTexts) =>
  Object.fromEntries(NOTICE_LANGUAGES.map((l) => [l, languageStatus(texts[l])])) as Record<
    NoticeLanguage,
    LanguageStatus
  >;

function draftOf(row: NoticeRow): NoticeDraft {
  return {
    timeZone: row.time_zone,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    city: row.city,
    texts: parseTexts(row),
    areas: parseAreas(row),
  };
}

const titleOf = (texts: NoticeTexts): string | null =>
  texts.en?.title?.trim() || texts.ru?.title?.trim() || texts.kk?.title?.trim() || null;

/** Where a notice lives: its organisation; none (null) is acted on by unscoped grants only. */
const scopeOf = (row: Pick<NoticeRow, 'organisation_id'> | null): Scope =>
  row === null ? {} : { organisationId: row.organisation_id };

/** What the actor may do to this notice (none: a new one), their grants' scope applied. */
function workflowActor(actor: Actor | null, info: ActorInfo, row: NoticeRow | null): WorkflowActor {
  return {
    userId: info.userId,
    canDraft: actor !== null && can(actor, 'notices:draft', scopeOf(row)),
    canPublish: actor !== null && can(actor, 'notices:publish', scopeOf(row)),
  };
}

/** A notice outside the reader's organisations is "not found" to them. */
function checkReads(actor: Actor | null, row: NoticeRow): NoticeRow {
  if (actor !== null && !can(actor, 'notices:read', scopeOf(row))) throw notFound('The notice');
  return row;
}

const workflowNotice = (row: NoticeRow) => ({
  status: row.status as NoticeStatus,
  revision: row.revision,
  submittedBy: row.submitted_by,
  endsAt: row.ends_at,
});

/** Actions that write the working copy; whoever took one since the last publication drafted it. */
const DRAFTING = new Set([
  'notice.created',
  'notice.edited',
  'notice.correction-started',
  'notice.submitted',
]);

/** Everyone who wrote or submitted the working copy since it was last published. */
async function draftersOf(db: Q, noticeId: string): Promise<Set<string>> {
  const entries = await noticeAuditRepository.entries(db, noticeId);
  const out = new Set<string>();
  for (const e of entries) {
    if (e.action === 'notice.published' || e.action === 'notice.cancelled') out.clear();
    else if (DRAFTING.has(e.action) && e.actor_id) out.add(e.actor_id);
  }
  return out;
}

function toSummary(row: NoticeRow): NoticeSummary {
  const texts = parseTexts(row);
  const areas = parseAreas(row);
  return {
    id: row.id,
    slug: row.slug,
    exerciseId: row.exercise_id,
    status: row.status as NoticeStatus,
    city: row.city,
    timeZone: row.time_zone,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    title: titleOf(texts),
    revision: row.revision,
    version: row.version,
    languages: languagesOf(texts),
    areas: areas.filter((a) => a.kind === 'area').length,
    closures: areas.filter((a) => a.kind === 'closure').length,
    updatedAt: row.updated_at,
  };
}

/** The notices of the reader's organisations (every one for an unscoped reader or the system). */
export async function listNotices(
  ctx: AppContext,
  filter: NoticeFilter = {},
  reader?: Actor,
): Promise<NoticeSummary[]> {
  const rows = await noticeRepository.list(ctx.db.kysely, filter);
  return rows.filter((r) => reader === undefined || can(reader, 'notices:read', scopeOf(r))).map(toSummary);
}

async function load(db: Q, idOrSlug: string): Promise<NoticeRow> {
  const row = (await noticeRepository.get(db, idOrSlug)) ?? (await noticeRepository.getBySlug(db, idOrSlug));
  if (!row) throw notFound('The notice');
  return row;
}

/** The notice by id or slug, as the person asking may act on it. */
export async function getNotice(
  ctx: AppContext,
  actor: Actor | null,
  info: ActorInfo,
  idOrSlug: string,
): Promise<Notice> {
  const db = ctx.db.kysely;
  const row = checkReads(actor, await load(db, idOrSlug));
  const [history, drafters] = await Promise.all([
    noticeRepository.historyOf(db, row.id),
    draftersOf(db, row.id),
  ]);
  const names = await noticeAuditRepository.names(
    db,
    history.flatMap((h) => [h.published_by, h.drafted_by].filter((x): x is string => x !== null)),
  );
  const now = ctx.clock.now();
  const texts = parseTexts(row);
  const actions = actionsFor(workflowNotice(row), workflowActor(actor, info, row), { drafters, now });
  return {
    id: row.id,
    slug: row.slug,
    exerciseId: row.exercise_id,
    organisationId: row.organisation_id,
    status: row.status as NoticeStatus,
    city: row.city,
    timeZone: row.time_zone,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    texts,
    areas: parseAreas(row),
    revision: row.revision,
    version: row.version,
    languages: languagesOf(texts),
    problems: validateNotice(draftOf(row), 'submit', now),
    actions: Object.fromEntries(
      Object.entries(actions).map(([k, r]) => [
        k,
        r ? { allowed: false, code: r.code, reason: r.reason } : { allowed: true },
      ]),
    ) as Notice['actions'],
    createdBy: row.created_by,
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    revisions: history.map((h) => ({
      revision: h.revision,
      kind: h.kind as NoticeRevisionInfo['kind'],
      note: h.note,
      publishedAt: h.published_at,
      publishedBy: names.get(h.published_by) ?? null,
      draftedBy: h.drafted_by ? (names.get(h.drafted_by) ?? null) : null,
      capIdentifier: h.cap_identifier,
    })),
    publicUrls:
      row.revision > 0
        ? Object.fromEntries(NOTICE_LANGUAGES.map((l) => [l, noticeUrl(ctx.config.publicUrl, l, row.slug)]))
        : {},
  };
}

/**
 * The working copy as the public page would show it once published: what the publish confirmation
 * previews. Nothing is stored; the public site keeps its last published revision.
 */
export async function previewNotice(ctx: AppContext, idOrSlug: string): Promise<PublicNotice> {
  const db = ctx.db.kysely;
  const row = await load(db, idOrSlug);
  const history = await noticeRepository.historyOf(db, row.id);
  const now = ctx.clock.now().toISOString();
  const kind = row.revision > 0 ? 'Update' : 'Alert';
  return {
    id: row.id,
    slug: row.slug,
    revision: row.revision + 1,
    kind,
    firstPublishedAt: history[0]?.published_at ?? now,
    publishedAt: now,
    capIdentifier: '',
    snapshot: { id: row.id, slug: row.slug, exerciseId: row.exercise_id, ...draftOf(row) },
    history: [
      ...history.map((h) => ({
        revision: h.revision,
        kind: h.kind as PublicNotice['kind'],
        note: h.note,
        publishedAt: h.published_at,
      })),
      { revision: row.revision + 1, kind, note: null, publishedAt: now },
    ],
  };
}

export interface NoticeHistoryEntry {
  seq: number;
  at: string;
  actorName: string | null;
  action: string;
  detail: Record<string, unknown>;
}

/** Every audited step of the notice, oldest first. */
export async function noticeHistory(
  ctx: AppContext,
  idOrSlug: string,
  reader: Actor | null = null,
): Promise<NoticeHistoryEntry[]> {
  const db = ctx.db.kysely;
  const row = checkReads(reader, await load(db, idOrSlug));
  return (await noticeAuditRepository.entries(db, row.id)).map((e) => ({
    seq: Number(e.seq),
    at: e.at,
    actorName: e.actor_name,
    action: e.action,
    detail: JSON.parse(e.detail) as Record<string, unknown>,
  }));
}

// ---------------------------------------------------------------------------------------------
// Input

/** An instant with an explicit zone or offset; a bare local time is ambiguous. */
function instant(text: string, field: string): string {
  if (!/(Z|[+-]\d\d:?\d\d)$/.test(text.trim())) throw badField(field, 'needs_time_zone');
  const t = Date.parse(text);
  if (!Number.isFinite(t)) throw badField(field, 'not_date_time');
  return new Date(t).toISOString();
}

const oneLine = (s: string | undefined): string => (s ?? '').normalize('NFC').trim();
const block = (s: string | undefined): string => (s ?? '').normalize('NFC').replace(/\r\n?/g, '\n').trim();

function cleanText(input: NoticeTextInput, previous: NoticeText | undefined): NoticeText | undefined {
  const list = (l: string[] | undefined, prev: string[] | undefined) =>
    (l ?? prev ?? []).map((i) => oneLine(i)).filter((i) => i !== '');
  const text: NoticeText = {
    title: input.title !== undefined ? oneLine(input.title) : (previous?.title ?? ''),
    summary: input.summary !== undefined ? block(input.summary) : (previous?.summary ?? ''),
    seeAndHear: input.seeAndHear !== undefined ? block(input.seeAndHear) : (previous?.seeAndHear ?? ''),
    doList: list(input.doList, previous?.doList),
    dontList: list(input.dontList, previous?.dontList),
    contacts: input.contacts !== undefined ? block(input.contacts) : (previous?.contacts ?? ''),
  };
  const empty =
    !text.title &&
    !text.summary &&
    !text.seeAndHear &&
    !text.contacts &&
    text.doList.length === 0 &&
    text.dontList.length === 0;
  // A language with nothing written is missing, not an empty text.
  return empty ? undefined : text;
}

function mergeTexts(current: NoticeTexts, patch: NoticePatch['texts']): NoticeTexts {
  if (!patch) return current;
  const out: NoticeTexts = { ...current };
  for (const [lang, value] of Object.entries(patch)) {
    if (!(NOTICE_LANGUAGES as readonly string[]).includes(lang))
      throw badField(`texts.${lang}`, 'not_notice_language', { allowed: NOTICE_LANGUAGES.join(', ') });
    const l = lang as NoticeLanguage;
    if (value === null || value === undefined) {
      if (value === null) delete out[l];
      continue;
    }
    const t = cleanText(value, current[l]);
    if (t) out[l] = t;
    else delete out[l];
  }
  return out;
}

function cleanAreas(input: NoticeAreaInput[]): NoticeArea[] {
  return input.map((a, i) => ({
    id: a.id && a.id.trim() !== '' ? a.id : randomUUID(),
    kind: a.kind,
    texts: cleanAreaTexts(a.texts, i),
    geometry: a.geometry as NoticeArea['geometry'],
    startsAt: a.startsAt ? instant(a.startsAt, `areas[${i}].startsAt`) : null,
    endsAt: a.endsAt ? instant(a.endsAt, `areas[${i}].endsAt`) : null,
    zoneId: a.zoneId ?? null,
  }));
}

function cleanAreaTexts(input: NoticeAreaInput['texts'], i: number): NoticeArea['texts'] {
  const out: NoticeArea['texts'] = {};
  for (const [lang, t] of Object.entries(input ?? {})) {
    if (!(NOTICE_LANGUAGES as readonly string[]).includes(lang))
      throw badField(`areas[${i}].texts.${lang}`, 'not_notice_language', {
        allowed: NOTICE_LANGUAGES.join(', '),
      });
    const name = oneLine(t?.name ?? '');
    const description = (t?.description ?? '').trim();
    if (name !== '' || description !== '') out[lang as NoticeLanguage] = { name, description };
  }
  return out;
}

function problemsError(problems: NoticeProblem[], stage: 'save' | 'submit'): AppError {
  const first = problems[0]!;
  return new AppError(
    stage === 'save' ? 'invalid_input' : 'notice_incomplete',
    422,
    problems.length === 1
      ? `${first.path}: ${first.message}`
      : `${first.path}: ${first.message} (and ${problems.length - 1} more)`,
    first.path,
    problems.map((p) => ({ field: p.path, problem: p.message, ...(p.fault ? { fault: p.fault } : {}) })),
    undefined,
    first.fault,
  );
}

function refusalError(r: Refusal): AppError {
  return new AppError(r.code, r.status, r.reason);
}

const staleVersion = () =>
  new AppError(
    'stale_version',
    409,
    'Someone changed this notice since you opened it; reload it and apply your change again',
    'version',
  );

function localDate(at: string, zone: string): string {
  const d = new Date(at);
  const safeZone = (() => {
    try {
      return zoneOffsetMinutes(zone, d);
    } catch {
      return 0;
    }
  })();
  return new Date(d.getTime() + safeZone * 60_000).toISOString().slice(0, 10);
}

/** A slug for a notice not yet published: its start date and title, unique among notices. */
async function slugFor(db: Q, draft: NoticeDraft, selfId: string | null, fallbackTitle?: string | null) {
  const base = noticeSlugBase(
    titleOf(draft.texts) ?? fallbackTitle ?? null,
    localDate(draft.startsAt, draft.timeZone),
  );
  const taken = new Set(
    (await noticeRepository.slugsWithPrefix(db, base)).filter((r) => r.id !== selfId).map((r) => r.slug),
  );
  return uniqueSlug(base, taken);
}

// ---------------------------------------------------------------------------------------------
// Writing

interface ZoneLike {
  id: string;
  kind: string;
  geometry: string;
  starts_at: string | null;
  ends_at: string | null;
}

const LINE_TYPES = new Set(['LineString', 'MultiLineString']);

/**
 * An exercise zone as a notice area: its shape and its window only. The zone's name and road are
 * the exercise's own words (they can say what the public must not hear); the PIO writes the public
 * name and description in each language.
 */
export function areaFromZone(z: ZoneLike): NoticeArea {
  const geometry = JSON.parse(z.geometry) as NoticeArea['geometry'];
  return {
    id: randomUUID(),
    kind: z.kind === 'road-closure' || LINE_TYPES.has(geometry.type) ? 'closure' : 'area',
    texts: {},
    geometry,
    startsAt: z.starts_at,
    endsAt: z.ends_at,
    zoneId: z.id,
  };
}

/** Creates a draft: blank, or from an exercise (its city, zone, window, areas and closures). */
export async function createNotice(
  ctx: AppContext,
  info: ActorInfo,
  actor: Actor,
  input: NoticeCreate,
): Promise<Notice> {
  const wf = workflowActor(actor, info, null);
  if (!wf.canDraft)
    throw new AppError('notice_permission', 403, 'Only a person who drafts notices may create one.');
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const id = randomUUID();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    let draft: NoticeDraft;
    let exerciseName: string | null = null;
    let lead: string | null = null;
    if (input.exerciseId) {
      const ex = await exerciseRepository.get(trx, input.exerciseId);
      if (!ex || !can(actor, 'exercises:read', await readScopeOf(trx, ex)))
        throw badField('exerciseId', 'no_such_exercise');
      exerciseName = ex.name;
      lead = ex.lead_organisation_id;
      const zones = await planRepository.zones(trx, ex.id);
      let chosen: typeof zones;
      if (input.zoneIds) {
        const byId = new Map(zones.map((z) => [z.id, z]));
        chosen = input.zoneIds.map((zid, i) => {
          const z = byId.get(zid);
          if (!z) throw badField(`zoneIds[${i}]`, 'not_exercise_zone');
          return z;
        });
      } else chosen = zones.filter((z) => (PUBLIC_ZONE_KINDS as readonly string[]).includes(z.kind));
      // Areas before closures, then in the zones' order by name: the same order on both engines.
      const areas = [...chosen]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map(areaFromZone)
        .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'area' ? -1 : 1));
      // The notice's window covers the exercise and every copied closure's own window.
      const starts = [ex.startex, ...areas.map((a) => a.startsAt).filter((s): s is string => !!s)].sort();
      const ends = [ex.endex, ...areas.map((a) => a.endsAt).filter((s): s is string => !!s)].sort();
      draft = {
        timeZone: ex.time_zone,
        startsAt: starts[0]!,
        endsAt: ends[ends.length - 1]!,
        city: ex.city,
        texts: {},
        areas,
      };
    } else {
      const start = new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000 + 7 * 86_400_000);
      draft = {
        timeZone: DEFAULT_TIME_ZONE,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 4 * 3_600_000).toISOString(),
        city: null,
        texts: {},
        areas: [],
      };
    }
    draft = applyPatch(draft, input);
    const problems = validateNotice(draft, 'save', now);
    if (problems.length > 0) throw problemsError(problems, 'save');
    const slug = await slugFor(trx, draft, null, exerciseName);
    // The notice is its drafter's organisation's: the one named, else the exercise's lead if the
    // drafter drafts there, else the drafter's own.
    const organisationId = owningOrganisation(
      actor,
      'notices:draft',
      input.organisationId ??
        (lead !== null && can(actor, 'notices:draft', { organisationId: lead }) ? lead : undefined),
      'organisationId',
    );
    if (organisationId !== null && !(await organisationRepository.get(trx, organisationId)))
      throw badField('organisationId', 'no_such_organisation');
    await noticeRepository.insert(trx, {
      id,
      exercise_id: input.exerciseId ?? null,
      organisation_id: organisationId,
      slug,
      status: 'draft',
      city: draft.city,
      time_zone: draft.timeZone,
      starts_at: draft.startsAt,
      ends_at: draft.endsAt,
      texts: JSON.stringify(draft.texts),
      areas: JSON.stringify(draft.areas),
      revision: 0,
      version: 1,
      created_by: info.userId,
      submitted_by: null,
      submitted_at: null,
      created_at: nowIso,
      updated_at: nowIso,
    });
    await appendAudit(ctx, trx, info, {
      action: 'notice.created',
      subjectType: 'notice',
      subjectId: id,
      detail: {
        slug,
        exerciseId: input.exerciseId ?? null,
        areas: draft.areas.length,
      },
    });
  });
  return getNotice(ctx, actor, info, id);
}

function applyPatch(draft: NoticeDraft, patch: NoticePatch): NoticeDraft {
  const next = { ...draft };
  if (patch.city !== undefined)
    next.city = patch.city === null || oneLine(patch.city) === '' ? null : oneLine(patch.city);
  if (patch.timeZone !== undefined) next.timeZone = patch.timeZone.trim();
  if (patch.startsAt !== undefined) next.startsAt = instant(patch.startsAt, 'startsAt');
  if (patch.endsAt !== undefined) next.endsAt = instant(patch.endsAt, 'endsAt');
  if (patch.texts !== undefined) next.texts = mergeTexts(draft.texts, patch.texts);
  if (patch.areas !== undefined) next.areas = cleanAreas(patch.areas);
  return next;
}

/**
 * What changed between two versions of a notice, kept in the audit entry as data so that each
 * reader is told in their own language (the console words it; `describeChanges` is the English).
 */
export interface NoticeChanges {
  window: boolean;
  city: boolean;
  texts: Partial<Record<NoticeLanguage, 'added' | 'removed' | 'changed'>>;
  areas: { added: number; removed: number; changed: number };
}

export function noticeChanges(before: NoticeDraft, after: NoticeDraft): NoticeChanges {
  const texts: NoticeChanges['texts'] = {};
  for (const l of NOTICE_LANGUAGES) {
    const b = before.texts[l];
    const a = after.texts[l];
    if (!b && a) texts[l] = 'added';
    else if (b && !a) texts[l] = 'removed';
    else if (b && a && JSON.stringify(b) !== JSON.stringify(a)) texts[l] = 'changed';
  }
  const key = (x: NoticeArea) => JSON.stringify([x.kind, x.texts, x.geometry, x.startsAt, x.endsAt]);
  const bAreas = new Map(before.areas.map((a) => [a.id, key(a)]));
  const aAreas = new Map(after.areas.map((a) => [a.id, key(a)]));
  return {
    window: before.startsAt !== after.startsAt || before.endsAt !== after.endsAt,
    city: before.city !== after.city,
    texts,
    areas: {
      added: [...aAreas.keys()].filter((k) => !bAreas.has(k)).length,
      removed: [...bAreas.keys()].filter((k) => !aAreas.has(k)).length,
      changed: [...aAreas.keys()].filter((k) => bAreas.has(k) && bAreas.get(k) !== aAreas.get(k)).length,
    },
  };
}

/** The changes in English: the note of a CAP Update, which has one note for every language. */
export function describeChanges(c: NoticeChanges): string {
  const changes: string[] = [];
  if (c.window) changes.push('time window');
  if (c.city) changes.push('city');
  for (const l of NOTICE_LANGUAGES) {
    if (c.texts[l] === 'added') changes.push(`${l} text added`);
    else if (c.texts[l] === 'removed') changes.push(`${l} text removed`);
    else if (c.texts[l] === 'changed') changes.push(`${l} text`);
  }
  if (c.areas.added) changes.push(`${c.areas.added} area(s) added`);
  if (c.areas.removed) changes.push(`${c.areas.removed} area(s) removed`);
  if (c.areas.changed) changes.push(`${c.areas.changed} area(s) changed`);
  return changes.length > 0 ? `Changed: ${changes.join(', ')}` : 'Republished without changes';
}

async function loadForWrite(
  trx: Q,
  id: string,
  version: number | undefined,
  actor: Actor,
): Promise<NoticeRow> {
  const row = await noticeRepository.get(trx, id);
  if (!row) throw notFound('The notice');
  checkReads(actor, row);
  if (version !== undefined && row.version !== version) throw staleVersion();
  return row;
}

async function write(trx: Q, row: NoticeRow, patch: Partial<NoticeRow>): Promise<void> {
  if (!(await noticeRepository.update(trx, row.id, row.version, patch))) throw staleVersion();
}

/**
 * Edits the working copy. Editing a notice in review sends it back to draft; editing a published
 * one starts a correction (the public keeps seeing the last revision until the next is published).
 */
export async function updateNotice(
  ctx: AppContext,
  info: ActorInfo,
  actor: Actor,
  id: string,
  version: number,
  patch: NoticePatch,
): Promise<Notice> {
  const now = ctx.clock.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await loadForWrite(trx, id, version, actor);
    const r = refusal('edit', workflowNotice(row), workflowActor(actor, info, row), {
      drafters: new Set(),
      now,
    });
    if (r) throw refusalError(r);
    const before = draftOf(row);
    const draft = applyPatch(before, patch);
    const problems = validateNotice(draft, 'save', now);
    if (problems.length > 0) throw problemsError(problems, 'save');
    // The URL is frozen at the first publication; until then it follows the title.
    const slug = row.revision === 0 ? await slugFor(trx, draft, row.id) : row.slug;
    await write(trx, row, {
      status: statusAfter('edit'),
      slug,
      city: draft.city,
      time_zone: draft.timeZone,
      starts_at: draft.startsAt,
      ends_at: draft.endsAt,
      texts: JSON.stringify(draft.texts),
      areas: JSON.stringify(draft.areas),
      submitted_by: null,
      submitted_at: null,
      updated_at: now.toISOString(),
    });
    await appendAudit(ctx, trx, info, {
      action: row.status === 'published' ? 'notice.correction-started' : 'notice.edited',
      subjectType: 'notice',
      subjectId: row.id,
      detail: { version: row.version + 1, changed: noticeChanges(before, draft), from: row.status },
    });
  });
  return getNotice(ctx, actor, info, id);
}

/** Starts a correction of a published notice without changing it yet. */
export async function correctNotice(
  ctx: AppContext,
  info: ActorInfo,
  actor: Actor,
  id: string,
  version: number,
): Promise<Notice> {
  const now = ctx.clock.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await loadForWrite(trx, id, version, actor);
    const r = refusal('edit', workflowNotice(row), workflowActor(actor, info, row), {
      drafters: new Set(),
      now,
    });
    if (r) throw refusalError(r);
    if (row.status !== 'published')
      throw new AppError(
        'notice_state',
        409,
        'Only a published notice is corrected; this one can be edited as it is.',
      );
    await write(trx, row, {
      status: 'draft',
      submitted_by: null,
      submitted_at: null,
      updated_at: now.toISOString(),
    });
    await appendAudit(ctx, trx, info, {
      action: 'notice.correction-started',
      subjectType: 'notice',
      subjectId: row.id,
      detail: { version: row.version + 1, revision: row.revision },
    });
  });
  return getNotice(ctx, actor, info, id);
}

/** Puts the draft to review; it must pass every rule a publication must. */
export async function submitNotice(
  ctx: AppContext,
  info: ActorInfo,
  actor: Actor,
  id: string,
  version: number,
): Promise<Notice> {
  const now = ctx.clock.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await loadForWrite(trx, id, version, actor);
    const r = refusal('submit', workflowNotice(row), workflowActor(actor, info, row), {
      drafters: new Set(),
      now,
    });
    if (r) throw refusalError(r);
    const problems = validateNotice(draftOf(row), 'submit', now);
    if (problems.length > 0) throw problemsError(problems, 'submit');
    await write(trx, row, {
      status: statusAfter('submit'),
      submitted_by: info.userId,
      submitted_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    await appendAudit(ctx, trx, info, {
      action: 'notice.submitted',
      subjectType: 'notice',
      subjectId: row.id,
      detail: { version: row.version + 1 },
    });
  });
  return getNotice(ctx, actor, info, id);
}

/** Sends a notice in review back to draft, with the reviewer's reason. */
export async function returnNotice(
  ctx: AppContext,
  info: ActorInfo,
  actor: Actor,
  id: string,
  version: number,
  reason: string,
): Promise<Notice> {
  const now = ctx.clock.now();
  const why = oneLine(reason);
  if (why === '' || why.length > 1000) throw badField('reason', 'say_what_to_change', { max: 1000 });
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await loadForWrite(trx, id, version, actor);
    const r = refusal('return', workflowNotice(row), workflowActor(actor, info, row), {
      drafters: new Set(),
      now,
    });
    if (r) throw refusalError(r);
    await write(trx, row, {
      status: statusAfter('return'),
      submitted_by: null,
      submitted_at: null,
      updated_at: now.toISOString(),
    });
    await appendAudit(ctx, trx, info, {
      action: 'notice.returned',
      subjectType: 'notice',
      subjectId: row.id,
      detail: { version: row.version + 1, reason: why },
    });
  });
  return getNotice(ctx, actor, info, id);
}

function senderOf(ctx: AppContext): string {
  let host = 'localhost';
  try {
    host = new URL(ctx.config.publicUrl).hostname || host;
  } catch {
    // keep localhost
  }
  return `notices@${host}`;
}

/** What the earlier revisions' CAP messages said about themselves, for `references`. */
async function referencesOf(trx: Q, noticeId: string) {
  return (await noticeAuditRepository.revisionsXml(trx, noticeId)).map((r) => {
    const { alert } = parseCap(r.cap_xml);
    return { sender: alert.sender, identifier: alert.identifier, sent: alert.sent };
  });
}

async function writeRevision(
  ctx: AppContext,
  trx: Q,
  info: ActorInfo,
  row: NoticeRow,
  snapshot: NoticeSnapshot,
  kind: 'Alert' | 'Update' | 'Cancel',
  note: string | null,
  now: Date,
): Promise<number> {
  const revision = row.revision + 1;
  const sender = senderOf(ctx);
  const identifier = capIdentifierFor(sender, row.id, revision);
  let xml: string;
  try {
    xml = noticeCapXml({
      snapshot,
      kind,
      revision,
      identifier,
      sender,
      sent: now,
      note,
      references: kind === 'Alert' ? [] : await referencesOf(trx, row.id),
      publicUrl: ctx.config.publicUrl,
    }).xml;
  } catch (err) {
    if (err instanceof NoticeCapError)
      throw new AppError('notice_cap_invalid', 422, err.message, err.findings[0]?.path);
    throw err;
  }
  await noticeRepository.insertRevision(trx, {
    notice_id: row.id,
    revision,
    kind,
    snapshot: JSON.stringify(snapshot),
    note,
    cap_identifier: identifier,
    cap_xml: xml,
    drafted_by: row.submitted_by ?? row.created_by,
    published_by: info.userId ?? 'system',
    published_at: now.toISOString(),
  });
  return revision;
}

/** Publishes the notice in review: revision 1 as a CAP Alert, a correction as a CAP Update. */
export async function publishNotice(
  ctx: AppContext,
  info: ActorInfo,
  actor: Actor,
  id: string,
  version: number,
  note?: string | null,
): Promise<Notice> {
  const now = ctx.clock.now();
  const cleanNote = note === undefined || note === null || oneLine(note) === '' ? null : oneLine(note);
  if (cleanNote && cleanNote.length > 500) throw badField('note', 'max_length', { max: 500 });
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await loadForWrite(trx, id, version, actor);
    const drafters = await draftersOf(trx, row.id);
    const r = refusal('publish', workflowNotice(row), workflowActor(actor, info, row), { drafters, now });
    if (r) throw refusalError(r);
    const draft = draftOf(row);
    const problems = validateNotice(draft, 'submit', now);
    if (problems.length > 0) throw problemsError(problems, 'submit');
    const kind = capKindOf('publish', row.revision);
    let finalNote = cleanNote;
    let changed: NoticeChanges | undefined;
    if (kind === 'Update' && !finalNote) {
      const previous = await noticeRepository.revision(trx, row.id, row.revision);
      changed = noticeChanges(readSnapshot(previous!.snapshot), draft);
      finalNote = describeChanges(changed);
    }
    const snapshot: NoticeSnapshot = {
      id: row.id,
      slug: row.slug,
      exerciseId: row.exercise_id,
      city: draft.city,
      timeZone: draft.timeZone,
      startsAt: draft.startsAt,
      endsAt: draft.endsAt,
      texts: draft.texts,
      areas: draft.areas,
    };
    const revision = await writeRevision(ctx, trx, info, row, snapshot, kind, finalNote, now);
    await write(trx, row, {
      status: statusAfter('publish'),
      revision,
      updated_at: now.toISOString(),
    });
    await touchPortal(trx, now);
    await requestFanOut(ctx, trx, {
      sourceKind: 'notice',
      sourceId: row.id,
      sequence: revision,
      mode: 'actual',
      priority: kind === 'Alert' ? 0 : CORRECTION_PRIORITY,
    });
    // Last, so the audit chain's lock is held only for the entry and the commit.
    await appendAudit(ctx, trx, info, {
      action: 'notice.published',
      subjectType: 'notice',
      subjectId: row.id,
      detail: { revision, kind, note: finalNote, slug: row.slug, ...(changed ? { changed } : {}) },
    });
  });
  return getNotice(ctx, actor, info, id);
}

/**
 * Cancels a published notice in one step: revision n+1, a CAP Cancel of what the public last saw.
 * A correction in progress is dropped with it.
 */
export async function cancelNotice(
  ctx: AppContext,
  info: ActorInfo,
  actor: Actor,
  id: string,
  version: number | undefined,
  reason: string,
): Promise<Notice> {
  const now = ctx.clock.now();
  const why = oneLine(reason);
  if (why === '' || why.length > 500) throw badField('reason', 'say_why_cancelled', { max: 500 });
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await loadForWrite(trx, id, version, actor);
    const r = refusal('cancel', workflowNotice(row), workflowActor(actor, info, row), {
      drafters: new Set(),
      now,
    });
    if (r) throw refusalError(r);
    const last = await noticeRepository.revision(trx, row.id, row.revision);
    const snapshot = readSnapshot(last!.snapshot);
    const revision = await writeRevision(ctx, trx, info, row, snapshot, 'Cancel', why, now);
    await write(trx, row, {
      status: statusAfter('cancel'),
      revision,
      submitted_by: null,
      submitted_at: null,
      updated_at: now.toISOString(),
    });
    await touchPortal(trx, now);
    await requestFanOut(ctx, trx, {
      sourceKind: 'notice',
      sourceId: row.id,
      sequence: revision,
      mode: 'actual',
      priority: CORRECTION_PRIORITY,
    });
    await appendAudit(ctx, trx, info, {
      action: 'notice.cancelled',
      subjectType: 'notice',
      subjectId: row.id,
      detail: { revision, reason: why },
    });
  });
  return getNotice(ctx, actor, info, id);
}

/**
 * Marks every published notice whose window is over as expired. Each is a conditional write on
 * its version, so two runs at once (or a PIO acting at the same moment) never both write it.
 * Returns how many it expired.
 */
export async function expireNotices(ctx: AppContext, info: ActorInfo): Promise<number> {
  const now = ctx.clock.now();
  const due = await noticeRepository.dueToExpire(ctx.db.kysely, now.toISOString());
  let expired = 0;
  for (const candidate of due) {
    const done = await ctx.db.kysely.transaction().execute(async (trx) => {
      const row = await noticeRepository.get(trx, candidate.id);
      if (
        !row ||
        refusal('expire', workflowNotice(row), workflowActor(null, info, row), { drafters: new Set(), now })
      )
        return false;
      if (
        !(await noticeRepository.update(trx, row.id, row.version, {
          status: statusAfter('expire'),
          updated_at: now.toISOString(),
        }))
      )
        return false;
      await appendAudit(ctx, trx, info, {
        action: 'notice.expired',
        subjectType: 'notice',
        subjectId: row.id,
        detail: { endsAt: row.ends_at, revision: row.revision },
      });
      await touchPortal(trx, now);
      return true;
    });
    if (done) expired++;
  }
  return expired;
}
