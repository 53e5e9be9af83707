import { randomUUID } from 'node:crypto';
import {
  isNeverSent,
  trafficModeOf,
  type AlertArea,
  type AlertAudience,
  type AlertLanguage,
  type AlertStatus,
  type AlertTexts,
  type Hazard,
} from '../../core/alert/alert.js';
import { areaKm2, isWideArea } from '../../core/alert/area.js';
import { AlertCapError, alertCapIdentifier, alertCapXml } from '../../core/alert/cap.js';
import { textsFromTemplate } from '../../core/alert/templates.js';
import { validateAlert, type AlertDraft, type AlertProblem } from '../../core/alert/validate.js';
import {
  ALERT_ACTIONS,
  alertRefusal,
  stateAfterApproval,
  type AlertAction,
  type AlertRefusal,
  type WorkflowActor,
  type WorkflowAlert,
} from '../../core/alert/workflow.js';
import { can, type Actor, type Scope } from '../../core/policy/policy.js';
import { owningOrganisation } from '../planning/exercises.service.js';
import { AppError, notFound } from '../../errors.js';
import type { AlertRow } from '../../store/alert-tables.js';
import { alertRepository, type AlertFilter } from '../../store/alert.repository.js';
import { exerciseRepository } from '../../store/exercise.repository.js';
import { organisationRepository } from '../../store/organisation.repository.js';
import { appendAudit, type AuditEvent } from '../audit.service.js';
import { appendEvent } from '../events/events.service.js';
import type { ActorInfo, AppContext, Q } from '../context.js';
import { CORRECTION_PRIORITY, requestFanOut } from '../outbox/fanout.js';
import { touchPortal } from '../portal/generation.js';
import { useTotpCode, withSecondFactor } from '../second-factor/totp.service.js';
import { draftersOf, toAlert, type Alert } from './alert.model.js';
import { reachReader, type Reach } from './alert-reach.js';
import { alertReach } from './alert.source.js';
import { AlertSigningError, signAlertXml } from './signing.js';

/*
 * Drafting, approving, updating and cancelling public alerts. Every step is one transaction with
 * its audit entry; approval also issues the signed CAP message and writes the one fan-out record
 * in that transaction, so an alert is either issued, signed and on its way, or none of these.
 */

export type SignedIn = ActorInfo & { userId: string };

export interface AlertInput {
  status: AlertStatus;
  hazard: Hazard;
  exerciseId?: string | null | undefined;
  audience?: AlertAudience | undefined;
  organisationId?: string | null | undefined;
  area: AlertArea;
  /** The area as people name it, per language; fills the template's texts. */
  areaNames?: Partial<Record<AlertLanguage, string>> | undefined;
  /** Texts as written; a language left out starts from the hazard's template. */
  texts?: AlertTexts | undefined;
  expiresAt: string;
}

export type AlertPatch = Partial<Omit<AlertInput, 'status' | 'exerciseId' | 'organisationId'>> & {
  audience?: AlertAudience | undefined;
};

/**
 * Writes a step's audit entry and tells live screens the alert changed, in the step's transaction;
 * the event carries the alert's organisation and exercise so the stream shows it only to readers
 * whose grants cover them.
 */
async function recordStep(
  ctx: AppContext,
  trx: Q,
  info: ActorInfo,
  event: AuditEvent & { subjectId: string },
) {
  const row = await alertRepository.get(trx, event.subjectId);
  if (row)
    await appendEvent(ctx, trx, {
      type: 'alert.changed',
      organisationId: row.organisation_id,
      exerciseId: row.exercise_id,
      subjectType: 'alert',
      subjectId: row.id,
      payload: { thread: row.thread_id, state: row.state, status: row.status },
    });
  // Last, so the audit chain's lock is held only for the entry and the commit.
  await appendAudit(ctx, trx, info, event);
}

const refusalError = (r: AlertRefusal) => new AppError(r.code, r.status, r.reason);

const staleVersion = () =>
  new AppError(
    'stale_version',
    409,
    'Someone changed this alert since you opened it; reload it and try again',
    'version',
  );

