import { randomUUID } from 'node:crypto';
import {
  CAPABILITY_ELEMENTS,
  dayOf,
  IMPROVEMENT_STATUSES,
  isOverdue,
  parseDay,
  type ImprovementStatus,
} from '../../core/improvement/improvement.js';
import { can, type Actor } from '../../core/policy/policy.js';
import { badField, forbidden, notFound } from '../../errors.js';
import { exerciseRepository } from '../../store/exercise.repository.js';
import { improvementRepository, type ImprovementItemView } from '../../store/improvement.repository.js';
import { observationRepository } from '../../store/observation.repository.js';
import { organisationRepository } from '../../store/organisation.repository.js';
import { planRepository } from '../../store/plan.repository.js';
import { userRepository } from '../../store/user.repository.js';
import { appendAudit } from '../audit.service.js';
import type { ActorInfo, AppContext, Q } from '../context.js';
import { readableExercise } from '../planning/exercises.service.js';
import { cleanText } from '../text.js';
import { toItem, type ImprovementItem } from './model.js';
import { mayManage, mayRead, scopesOf, type ItemScope } from './scope.js';
import { checkTestIn } from './test-in.js';

export interface ImprovementInput {
  exerciseId: string;
  observationId?: string | null | undefined;
  capabilityId: string;
  element: string;
  issue: string;
  correctiveAction: string;
  organisationId: string;
  contactEmail?: string | null | undefined;
  owner: { userId?: string | null | undefined; name?: string | null | undefined };
  startOn: string;
  dueOn: string;
  testInExerciseId?: string | null | undefined;
}

