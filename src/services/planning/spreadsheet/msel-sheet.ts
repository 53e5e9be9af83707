import { randomUUID } from 'node:crypto';
import type { MselEvent } from '../../../core/msel/msel.js';
import { formatLocal, formatOffset, instantOf } from '../../../core/msel/time.js';
import { validateMsel } from '../../../core/msel/validate.js';
import { mselRows } from '../../../core/spreadsheet/msel.rows.js';
import { mselRepository } from '../../../store/msel.repository.js';
import { planRepository } from '../../../store/plan.repository.js';
import type { MselEventRow } from '../../../store/schema.js';
import { checkEventInput, toEvent } from '../msel.service.js';
import { rowCheck, type Prepare } from './kinds.js';
import { criticalTasksOf, timeContext } from './plan-data.js';

const BATCH = 500;

/**
 * MSEL rows → events: read, checked with the same input rules as the API, then validated as a
 * list together with the events already there (duplicate numbers, times outside STARTEX–ENDEX…);
 * findings on imported rows block the import when they are errors.
 */
export const prepareMsel: Prepare = async (trx, exercise, rows, issues, options) => {
  const [teams, objectives, people, existing] = await Promise.all([
    planRepository.teams(trx, exercise.id),
    planRepository.objectives(trx, exercise.id),
    planRepository.people(trx, exercise.id),
    options.replace ? Promise.resolve([]) : mselRepository.list(trx, exercise.id),
  ]);
  const newTeams = new Map<string, string>();
  const time = timeContext(exercise);
  const read = mselRows(
    rows,
    {
      time,
      teams,
      objectives,
      criticalTasks: await criticalTasksOf(trx, objectives),
      people,
      createTeams: options.createTeams,
      newTeam: (name) => {
        const id = randomUUID();
        newTeams.set(id, name);
        return id;
      },
    },
    issues,
  );
  const known = new Set(teams.map((t) => t.id));
  let position = existing.reduce((m, e) => Math.max(m, e.position), 0);
  const out: MselEventRow[] = [];
  const rowOf = new Map<string, number>();
  for (const { row, input } of read) {
    const fields = rowCheck(row, issues, () => checkEventInput(input));
    if (!fields) continue;
    const id = randomUUID();
    rowOf.set(id, row);
    out.push({
      id,
      exercise_id: exercise.id,
      ...fields,
      position: ++position,
      approval: 'draft',
      approved_snapshot: null,
      approved_by: null,
      approved_at: null,
      author_id: options.actor.userId,
      version: 1,
      created_at: options.now,
      updated_at: options.now,
    });
  }
  const all: MselEvent[] = [...existing, ...out].map(toEvent);
  const findings = validateMsel(all, {
    startex: time.startex,
    endex: new Date(exercise.endex),
    teamIds: new Set([...known, ...newTeams.keys()]),
    objectiveIds: new Set(objectives.map((o) => o.id)),
  });
  for (const f of findings) {
    const row = f.eventId ? rowOf.get(f.eventId) : undefined;
    if (row !== undefined) issues.push({ row, field: f.field, severity: f.severity, message: f.message });
  }
  const teamNames = new Map(teams.map((t) => [t.id, t.name]));
  // Formatting a local time builds Intl formatters; thousands of rows share few distinct minutes.
  const localOf = new Map<number, string>();
  const local = (minutes: number) => {
    let text = localOf.get(minutes);
    if (text === undefined) {
      text = formatLocal(instantOf(time.startex, minutes), exercise.time_zone);
      localOf.set(minutes, text);
    }
    return text;
  };
  return {
    count: out.length,
    teamsCreated: [...newTeams.values()],
    preview: out.map((e) => {
      return {
        row: rowOf.get(e.id),
        number: e.number,
        kind: e.kind,
        offset: formatOffset(e.offset_minutes),
        scheduledLocal: local(e.offset_minutes),
        title: e.title,
        to: (JSON.parse(e.to_team_ids) as string[]).map((id) => teamNames.get(id) ?? newTeams.get(id) ?? id),
      };
    }),
    async write(db, progress) {
      for (const [id, name] of newTeams)
        await planRepository.insertTeam(db, {
          id,
          exercise_id: exercise.id,
          name,
          organisation_id: null,
          unit_id: null,
        });
      if (options.replace) await mselRepository.deleteAll(db, exercise.id);
      for (let i = 0; i < out.length; i += BATCH) {
        await mselRepository.insertMany(db, out.slice(i, i + BATCH));
        progress(Math.min(out.length, i + BATCH));
      }
      await db
        .updateTable('exercises')
        .set({ msel_approval: 'draft' })
        .where('id', '=', exercise.id)
        .execute();
    },
  };
};