function problemsError(problems: AlertProblem[], stage: 'save' | 'submit'): AppError {
  const first = problems[0]!;
  return new AppError(
    stage === 'save' ? 'invalid_input' : 'alert_incomplete',
    422,
    problems.length === 1
      ? `${first.field}: ${first.problem}`
      : `${first.field}: ${first.problem} (and ${problems.length - 1} more)`,
    first.field,
    problems,
  );
}

/** Where an alert lives: its organisation; none (null, the installation's) is acted on by unscoped grants only. */
const scopeOf = (row: Pick<AlertRow, 'organisation_id'>): Scope => ({ organisationId: row.organisation_id });

/** What the actor may do to this alert, their grants' scope applied. */
const workflowActor = (actor: Actor | null, info: ActorInfo, row: AlertRow): WorkflowActor => ({
  userId: info.userId,
  canDraft: actor !== null && can(actor, 'alerts:draft', scopeOf(row)),
  canApprove: actor !== null && can(actor, 'alerts:approve', scopeOf(row)),
});

/** An alert of another organisation than the reader's is "not found" to them, as a notice is. */
function checkReads(actor: Actor | null, row: AlertRow | undefined): AlertRow {
  if (!row || (actor !== null && !can(actor, 'alerts:read', scopeOf(row)))) throw notFound('The alert');
  return row;
}

/** The alert, when the reader may see it (its organisation is theirs); else "not found". */
export async function readableAlert(ctx: AppContext, actor: Actor, id: string): Promise<AlertRow> {
  return checkReads(actor, await alertRepository.get(ctx.db.kysely, id));
}

const issued = (r: AlertRow) => r.state === 'sent' || r.state === 'approved';

function workflowFacts(row: AlertRow, thread: AlertRow[]): WorkflowAlert {
  const latest = [...thread].reverse().find(issued);
  return {
    state: row.state as WorkflowAlert['state'],
    status: row.status as AlertStatus,
    drafters: draftersOf(row),
    submittedBy: row.submitted_by,
    threadCancelled: thread.some((r) => r.msg_type === 'Cancel' && issued(r)),
    latestIssued: latest?.id === row.id,
    followUpPending: thread.some((r) => r.sequence > row.sequence && !issued(r)),
  };
}

function draftOf(row: AlertRow): AlertDraft {
  return {
    status: row.status as AlertStatus,
    exerciseId: row.exercise_id,
    audience: row.audience as AlertAudience,
    hazard: row.hazard as Hazard,
    texts: JSON.parse(row.texts) as AlertTexts,
    area: JSON.parse(row.area) as AlertArea,
    expiresAt: row.expires_at,
  };
}

async function exerciseFacts(db: Q, exerciseId: string | null) {
  if (exerciseId === null) return undefined;
  const ex = await exerciseRepository.get(db, exerciseId);
  return ex
    ? { exists: true, includesPublic: ex.includes_public === 1, name: ex.name }
    : { exists: false, includesPublic: false, name: null };
}

async function present(
  ctx: AppContext,
  row: AlertRow,
  actor: Actor | null,
  info: ActorInfo,
  reach: (row: AlertRow) => Promise<Reach> = reachReader(ctx),
): Promise<Alert> {
  const db = ctx.db.kysely;
  const facts = workflowFacts(row, await alertRepository.thread(db, row.thread_id));
  const who = workflowActor(actor, info, row);
  const actions = Object.fromEntries(
    ALERT_ACTIONS.map((a) => {
      const r = alertRefusal(a, facts, who);
      return [a, r ? { allowed: false, code: r.code, reason: r.reason } : { allowed: true }];
    }),
  ) as Alert['actions'];
  // Before approval an authoriser sees whom it would reach; afterwards the outbox tells. A list
  // shows kept figures where nothing they were counted from changed; approval counts afresh.
  const shown = row.state === 'draft' || row.state === 'awaiting_approval' ? await reach(row) : null;
  return toAlert(row, actions, shown, ctx.config.alertWideAreaKm2);
}

async function loadForWrite(trx: Q, id: string, version: number | undefined): Promise<AlertRow> {
  const row = await alertRepository.get(trx, id);
  if (!row) throw notFound('The alert');
  if (version !== undefined && row.version !== version) throw staleVersion();
  return row;
}

