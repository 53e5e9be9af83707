import { can, type Actor } from '../../core/policy/policy.js';
import type { AppContext } from '../context.js';
import { listObservations } from '../observations/observations.service.js';
import { takeConduct } from './conduct.js';

/** A player's report that said where it was made. */
export interface ReportPlace {
  id: string;
  injectId: string;
  injectNumber: string;
  injectTitle: string;
  team: string | null;
  author: string;
  text: string;
  at: string;
  lon: number;
  lat: number;
  photo: boolean;
}

/** An evaluator's observation that said where it was made. */
export interface ObservationPlace {
  id: string;
  author: string;
  text: string;
  at: string;
  exerciseTime: string;
  lon: number;
  lat: number;
  photo: boolean;
}

export interface ControlPlaces {
  reports: ReportPlace[];
  /** Null for a reader who watches the injects but may not read observations (a controller). */
  observations: ObservationPlace[] | null;
}

/**
 * Where the players' reports and the evaluators' observations came from, for the control room's
 * map. Whoever watches the injects sees the reports; observations only those who may read them.
 */
export async function controlPlaces(
  ctx: AppContext,
  actor: Actor,
  exerciseId: string,
): Promise<ControlPlaces> {
  const db = ctx.db.kysely;
  const conduct = await takeConduct(ctx, db, exerciseId, actor, 'read');
  const rows = await db
    .selectFrom('player_reports as r')
    .innerJoin('inject_runs as i', 'i.id', 'r.inject_run_id')
    .leftJoin('teams as t', 't.id', 'r.team_id')
    .select([
      'r.id',
      'r.inject_run_id',
      'i.number',
      'i.title',
      't.name as team',
      'r.author_name',
      'r.text',
      'r.created_at',
      'r.longitude',
      'r.latitude',
      'r.photo_type',
    ])
    .where('r.exercise_id', '=', exerciseId)
    .where('r.latitude', 'is not', null)
    .where('r.longitude', 'is not', null)
    .orderBy('r.created_at')
    .execute();
  const reports = rows.map((r): ReportPlace => ({
    id: r.id,
    injectId: r.inject_run_id,
    injectNumber: r.number,
    injectTitle: r.title,
    team: r.team,
    author: r.author_name,
    text: r.text,
    at: r.created_at,
    lon: r.longitude!,
    lat: r.latitude!,
    photo: r.photo_type !== null,
  }));
  const scope = { exerciseId, organisationId: conduct.exercise.lead_organisation_id };
  const observations = can(actor, 'observations:read', scope)
    ? (await listObservations(ctx, actor, exerciseId))
        .filter((o) => o.place)
        .map((o): ObservationPlace => ({
          id: o.id,
          author: o.author,
          text: o.text,
          at: o.observedAt,
          exerciseTime: o.exerciseTime,
          lon: o.place!.lon,
          lat: o.place!.lat,
          photo: o.photo,
        }))
        .reverse()
    : null;
  return { reports, observations };
}