export interface ImprovementFilter {
  status?: ImprovementStatus | undefined;
  organisationId?: string | undefined;
  capabilityId?: string | undefined;
  overdue?: boolean | undefined;
  exerciseId?: string | undefined;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

export const day = (value: string, field: string): string => {
  const d = parseDay(value);
  if (!d) throw badField(field, 'not_a_day');
  return d;
};

/** The items with their scope, those the actor may read, as the API shows them. */
export async function present(
  db: Q,
  actor: Actor,
  rows: readonly ImprovementItemView[],
  today: string,
): Promise<ImprovementItem[]> {
  const scopes = await scopesOf(
    db,
    rows,
    rows.map((r) => ({ id: r.exercise_id, lead_organisation_id: r.exercise_lead_organisation_id })),
  );
  return rows
    .filter((r) => mayRead(actor, scopes.get(r.id)!))
    .map((r) => toItem(r, today, mayManage(actor, scopes.get(r.id)!)));
}

/** One item and where it lives, if the actor may read it; else "not found". */
export async function readableItem(
  db: Q,
  actor: Actor,
  id: string,
): Promise<{ row: ImprovementItemView; scope: ItemScope }> {
  const row = await improvementRepository.viewById(db, id);
  if (!row) throw notFound('The improvement item');
  const scope = (
    await scopesOf(
      db,
      [row],
      [{ id: row.exercise_id, lead_organisation_id: row.exercise_lead_organisation_id }],
    )
  ).get(row.id)!;
  if (!mayRead(actor, scope)) throw notFound('The improvement item');
  return { row, scope };
}

/** Every item the actor's scope reaches, across all exercises, filtered. */
export async function listItems(
  ctx: AppContext,
  actor: Actor,
  filter: ImprovementFilter = {},
): Promise<ImprovementItem[]> {
  if (filter.status && !IMPROVEMENT_STATUSES.includes(filter.status))
    throw badField('status', 'one_of', { allowed: IMPROVEMENT_STATUSES.join(', ') });
  const today = dayOf(ctx.clock.now());
  const rows = (await improvementRepository.all(ctx.db.kysely)).filter(
    (r) =>
      (!filter.status || r.status === filter.status) &&
      (!filter.organisationId || r.responsible_organisation_id === filter.organisationId) &&
      (!filter.capabilityId || r.capability_id === filter.capabilityId) &&
      (!filter.exerciseId || r.exercise_id === filter.exerciseId) &&
      (filter.overdue === undefined ||
        isOverdue({ status: r.status as ImprovementStatus, dueOn: r.due_on }, today) === filter.overdue),
  );
  return present(ctx.db.kysely, actor, rows, today);
}

export async function getItem(ctx: AppContext, actor: Actor, id: string): Promise<ImprovementItem> {
  const { row, scope } = await readableItem(ctx.db.kysely, actor, id);
  return toItem(row, dayOf(ctx.clock.now()), mayManage(actor, scope));
}

/** An exercise's page: the items it raised, and those proposed to be tested in it. */
export async function exerciseItems(
  ctx: AppContext,
  actor: Actor,
  exerciseId: string,
): Promise<{ raised: ImprovementItem[]; proposed: ImprovementItem[]; mayPlan: boolean }> {
  const db = ctx.db.kysely;
  const { row, scope } = await readableExercise(db, actor, exerciseId);
  const plan = can(actor, 'exercises:plan', { exerciseId: row.id, organisationId: row.lead_organisation_id });
  if (!can(actor, 'improvement:read', scope) && !plan)
    throw forbidden('Only those who read or manage the improvement plan see its items');
  const today = dayOf(ctx.clock.now());
  const rows = await improvementRepository.ofExercise(db, exerciseId);
  const readable = await present(db, actor, rows, today);
  const seen = new Set(readable.map((i) => i.id));
  // The planner of the later exercise sees what is proposed to it even when the item's own
  // exercise is another agency's: deciding on the proposal is their planning.
  const proposedRows = rows.filter((r) => r.test_in_exercise_id === exerciseId);
  const proposed = proposedRows.map((r) => readable.find((i) => i.id === r.id) ?? toItem(r, today, false));
  return {
    raised: readable.filter((i) => i.exerciseId === exerciseId && seen.has(i.id)),
    proposed: plan ? proposed : proposed.filter((i) => seen.has(i.id)),
    mayPlan: plan,
  };
}

/**
 * Raises a corrective action. Directors and planners (improvement:manage) raise any; an evaluator
 * raises one only from an observation of an exercise they record in, which is how the evaluation
 * hands its areas for improvement to the plan.
 */
export async function createItem(
  ctx: AppContext,
  who: ActorInfo,
  actor: Actor,
  input: ImprovementInput,
): Promise<ImprovementItem> {
  const db = ctx.db.kysely;
  const exercise = await exerciseRepository.get(db, input.exerciseId);
  if (!exercise) throw badField('exerciseId', 'no_such_exercise');
  const { scope: exerciseScope } = await readableExercise(db, actor, exercise.id);
  const organisation = await organisationRepository.get(db, input.organisationId);
  if (!organisation) throw badField('organisationId', 'no_such_organisation');
  const scope: ItemScope = {
    organisationIds: [...new Set([...exerciseScope.organisationIds, organisation.id])],
    exerciseId: exercise.id,
  };
  const fromObservation = Boolean(input.observationId);
  if (
    !mayManage(actor, scope) &&
    !(fromObservation && mayRead(actor, scope) && can(actor, 'observations:record', exerciseScope))
  )
    throw forbidden(
      'Only directors and planners raise improvement items; evaluators raise them from observations',
    );

  if (input.observationId) {
    const obs = await observationRepository.byId(db, input.observationId);
    if (!obs || obs.exercise_id !== exercise.id) throw badField('observationId', 'no_such_observation');
  }
  const capabilities = await planRepository.coreCapabilities(db);
  if (!capabilities.some((c) => c.id === input.capabilityId))
    throw badField('capabilityId', 'no_such_core_capability');
  if (!(CAPABILITY_ELEMENTS as readonly string[]).includes(input.element))
    throw badField('element', 'one_of', { allowed: CAPABILITY_ELEMENTS.join(', ') });
  const issue = cleanText(input.issue, 'issue', 2000);
  const action = cleanText(input.correctiveAction, 'correctiveAction', 2000);
  const contact = input.contactEmail?.trim() || null;
  if (contact && (!EMAIL.test(contact) || contact.length > 254)) throw badField('contactEmail', 'not_email');
  let ownerName = input.owner.name?.trim() ? cleanText(input.owner.name, 'owner.name', 200) : null;
  const ownerUserId = input.owner.userId || null;
  if (ownerUserId) {
    const user = await userRepository.get(db, ownerUserId);
    if (!user) throw badField('owner.userId', 'no_such_user');
    ownerName ??= user.display_name;
  }
  if (!ownerName) throw badField('owner.name', 'not_empty');
  const startOn = day(input.startOn, 'startOn');
  const dueOn = day(input.dueOn, 'dueOn');
  if (dueOn < startOn) throw badField('dueOn', 'must_be_after', { other: 'startOn' });
  const testIn = input.testInExerciseId
    ? await checkTestIn(db, actor, exercise, input.testInExerciseId)
    : null;

  const id = randomUUID();
  const at = ctx.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await improvementRepository.insert(trx, {
      id,
      exercise_id: exercise.id,
      observation_id: input.observationId || null,
      capability_id: input.capabilityId,
      element: input.element,
      issue,
      corrective_action: action,
      responsible_organisation_id: organisation.id,
      contact_email: contact,
      owner_user_id: ownerUserId,
      owner_name: ownerName,
      start_on: startOn,
      due_on: dueOn,
      status: 'open',
      status_changed_at: at,
      test_in_exercise_id: testIn?.id ?? null,
      proposal_state: testIn ? 'proposed' : null,
      proposal_objective_id: null,
      version: 1,
      created_by: who.userId ?? 'system',
      created_at: at,
      updated_at: at,
    });
    await appendAudit(ctx, trx, who, {
      action: 'improvement.created',
      subjectType: 'improvement',
      subjectId: id,
      detail: {
        exerciseId: exercise.id,
        observationId: input.observationId || null,
        dueOn,
        testInExerciseId: testIn?.id ?? null,
      },
    });
  });
  return getItem(ctx, actor, id);
}