/** Load for write → refusal → the step's own work: the shape every step of the workflow shares. */
async function allowed(
  trx: Q,
  action: AlertAction,
  id: string,
  version: number | undefined,
  actor: Actor,
  info: ActorInfo,
) {
  const row = checkReads(actor, await loadForWrite(trx, id, version));
  const thread = await alertRepository.thread(trx, row.thread_id);
  const r = alertRefusal(action, workflowFacts(row, thread), workflowActor(actor, info, row));
  if (r) throw refusalError(r);
  return { row, thread };
}

async function write(trx: Q, row: AlertRow, patch: Partial<AlertRow>): Promise<void> {
  if (!(await alertRepository.update(trx, row.id, row.version, patch))) throw staleVersion();
}

export async function getAlert(
  ctx: AppContext,
  actor: Actor | null,
  info: ActorInfo,
  id: string,
): Promise<Alert> {
  const row = checkReads(actor, await alertRepository.get(ctx.db.kysely, id));
  return present(ctx, row, actor, info);
}

export async function listAlerts(
  ctx: AppContext,
  actor: Actor,
  info: ActorInfo,
  filter: AlertFilter = {},
): Promise<Alert[]> {
  const rows = (await alertRepository.list(ctx.db.kysely, filter)).filter((r) =>
    can(actor, 'alerts:read', scopeOf(r)),
  );
  const reach = reachReader(ctx);
  return Promise.all(rows.map((r) => present(ctx, r, actor, info, reach)));
}

/** Every message of the alert's thread, oldest first. */
export async function alertThread(
  ctx: AppContext,
  actor: Actor,
  info: ActorInfo,
  id: string,
): Promise<Alert[]> {
  const row = checkReads(actor, await alertRepository.get(ctx.db.kysely, id));
  const rows = await alertRepository.thread(ctx.db.kysely, row.thread_id);
  const reach = reachReader(ctx);
  return Promise.all(rows.map((r) => present(ctx, r, actor, info, reach)));
}

function mergeTexts(
  hazard: Hazard,
  names: AlertInput['areaNames'],
  given: AlertTexts | undefined,
): AlertTexts {
  const template = textsFromTemplate(hazard, names ?? {});
  return { kk: given?.kk ?? template.kk, ru: given?.ru ?? template.ru, en: given?.en ?? template.en };
}

const areaNamesOf = (texts: AlertTexts): Partial<Record<AlertLanguage, string>> =>
  Object.fromEntries(Object.entries(texts).map(([l, t]) => [l, t.areaDesc]));

/** A new name for the area, put wherever each language's text used the old one. */
function renameArea(texts: AlertTexts, names: AlertInput['areaNames']): AlertTexts {
  if (!names) return texts;
  const out: AlertTexts = { ...texts };
  for (const [lang, name] of Object.entries(names) as [AlertLanguage, string][]) {
    const t = out[lang];
    if (!t || !name.trim()) continue;
    const swap = (s: string) => (t.areaDesc ? s.replaceAll(t.areaDesc, name.trim()) : s);
    out[lang] = {
      headline: swap(t.headline),
      description: swap(t.description),
      instruction: swap(t.instruction),
      areaDesc: name.trim(),
    };
  }
  return out;
}

