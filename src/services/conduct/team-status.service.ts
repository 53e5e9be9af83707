import type { Actor } from '../../core/policy/policy.js';
import type { AppContext } from '../context.js';
import { takeConduct } from './conduct.js';

/** An inject a team has in its inboxes that none of its players has acknowledged yet. */
export interface Unacknowledged {
  injectId: string;
  number: string;
  deliveredAt: string;
}

/** How one team is doing: what reached it, what it confirmed, what it reported, and what waits. */
export interface TeamStatus {
  teamId: string;
  name: string;
  /** Players of the team in the plan, and how many of them have a Dabyl account to play with. */
  players: number;
  seated: number;
  /** Injects that reached at least one of the team's inboxes, and how many of those were confirmed. */
  received: number;
  acknowledged: number;
  /** Oldest first: the one a controller chases. */
  waiting: Unacknowledged[];
  reports: number;
  /** The team's latest acknowledgement or report. */
  lastActivityAt: string | null;
}

const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

/**
 * Per team of the exercise, for the control room: injects received and acknowledged (by any of its
 * players), those still waiting for an acknowledgement, reports, and when it last did anything.
 * Whoever watches the injects reads it.
 */
export async function teamStatus(ctx: AppContext, actor: Actor, exerciseId: string): Promise<TeamStatus[]> {
  const db = ctx.db.kysely;
  await takeConduct(ctx, db, exerciseId, actor, 'read');
  const [teams, people, inbox, reports] = await Promise.all([
    db
      .selectFrom('teams')
      .select(['id', 'name'])
      .where('exercise_id', '=', exerciseId)
      .orderBy('name')
      .execute(),
    db
      .selectFrom('exercise_people')
      .select(['team_id', 'user_id'])
      .where('exercise_id', '=', exerciseId)
      .where('team_id', 'is not', null)
      // An evaluator or controller assigned to watch a team is not one of its players.
      .where('role', '=', 'player')
      .execute(),
    db
      .selectFrom('inbox_messages as m')
      .innerJoin('exercise_people as p', (j) =>
        j
          .onRef('p.user_id', '=', 'm.user_id')
          .on('p.exercise_id', '=', exerciseId)
          .on('p.role', '=', 'player'),
      )
      .innerJoin('inject_runs as i', 'i.id', 'm.source_id')
      .select(['p.team_id', 'm.source_id', 'i.number', 'm.delivered_at', 'm.acknowledged_at'])
      .where('m.exercise_id', '=', exerciseId)
      .where('m.source_kind', '=', 'inject')
      .where('p.team_id', 'is not', null)
      .execute(),
    db
      .selectFrom('player_reports')
      .select(['team_id', 'created_at'])
      .where('exercise_id', '=', exerciseId)
      .where('team_id', 'is not', null)
      .execute(),
  ]);
  return teams.map((team): TeamStatus => {
    const members = people.filter((p) => p.team_id === team.id);
    // Per inject: first delivery to the team, and whether anyone of the team confirmed it.
    const injects = new Map<string, { number: string; deliveredAt: string; acknowledged: boolean }>();
    let last: string | null = null;
    for (const m of inbox.filter((r) => r.team_id === team.id)) {
      const seen = injects.get(m.source_id);
      injects.set(m.source_id, {
        number: m.number,
        deliveredAt: seen && seen.deliveredAt < m.delivered_at ? seen.deliveredAt : m.delivered_at,
        acknowledged: (seen?.acknowledged ?? false) || m.acknowledged_at !== null,
      });
      last = later(last, m.acknowledged_at);
    }
    const ours = reports.filter((r) => r.team_id === team.id);
    for (const r of ours) last = later(last, r.created_at);
    const waiting = [...injects.entries()]
      .filter(([, i]) => !i.acknowledged)
      .map(([injectId, i]) => ({ injectId, number: i.number, deliveredAt: i.deliveredAt }))
      .sort((a, b) => a.deliveredAt.localeCompare(b.deliveredAt));
    return {
      teamId: team.id,
      name: team.name,
      players: members.length,
      seated: members.filter((m) => m.user_id !== null).length,
      received: injects.size,
      acknowledged: injects.size - waiting.length,
      waiting,
      reports: ours.length,
      lastActivityAt: last,
    };
  });
}
