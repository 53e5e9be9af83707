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
  /**
   * Injects that reached at least one of the team's players (an inbox, or a link by e-mail or SMS),
   * and how many of those were confirmed.
   */
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
 * players, in the console or through a link), those still waiting for an acknowledgement, reports,
 * and when it last did anything. Whoever watches the injects reads it.
 */
export async function teamStatus(ctx: AppContext, actor: Actor, exerciseId: string): Promise<TeamStatus[]> {
  const db = ctx.db.kysely;
  await takeConduct(ctx, db, exerciseId, actor, 'read');
  const [teams, people, inbox, links, reports] = await Promise.all([
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
    // Players without an account are reached by a link in their e-mail or SMS (decision 0040).
    db
      .selectFrom('inject_links as l')
      .innerJoin('exercise_people as p', 'p.id', 'l.person_id')
      .innerJoin('inject_runs as i', 'i.id', 'l.run_id')
      .innerJoin('deliveries as d', 'd.id', 'l.delivery_id')
      .select([
        'p.team_id',
        'l.run_id as source_id',
        'i.number',
        'd.acknowledged_at as delivered_at',
        'l.acknowledged_at',
      ])
      .where('l.exercise_id', '=', exerciseId)
      .where('p.role', '=', 'player')
      .where('p.team_id', 'is not', null)
      .where('d.status', '=', 'sent')
      .where('d.acknowledged_at', 'is not', null)
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
    const reached = [...inbox, ...links.map((l) => ({ ...l, delivered_at: l.delivered_at! }))];
    for (const m of reached.filter((r) => r.team_id === team.id)) {
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