/** Starts an alert from its hazard's template; the drafter is the creator. */
export async function createAlert(
  ctx: AppContext,
  info: SignedIn,
  actor: Actor,
  input: AlertInput,
): Promise<Alert> {
  if (!can(actor, 'alerts:draft'))
    throw new AppError('alert_permission', 403, 'Only a person who drafts alerts may do this.');
  const now = ctx.clock.now().toISOString();
  const id = randomUUID();
  const draft: AlertDraft = {
    status: input.status,
    exerciseId: input.exerciseId ?? null,
    audience:
      input.audience ?? (input.status === 'Exercise' || input.status === 'Test' ? 'exercise' : 'public'),
    hazard: input.hazard,
    texts: mergeTexts(input.hazard, input.areaNames, input.texts),
    area: input.area,
    expiresAt: input.expiresAt,
  };
  // The alert is its drafter's organisation's, and signed with that organisation's key: the one
  // named, which must be theirs, else their own; the installation's only for an unscoped drafter.
  const organisationId = owningOrganisation(actor, 'alerts:draft', input.organisationId, 'organisationId');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const problems = validateAlert(
      draft,
      'save',
      ctx.clock.now(),
      await exerciseFacts(trx, draft.exerciseId),
    );
    if (organisationId && !(await organisationRepository.get(trx, organisationId)))
      problems.push({ field: 'organisationId', problem: 'no such organisation' });
    if (problems.length > 0) throw problemsError(problems, 'save');
    await alertRepository.insert(trx, {
      id,
      thread_id: id,
      sequence: 1,
      msg_type: 'Alert',
      status: draft.status,
      organisation_id: organisationId,
      exercise_id: draft.exerciseId,
      audience: draft.audience,
      hazard: draft.hazard,
      state: 'draft',
      texts: JSON.stringify(draft.texts),
      area: JSON.stringify(draft.area),
      expires_at: new Date(draft.expiresAt).toISOString(),
      note: null,
      version: 1,
      drafters: JSON.stringify([info.userId]),
      created_by: info.userId,
      submitted_by: null,
      submitted_at: null,
      approved_by: null,
      approved_at: null,
      cap_identifier: null,
      cap_sent: null,
      cap_xml: null,
      sign_error: null,
      created_at: now,
      updated_at: now,
    });
    await recordStep(ctx, trx, info, {
      action: 'alert.created',
      subjectType: 'alert',
      subjectId: id,
      detail: {
        status: draft.status,
        hazard: draft.hazard,
        exerciseId: draft.exerciseId,
        audience: draft.audience,
      },
    });
  });
  return getAlert(ctx, actor, info, id);
}

/** Edits a draft; whoever edits becomes one of its drafters. Status and exercise never change. */
export async function editAlert(
  ctx: AppContext,
  info: SignedIn,
  actor: Actor,
  id: string,
  version: number,
  patch: AlertPatch,
): Promise<Alert> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row } = await allowed(trx, 'edit', id, version, actor, info);
    const before = draftOf(row);
    const hazard = patch.hazard ?? before.hazard;
    const draft: AlertDraft = {
      ...before,
      hazard,
      audience: patch.audience ?? before.audience,
      area: patch.area ?? before.area,
      expiresAt: patch.expiresAt ?? before.expiresAt,
      texts: patch.hazard
        ? mergeTexts(hazard, patch.areaNames ?? areaNamesOf(before.texts), patch.texts)
        : renameArea({ ...before.texts, ...patch.texts }, patch.areaNames),
    };
    const problems = validateAlert(
      draft,
      'save',
      ctx.clock.now(),
      await exerciseFacts(trx, draft.exerciseId),
    );
    if (problems.length > 0) throw problemsError(problems, 'save');
    await write(trx, row, {
      hazard: draft.hazard,
      audience: draft.audience,
      texts: JSON.stringify(draft.texts),
      area: JSON.stringify(draft.area),
      expires_at: new Date(draft.expiresAt).toISOString(),
      drafters: JSON.stringify([...new Set([...draftersOf(row), info.userId])]),
      updated_at: ctx.clock.now().toISOString(),
    });
    await recordStep(ctx, trx, info, {
      action: 'alert.edited',
      subjectType: 'alert',
      subjectId: id,
      detail: { fields: Object.keys(patch) },
    });
  });
  return getAlert(ctx, actor, info, id);
}

/** Puts a complete draft in the approval queue. */
export async function submitAlert(
  ctx: AppContext,
  info: SignedIn,
  actor: Actor,
  id: string,
  version: number,
): Promise<Alert> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row } = await allowed(trx, 'submit', id, version, actor, info);
    const draft = draftOf(row);
    const problems = validateAlert(
      draft,
      'submit',
      ctx.clock.now(),
      await exerciseFacts(trx, draft.exerciseId),
    );
    if (problems.length > 0) throw problemsError(problems, 'submit');
    const now = ctx.clock.now().toISOString();
    await write(trx, row, {
      state: 'awaiting_approval',
      submitted_by: info.userId,
      submitted_at: now,
      drafters: JSON.stringify([...new Set([...draftersOf(row), info.userId])]),
      updated_at: now,
    });
    await recordStep(ctx, trx, info, {
      action: 'alert.submitted',
      subjectType: 'alert',
      subjectId: id,
      detail: { status: row.status },
    });
  });
  return getAlert(ctx, actor, info, id);
}

