import {
  checkBranching,
  milestonesOf,
  type Branching,
  type ReleaseOn,
} from '../../core/conduct/branching.js';
import type { Actor } from '../../core/policy/policy.js';
import { badField, forbidden, notFound } from '../../errors.js';
import { branchingRepository } from '../../store/branching.repository.js';
import type { MselBranchingRow } from '../../store/conduct-tables.js';
import { mselRepository } from '../../store/msel.repository.js';
import type { ActorInfo, AppContext } from '../context.js';
import { cleanText } from '../text.js';
import { mayReadControllerSide, readableExercise } from './exercises.service.js';
import { editPlan } from './plan.service.js';

/** An exercise's branching as planned: per MSEL event, and the milestones it names. */
export interface BranchingPlan {
  events: Branching[];
  milestones: string[];
}

export interface BranchingInput {
  decision?: { question: string; options: string[] } | null | undefined;
  releaseOn?: ReleaseOn | null | undefined;
}

export function branchingOf(r: MselBranchingRow): Branching {
  const releaseOn: ReleaseOn | null =
    r.release_kind === 'decision'
      ? {
          kind: 'decision',
          eventId: r.release_event_id ?? '',
          option: r.release_option ?? '',
          delayMinutes: r.delay_minutes,
        }
      : r.release_kind === 'milestone'
        ? { kind: 'milestone', milestone: r.release_milestone ?? '', delayMinutes: r.delay_minutes }
        : null;
  return {
    eventId: r.event_id,
    decision:
      r.question !== null
        ? { question: r.question, options: JSON.parse(r.options ?? '[]') as string[] }
        : null,
    releaseOn,
  };
}

/** The branching of an exercise's MSEL: for those who read its controller side, as the MSEL is. */
export async function getBranching(
  ctx: AppContext,
  policy: Actor,
  exerciseId: string,
): Promise<BranchingPlan> {
  const db = ctx.db.kysely;
  const { scope } = await readableExercise(db, policy, exerciseId);
  if (!mayReadControllerSide(policy, scope))
    throw forbidden('The MSEL is for controllers, evaluators and planners only');
  const events = (await branchingRepository.planned(db, exerciseId)).map(branchingOf);
  return { events, milestones: milestonesOf(events) };
}

/** The longest question, option and milestone a branching holds (the sheet import keeps them too). */
export const BRANCHING_TEXT_LIMITS = { question: 500, option: 120, milestone: 200 } as const;

function cleanInput(eventId: string, input: BranchingInput): Branching {
  const d = input.decision;
  const r = input.releaseOn;
  return {
    eventId,
    decision: d
      ? {
          question: cleanText(d.question, 'decision.question', BRANCHING_TEXT_LIMITS.question),
          options: d.options.map((o, i) =>
            cleanText(o, `decision.options.${i}`, BRANCHING_TEXT_LIMITS.option),
          ),
        }
      : null,
    releaseOn: !r
      ? null
      : r.kind === 'milestone'
        ? { ...r, milestone: cleanText(r.milestone, 'releaseOn.milestone', BRANCHING_TEXT_LIMITS.milestone) }
        : { ...r, option: cleanText(r.option, 'releaseOn.option', BRANCHING_TEXT_LIMITS.option) },
  };
}

/**
 * Sets what one MSEL inject asks its players and what it waits for. Checked against the exercise's
 * other branchings (options in use, chains that would wait on themselves); an approved event whose
 * branching changes goes back to review, as any reviewed change does.
 */
export async function setBranching(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  eventId: string,
  input: BranchingInput,
): Promise<Branching> {
  const next = cleanInput(eventId, input);
  return editPlan(ctx, actor, policy, exerciseId, async (trx) => {
    const events = await mselRepository.list(trx, exerciseId);
    const kinds = new Map(events.map((e) => [e.id, e.kind]));
    const event = events.find((e) => e.id === eventId);
    if (!event) throw notFound('MSEL event');
    if ((next.decision || next.releaseOn) && event.kind !== 'inject')
      throw badField(next.decision ? 'decision' : 'releaseOn', 'not_an_inject');
    if (next.releaseOn?.kind === 'decision' && kinds.get(next.releaseOn.eventId) !== 'inject')
      throw badField('releaseOn.eventId', 'not_a_decision');
    const others = (await branchingRepository.planned(trx, exerciseId))
      .filter((r) => r.event_id !== eventId)
      .map(branchingOf);
    const [problem] = checkBranching(next, others);
    if (problem) throw badField(problem.field, problem.code, problem.detail);
    const now = ctx.clock.now().toISOString();
    if (!next.decision && !next.releaseOn) await branchingRepository.remove(trx, eventId);
    else
      await branchingRepository.save(trx, {
        event_id: eventId,
        exercise_id: exerciseId,
        question: next.decision?.question ?? null,
        options: next.decision ? JSON.stringify(next.decision.options) : null,
        release_kind: next.releaseOn?.kind ?? null,
        release_event_id: next.releaseOn?.kind === 'decision' ? next.releaseOn.eventId : null,
        release_option: next.releaseOn?.kind === 'decision' ? next.releaseOn.option : null,
        release_milestone: next.releaseOn?.kind === 'milestone' ? next.releaseOn.milestone : null,
        delay_minutes: next.releaseOn?.delayMinutes ?? 0,
        updated_at: now,
      });
    const backToReview = event.approval === 'approved';
    if (backToReview) {
      await trx
        .updateTable('msel_events')
        .set({ approval: 'draft', updated_at: now })
        .where('id', '=', eventId)
        .execute();
      await trx
        .updateTable('exercises')
        .set({ msel_approval: 'draft' })
        .where('id', '=', exerciseId)
        .execute();
    }
    return {
      result: next,
      action: 'msel.event.branching',
      detail: {
        eventId,
        number: event.number,
        decision: !!next.decision,
        releaseOn: next.releaseOn?.kind ?? null,
        backToReview,
      },
    };
  });
}
