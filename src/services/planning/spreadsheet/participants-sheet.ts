import type { Insertable } from 'kysely';
import { randomUUID } from 'node:crypto';
import { normaliseLabel } from '../../../core/spreadsheet/labels.js';
import { participantRows } from '../../../core/spreadsheet/participants.rows.js';
import { organisationRepository } from '../../../store/organisation.repository.js';
import { planRepository } from '../../../store/plan.repository.js';
import type { ExercisePersonTable } from '../../../store/schema.js';
import { cleanText } from '../../text.js';
import { EXERCISE_ROLES } from '../plan.service.js';
import { rowCheck, type Prepare } from './kinds.js';

/** Participants rows → people in the exercise, with their role, team and organisation. */
export const prepareParticipants: Prepare = async (trx, exercise, rows, issues, options) => {
  const [teams, organisations] = await Promise.all([
    planRepository.teams(trx, exercise.id),
    organisationRepository.list(trx),
  ]);
  const newTeams = new Map<string, string>();
  const read = participantRows(
    rows,
    {
      roles: EXERCISE_ROLES,
      teams,
      organisations: organisations.map((o) => ({ id: o.id, name: o.name, shortName: o.short_name })),
      createTeams: options.createTeams,
      newTeam: (name) => {
        const id = randomUUID();
        newTeams.set(id, name);
        return id;
      },
    },
    issues,
  );
  const out: Insertable<ExercisePersonTable>[] = [];
  for (const { row, input } of read) {
    const checked = rowCheck(row, issues, () => ({
      name: cleanText(input.name, 'name', 200),
      contact: input.contact === null ? null : cleanText(input.contact, 'contact', 300),
    }));
    if (!checked) continue;
    out.push({
      id: randomUUID(),
      exercise_id: exercise.id,
      user_id: null,
      name: checked.name,
      role: input.role,
      team_id: input.teamId,
      organisation_id: input.organisationId,
      contact: checked.contact,
    });
  }
  const teamName = new Map([...teams.map((t) => [t.id, t.name] as const), ...newTeams]);
  return {
    count: out.length,
    changes: null,
    teamsCreated: [...newTeams.values()],
    preview: out.map((p) => ({
      name: p.name,
      role: p.role,
      team: p.team_id ? teamName.get(p.team_id) : null,
      organisationId: p.organisation_id,
    })),
    async write(db, progress) {
      for (const [id, name] of newTeams)
        await planRepository.insertTeam(db, {
          id,
          exercise_id: exercise.id,
          name,
          organisation_id: null,
          unit_id: null,
        });
      if (options.replace) {
        // A person the sheet names again keeps their id and user account, so the MSEL's responsible
        // controllers and the person's login still point at them.
        const before = new Map(
          (await planRepository.people(db, exercise.id)).map((p) => [normaliseLabel(p.name), p]),
        );
        for (const p of out) {
          const old = before.get(normaliseLabel(p.name));
          if (!old) continue;
          before.delete(normaliseLabel(p.name));
          p.id = old.id;
          p.user_id = old.user_id;
        }
        await db.deleteFrom('exercise_people').where('exercise_id', '=', exercise.id).execute();
      }
      for (const [i, p] of out.entries()) {
        await planRepository.insertPerson(db, p);
        if (i % 100 === 99) progress(i + 1);
      }
      progress(out.length);
    },
  };
};