/** Sends an alert awaiting approval back to draft, with the reason. */
export async function returnAlert(
  ctx: AppContext,
  info: SignedIn,
  actor: Actor,
  id: string,
  version: number,
  reason: string,
): Promise<Alert> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row } = await allowed(trx, 'return', id, version, actor, info);
    await write(trx, row, { state: 'draft', updated_at: ctx.clock.now().toISOString() });
    await recordStep(ctx, trx, info, {
      action: 'alert.returned',
      subjectType: 'alert',
      subjectId: id,
      detail: { reason: reason.slice(0, 500) },
    });
  });
  return getAlert(ctx, actor, info, id);
}

function senderOf(ctx: AppContext): string {
  let host = 'localhost';
  try {
    host = new URL(ctx.config.publicUrl).hostname || host;
  } catch {
    // keep localhost
  }
  return `alerts@${host}`;
}

/**
 * Builds, checks and signs one message of a thread; throws AppError for a message our rules
 * refuse and {@link AlertSigningError} when it cannot be signed.
 */
async function issue(ctx: AppContext, trx: Q, row: AlertRow, thread: AlertRow[], now: Date) {
  const built = await buildAlertCap(ctx, trx, row, thread, now);
  return {
    identifier: built.alert.identifier,
    sent: built.alert.sent,
    xml: signAlertXml(ctx.config, row.organisation_id, built.xml),
  };
}

/** The CAP message a message of the thread is issued as, unsigned: what approval signs and previews show. */
export async function buildAlertCap(ctx: AppContext, trx: Q, row: AlertRow, thread: AlertRow[], now: Date) {
  const sender = senderOf(ctx);
  const identifier = alertCapIdentifier(sender, row.id);
  const org = row.organisation_id ? await organisationRepository.get(trx, row.organisation_id) : undefined;
  const exercise = await exerciseFacts(trx, row.exercise_id);
  let built;
  try {
    built = alertCapXml({
      identifier,
      sender,
      senderName: org?.name ?? null,
      sent: now,
      status: row.status as AlertStatus,
      msgType: row.msg_type as 'Alert' | 'Update' | 'Cancel',
      hazard: row.hazard as Hazard,
      texts: JSON.parse(row.texts) as AlertTexts,
      area: JSON.parse(row.area) as AlertArea,
      expiresAt: row.expires_at,
      exerciseName: exercise?.name ?? null,
      note: row.note,
      references: thread
        .filter((r) => r.sequence < row.sequence && issued(r) && r.cap_identifier && r.cap_sent)
        .map((r) => ({ sender, identifier: r.cap_identifier!, sent: r.cap_sent! })),
    });
  } catch (err) {
    if (err instanceof AlertCapError)
      throw new AppError('alert_cap_invalid', 422, err.message, err.findings[0]?.path);
    throw err;
  }
  return built;
}

/**
 * After the approval rolled back: marks the message awaiting approval with why it was not signed,
 * and audits it. A failed Cancel is only audited: the message it would cancel was sent, and saying
 * "not sent" on it would be wrong.
 */
async function recordSigningFailure(
  ctx: AppContext,
  info: ActorInfo,
  id: string,
  reason: string,
  step: 'approve' | 'cancel',
) {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await alertRepository.get(trx, id);
    if (row && step === 'approve')
      await alertRepository.update(trx, id, row.version, {
        sign_error: reason,
        updated_at: ctx.clock.now().toISOString(),
      });
    await recordStep(ctx, trx, info, {
      action: 'alert.not-signed',
      subjectType: 'alert',
      subjectId: id,
      detail: { reason, step },
    });
  });
}

