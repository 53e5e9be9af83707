import { can, isPermission, type Actor } from './policy.js';

/** What the policy needs to know of an event to decide who may see it. */
export interface EventVisibility {
  /** The permission a reader needs; stored as text, so an unknown one means nobody. */
  permission: string;
  /** null: the event belongs to no organisation (anyone holding the permission somewhere sees it). */
  organisationId: string | null;
  /** null: the event belongs to no exercise. */
  exerciseId: string | null;
  /** The one person it is for (a player's own inbox); null or absent: anyone the permission lets. */
  userId?: string | null;
}

/**
 * Whether `actor` may see an event on the live stream. The same question a route asks for the
 * record the event is about: the permission in the event's organisation and exercise. An event of
 * no organisation is seen by whoever holds the permission anywhere, as its route lets them read it.
 * An unknown permission fails closed. An event for one person is seen by that person only.
 *
 * An exercise's event is seen wherever the exercise is read: `exerciseOrganisations` are its lead
 * and every participating organisation, as its routes use them. Without them, only the event's own
 * organisation (for an exercise, its lead) counts, and a participating agency's controller would
 * miss a NO PLAY their screen must show at once.
 */
export function canSeeEvent(
  actor: Actor,
  event: EventVisibility,
  exerciseOrganisations?: readonly string[],
): boolean {
  if (!isPermission(event.permission)) return false;
  if (event.userId && event.userId !== actor.userId) return false;
  if (event.exerciseId !== null && exerciseOrganisations)
    return can(actor, event.permission, {
      exerciseId: event.exerciseId,
      organisationIds: exerciseOrganisations,
    });
  return can(actor, event.permission, {
    ...(event.organisationId !== null ? { organisationId: event.organisationId } : {}),
    ...(event.exerciseId !== null ? { exerciseId: event.exerciseId } : {}),
  });
}
