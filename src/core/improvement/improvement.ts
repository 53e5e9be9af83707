/**
 * Rules of the improvement plan (HSEEP AAR/IP appendix): the states a corrective action moves
 * through, which moves are allowed, when an item is overdue, and the key that keeps a reminder to
 * once a day. Pure: dates in, answers out.
 */

import { CAPABILITY_ELEMENTS } from '../../contract/enums.js';

/** The HSEEP capability elements a corrective action addresses. */
export { CAPABILITY_ELEMENTS };
export type CapabilityElement = (typeof CAPABILITY_ELEMENTS)[number];

export const IMPROVEMENT_STATUSES = ['open', 'in_progress', 'completed', 'cancelled'] as const;
export type ImprovementStatus = (typeof IMPROVEMENT_STATUSES)[number];

/** What a proposal to test an item in a later exercise has become there. */
export const PROPOSAL_STATES = ['proposed', 'accepted', 'dismissed'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

/**
 * Allowed moves. Completed and cancelled are final, except that a completed item may be reopened
 * (a later exercise showed the fix did not hold) and a cancelled one may not: cancelling says the
 * issue no longer applies, and a new finding is a new item.
 */
const MOVES: Readonly<Record<ImprovementStatus, readonly ImprovementStatus[]>> = {
  open: ['in_progress', 'completed', 'cancelled'],
  in_progress: ['open', 'completed', 'cancelled'],
  completed: ['in_progress'],
  cancelled: [],
};

export const mayMove = (from: ImprovementStatus, to: ImprovementStatus): boolean => MOVES[from].includes(to);

/** The states a reader may move an item to from `from`, in the order the console offers them. */
export const movesFrom = (from: ImprovementStatus): readonly ImprovementStatus[] => MOVES[from];

/** Still to be done: only these can be overdue and are reminded of. */
export const isActive = (status: ImprovementStatus): boolean => status === 'open' || status === 'in_progress';

/** A calendar date "2026-12-03", or null when the text is not one (30 February included). */
export function parseDay(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text ? text : null;
}

/** The UTC calendar day of an instant. */
export const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

/** Overdue: still to be done and its due day is past (the due day itself is not yet late). */
export const isOverdue = (item: { status: ImprovementStatus; dueOn: string }, today: string): boolean =>
  isActive(item.status) && item.dueOn < today;

/**
 * The reminder's sequence for a day: one number per calendar day, so the outbox's key
 * (kind, item, sequence) lets at most one reminder of an item out per day, however often the job
 * runs or however many instances run it.
 */
export const reminderSequence = (today: string): number => Number(today.replaceAll('-', ''));

/** Whole days an item is late on `today` (0 when it is not). */
export function daysLate(dueOn: string, today: string): number {
  const ms = Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueOn}T00:00:00Z`);
  return Math.max(0, Math.round(ms / 86_400_000));
}