/** Issues the message and, for Actual, Exercise and Test, asks the outbox to send it, in the caller's transaction. */
async function issueAndSend(
  ctx: AppContext,
  trx: Q,
  info: SignedIn,
  row: AlertRow,
  thread: AlertRow[],
  action: 'alert.approved' | 'alert.cancelled',
) {
  const now = ctx.clock.now();
  const { identifier, sent, xml } = await issue(ctx, trx, row, thread, now);
  const status = row.status as AlertStatus;
  await write(trx, row, {
    state: stateAfterApproval(status),
    approved_by: info.userId,
    approved_at: now.toISOString(),
    cap_identifier: identifier,
    cap_sent: sent,
    cap_xml: xml,
    sign_error: null,
    updated_at: now.toISOString(),
  });
  const mode = trafficModeOf(status);
  if (mode && !isNeverSent(status))
    await requestFanOut(ctx, trx, {
      sourceKind: 'alert',
      sourceId: row.thread_id,
      sequence: row.sequence,
      mode,
      // Only drill traffic names its exercise: the outbox refuses actual traffic that names one.
      exerciseId: mode === 'actual' ? null : row.exercise_id,
      priority: row.msg_type === 'Alert' ? 0 : CORRECTION_PRIORITY,
    });
  // A real alert (or its Update or Cancel) changes the public site's home page, in this transaction.
  if (mode === 'actual') await touchPortal(trx, now);
  await recordStep(ctx, trx, info, {
    action,
    subjectType: 'alert',
    subjectId: row.id,
    detail: {
      thread: row.thread_id,
      sequence: row.sequence,
      status,
      msgType: row.msg_type,
      identifier,
      sent: mode ?? 'not sent',
    },
  });
}

/**
 * Approves an alert awaiting approval with the authoriser's second factor: issues it as signed
 * CAP and hands it to the outbox. An alert that cannot be signed stays awaiting approval, with
 * the reason on it.
 */
export async function approveAlert(
  ctx: AppContext,
  info: SignedIn,
  actor: Actor,
  id: string,
  version: number,
  totp: string | undefined,
  confirmReach?: number,
): Promise<Alert> {
  await checkWideAreaConfirmed(ctx, id, confirmReach);
  try {
    await withSecondFactor(ctx, info, { subjectType: 'alert', subjectId: id }, async (trx) => {
      const { row, thread } = await allowed(trx, 'approve', id, version, actor, info);
      const draft = draftOf(row);
      const problems = validateAlert(
        draft,
        'submit',
        ctx.clock.now(),
        await exerciseFacts(trx, draft.exerciseId),
      );
      if (problems.length > 0) throw problemsError(problems, 'submit');
      await useTotpCode(ctx, trx, info, totp, { action: 'alert.approved' });
      await issueAndSend(ctx, trx, info, row, thread, 'alert.approved');
    });
  } catch (err) {
    if (err instanceof AlertSigningError) await recordSigningFailure(ctx, info, id, err.reason, 'approve');
    throw err;
  }
  return getAlert(ctx, actor, info, id);
}

/**
 * An alert for a wide area (a region, the country) is approved only by naming the number of people
 * it reaches now, so a slip of the map cannot send a district's alert to the nation. Checked before
 * the second factor is used, so a wrong count costs the authoriser no code.
 */
async function checkWideAreaConfirmed(ctx: AppContext, id: string, confirmReach: number | undefined) {
  const row = await alertRepository.get(ctx.db.kysely, id);
  if (!row) return; // the approval itself answers "not found"
  const area = JSON.parse(row.area) as AlertArea;
  if (!isWideArea(area, ctx.config.alertWideAreaKm2)) return;
  // Counted afresh, never a kept figure: this count is the last look before the nation is warned.
  const { residents, participants } = await alertReach(ctx, row);
  const count = residents + participants;
  if (confirmReach === count) return;
  const km2 = Math.round(areaKm2(area));
  const params = { count: String(count), areaKm2: String(km2) };
  const detail =
    confirmReach === undefined
      ? `This alert covers ${km2.toLocaleString('en')} km² and reaches ${count.toLocaleString('en')} people: approve it by typing that number`
      : `confirmReach: ${confirmReach.toLocaleString('en')} is not the ${count.toLocaleString('en')} people this alert reaches now`;
  throw new AppError('alert_confirm_reach', 422, detail, 'confirmReach', undefined, params);
}

async function followUp(
  trx: Q,
  from: AlertRow,
  thread: AlertRow[],
  info: SignedIn,
  now: string,
  over: Partial<AlertRow>,
): Promise<AlertRow> {
  const row: AlertRow = {
    ...from,
    id: randomUUID(),
    sequence: Math.max(...thread.map((r) => r.sequence)) + 1,
    state: 'draft',
    note: null,
    version: 1,
    drafters: JSON.stringify([info.userId]),
    created_by: info.userId,
    submitted_by: null,
    submitted_at: null,
    approved_by: null,
    approved_at: null,
    cap_identifier: null,
    cap_sent: null,
    cap_xml: null,
    sign_error: null,
    created_at: now,
    updated_at: now,
    ...over,
  };
  await alertRepository.insert(trx, row);
  return row;
}

/**
 * Starts an Update of the newest issued message of a thread, as a draft with the same status,
 * exercise and audience (they never change within a thread); `allClear` starts it from the
 * "all clear" template.
 */
export async function startAlertUpdate(
  ctx: AppContext,
  info: SignedIn,
  actor: Actor,
  id: string,
  opts: { allClear?: boolean; note?: string | null } = {},
): Promise<Alert> {
  let newId = '';
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row, thread } = await allowed(trx, 'update', id, undefined, actor, info);
    const now = ctx.clock.now().toISOString();
    const texts = JSON.parse(row.texts) as AlertTexts;
    const names = areaNamesOf(texts);
    const next = await followUp(trx, row, thread, info, now, {
      msg_type: 'Update',
      note: opts.note?.trim().slice(0, 500) || null,
      ...(opts.allClear
        ? { hazard: 'all-clear', texts: JSON.stringify(textsFromTemplate('all-clear', names)) }
        : {}),
    });
    newId = next.id;
    await recordStep(ctx, trx, info, {
      action: 'alert.update-started',
      subjectType: 'alert',
      subjectId: next.id,
      detail: { thread: row.thread_id, from: row.id, allClear: opts.allClear === true },
    });
  });
  return getAlert(ctx, actor, info, newId);
}

/**
 * Cancels an alert in one action: a Cancel of the thread's newest issued message, signed and sent
 * at once to everyone an earlier message reached, ahead of first publications. It needs an
 * authoriser's second factor but no second person: a cancellation must not wait.
 */
export async function cancelAlert(
  ctx: AppContext,
  info: SignedIn,
  actor: Actor,
  id: string,
  reason: string,
  totp: string | undefined,
): Promise<Alert> {
  const note = reason.trim().slice(0, 500);
  if (!note) throw new AppError('invalid_input', 422, 'reason: say why the alert is cancelled', 'reason');
  let cancelId = '';
  await withSecondFactor(ctx, info, { subjectType: 'alert', subjectId: id }, async (trx) => {
    const any = checkReads(actor, await loadForWrite(trx, id, undefined));
    const thread = await alertRepository.thread(trx, any.thread_id);
    const latest = [...thread].reverse().find(issued);
    if (!latest)
      throw new AppError('alert_state', 409, 'The alert was never issued; there is nothing to cancel.');
    const r = alertRefusal('cancel', workflowFacts(latest, thread), workflowActor(actor, info, latest));
    if (r) throw refusalError(r);
    await useTotpCode(ctx, trx, info, totp, { action: 'alert.cancelled' });
    const now = ctx.clock.now().toISOString();
    const cancel = await followUp(trx, latest, thread, info, now, {
      msg_type: 'Cancel',
      note,
      state: 'awaiting_approval',
      submitted_by: info.userId,
      submitted_at: now,
    });
    cancelId = cancel.id;
    await issueAndSend(ctx, trx, info, cancel, [...thread, cancel], 'alert.cancelled');
  }).catch(async (err: unknown) => {
    if (err instanceof AlertSigningError) await recordSigningFailure(ctx, info, id, err.reason, 'cancel');
    throw err;
  });
  return getAlert(ctx, actor, info, cancelId);
}

/** The signed CAP message of an issued alert. */
export async function alertCap(ctx: AppContext, id: string): Promise<string> {
  const row = await alertRepository.get(ctx.db.kysely, id);
  if (!row?.cap_xml) throw notFound('An issued CAP message of this alert');
  return row.cap_xml;
}
