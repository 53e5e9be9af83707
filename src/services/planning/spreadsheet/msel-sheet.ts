import { randomUUID } from 'node:crypto';
import type { MselEvent, ReviewedField } from '../../../core/msel/msel.js';
import { listApproval, numberKey, planReimport, type EventFields } from '../../../core/msel/reimport.js';
import { formatLocal, formatOffset, instantOf } from '../../../core/msel/time.js';
import { validateMsel } from '../../../core/msel/validate.js';
import { mselRows } from '../../../core/spreadsheet/msel.rows.js';
import { rowIssue } from '../../../core/spreadsheet/rows.js';
import { AppError } from '../../../errors.js';
import { mselRepository } from '../../../store/msel.repository.js';
import { planRepository } from '../../../store/plan.repository.js';
import type { MselEventRow } from '../../../store/schema.js';
import { checkEventInput, toEvent } from '../msel.service.js';
import { rowCheck, type MselChanges, type Prepare } from './kinds.js';
import { prepareBranching } from './msel-branching.js';
import { criticalTasksOf, timeContext } from './plan-data.js';

const BATCH = 500;

/** Which event field each sheet column fills: a field without its column keeps the event's value. */
const FIELD_OF_COLUMN: Record<string, ReviewedField> = {
  number: 'number',
  kind: 'kind',
  offset: 'offsetMinutes',
  time: 'offsetMinutes',
  scenarioTime: 'scenarioTime',
  from: 'from',
  to: 'toTeamIds',
  toText: 'toText',
  method: 'method',
  title: 'title',
  content: 'content',
  expectedAction: 'expectedAction',
  objectives: 'objectiveIds',
  criticalTasks: 'criticalTaskIds',
  controller: 'responsibleControllerId',
  contingency: 'contingency',
  notes: 'controllerNotes',
};

/** The column that fills an event field, for naming a finding about that field as the sheet does. */
export const columnOfEventField = (field: string): string =>
  Object.keys(FIELD_OF_COLUMN).find((column) => FIELD_OF_COLUMN[column] === field) ?? field;

type CheckedFields = ReturnType<typeof checkEventInput>;

/** The columns of an event row for its reviewed fields (the inverse of toEvent's reading). */
function columnsOf(f: EventFields): CheckedFields {
  return {
    number: f.number,
    kind: f.kind,
    offset_minutes: f.offsetMinutes,
    scenario_time: f.scenarioTime,
    from_role: f.from,
    to_team_ids: JSON.stringify(f.toTeamIds),
    to_text: f.toText,
    method: f.method,
    title: f.title,
    content: f.content,
    expected_action: f.expectedAction,
    objective_ids: JSON.stringify(f.objectiveIds),
    critical_task_ids: JSON.stringify(f.criticalTaskIds),
    responsible_controller_id: f.responsibleControllerId,
    contingency: f.contingency ? 1 : 0,
    controller_notes: f.controllerNotes,
  };
}

/**
 * MSEL rows → events: read, checked with the same input rules as the API, matched by number to
 * the events already there (see core/msel/reimport.ts), then validated as the list the import
 * leaves (duplicate numbers, times outside STARTEX–ENDEX…); findings on imported rows block the
 * import when they are errors. `replace` is a re-import that also removes the events the sheet
 * no longer names: approvals of unchanged events survive it.
 */
export const prepareMsel: Prepare = async (trx, exercise, rows, issues, options) => {
  const [teams, objectives, people, existingRows] = await Promise.all([
    planRepository.teams(trx, exercise.id),
    planRepository.objectives(trx, exercise.id),
    planRepository.people(trx, exercise.id),
    mselRepository.list(trx, exercise.id),
  ]);
  const removeMissing = options.removeMissing || options.replace;
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
      titles: new Map(existingRows.map((r) => [numberKey(r.number), r.title])),
      newTeam: (name) => {
        const id = randomUUID();
        newTeams.set(id, name);
        return id;
      },
    },
    issues,
  );
  const incoming: { row: number; fields: EventFields }[] = [];
  for (const { row, input } of read) {
    const fields = rowCheck(row, issues, () => checkEventInput(input));
    if (fields) incoming.push({ row, fields: toEvent(asRow(fields)) });
  }
  const present = new Set<ReviewedField>(['number']);
  for (const c of options.columns) if (FIELD_OF_COLUMN[c]) present.add(FIELD_OF_COLUMN[c]);
  const existing = existingRows.map(toEvent);
  const plan = planReimport(existing, incoming, present);
  const rowById = new Map(existingRows.map((r) => [r.id, r]));

  let position = existingRows.reduce((m, e) => Math.max(m, e.position), 0);
  const added: MselEventRow[] = plan.added.map(({ fields }) => ({
    id: randomUUID(),
    exercise_id: exercise.id,
    ...columnsOf(fields),
    position: ++position,
    approval: 'draft',
    approved_snapshot: null,
    approved_by: null,
    approved_at: null,
    author_id: options.actor.userId,
    version: 1,
    created_at: options.now,
    updated_at: options.now,
  }));
  const rowOf = new Map<string, number>();
  plan.added.forEach((a, i) => rowOf.set(added[i]!.id, a.row));
  for (const m of [...plan.unchanged, ...plan.changed]) rowOf.set(m.id, m.row);

  const removed = new Set(removeMissing ? plan.missing.map((m) => m.id) : []);
  // Branching is reviewed content too: an event whose branching the sheet changes goes back to review.
  const sheetFields = new Map([...plan.unchanged, ...plan.changed].map((m) => [m.id, m.fields]));
  const branching = await prepareBranching(
    trx,
    exercise.id,
    rows,
    options.columns,
    [
      ...existing
        .filter((e) => !removed.has(e.id))
        .map((e) => ({ ...(sheetFields.get(e.id) ?? e), id: e.id, row: rowOf.get(e.id) ?? null })),
      ...added.map((a) => ({ id: a.id, number: a.number, kind: a.kind, row: rowOf.get(a.id)! })),
    ],
    issues,
  );
  // An inject left waiting for a removed event's decision would never fire.
  const numberOf = new Map(existing.map((e) => [e.id, e.number]));
  for (const b of branching.after.values())
    if (b.releaseOn?.kind === 'decision' && removed.has(b.releaseOn.eventId))
      issues.push(
        rowIssue(rowOf.get(b.eventId) ?? null, 'waitsFor', 'error', 'waits_for_removed', {
          number: numberOf.get(b.releaseOn.eventId) ?? '',
        }),
      );
  for (const m of plan.unchanged)
    if (branching.changed.has(m.id)) plan.changed.push({ ...m, approval: 'draft', changed: [] });
  plan.unchanged = plan.unchanged.filter((m) => !branching.changed.has(m.id));

  // The list as the import leaves it, checked whole.
  const changedById = new Map(plan.changed.map((c) => [c.id, c]));
  const after: MselEvent[] = [
    ...existing
      .filter((e) => !removed.has(e.id))
      .map((e) => {
        const c = changedById.get(e.id);
        return c ? { ...e, ...c.fields, approval: 'draft' as const } : e;
      }),
    ...added.map(toEvent),
  ];
  const findings = validateMsel(after, {
    startex: time.startex,
    endex: new Date(exercise.endex),
    teamIds: new Set([...teams.map((t) => t.id), ...newTeams.keys()]),
    objectiveIds: new Set(objectives.map((o) => o.id)),
  });
  for (const f of findings) {
    const row = f.eventId ? rowOf.get(f.eventId) : undefined;
    if (row !== undefined)
      issues.push({
        row,
        field: f.field && columnOfEventField(f.field),
        severity: f.severity,
        message: f.message,
        ...(f.fault ? { fault: f.fault } : {}),
      });
  }
  if (plan.missing.length && !removeMissing)
    issues.push(
      rowIssue(null, 'number', 'warning', 'sheet_missing_events', {
        count: plan.missing.length,
        numbers: `${plan.missing
          .slice(0, 10)
          .map((m) => m.number)
          .join(', ')}${plan.missing.length > 10 ? ', …' : ''}`,
      }),
    );

  const changes: MselChanges = {
    unchanged: plan.unchanged.map((m) => ({ number: m.number, approval: m.approval })),
    changed: plan.changed.map((c) => ({
      row: c.row,
      number: c.number,
      fields: branching.changed.has(c.id) ? [...c.changed, 'branching'] : c.changed,
      approvalBefore: rowById.get(c.id)!.approval,
    })),
    added: plan.added.map((a) => ({ row: a.row, number: a.fields.number })),
    missing: plan.missing.map((m) => ({
      number: m.number,
      title: rowById.get(m.id)!.title,
      approval: m.approval,
    })),
    removed: removeMissing,
    approvalsKept: after.filter((e) => e.approval === 'approved').length,
    approvalsReset: plan.changed.filter((c) => rowById.get(c.id)!.approval !== 'draft').length,
    listApproval: listApproval(after.map((e) => e.approval)),
  };

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
  const outcome = new Map<string, string>([
    ...plan.unchanged.map((m) => [m.id, 'unchanged'] as const),
    ...plan.changed.map((m) => [m.id, 'changed'] as const),
    ...added.map((a) => [a.id, 'added'] as const),
  ]);
  const previewed = [
    ...plan.unchanged.map((m) => ({ id: m.id, fields: m.fields })),
    ...plan.changed.map((m) => ({ id: m.id, fields: m.fields })),
    ...added.map((a) => ({ id: a.id, fields: toEvent(a) as EventFields })),
  ].sort((a, b) => rowOf.get(a.id)! - rowOf.get(b.id)!);
  return {
    count: plan.changed.length + added.length,
    teamsCreated: [...newTeams.values()],
    changes: existing.length ? changes : null,
    preview: previewed.map(({ id, fields: e }) => ({
      row: rowOf.get(id),
      outcome: outcome.get(id),
      number: e.number,
      kind: e.kind,
      offset: formatOffset(e.offsetMinutes),
      scheduledLocal: local(e.offsetMinutes),
      title: e.title,
      to: e.toTeamIds.map((id) => teamNames.get(id) ?? newTeams.get(id) ?? id),
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
      let done = 0;
      for (const id of removed) {
        await mselRepository.delete(db, exercise.id, id);
        progress(++done);
      }
      for (const c of plan.changed) {
        const before = rowById.get(c.id)!;
        // Approved content stays stored, so the console shows the change against what was approved.
        const ok = await mselRepository.update(db, exercise.id, c.id, before.version, {
          ...columnsOf(c.fields),
          approval: 'draft',
          updated_at: options.now,
        });
        if (!ok)
          throw new AppError(
            'stale_version',
            409,
            `Event ${c.number} was changed by someone else during the import; nothing was written — check the file again`,
            'file',
          );
        progress(++done);
      }
      for (let i = 0; i < added.length; i += BATCH) {
        await mselRepository.insertMany(db, added.slice(i, i + BATCH));
        done += Math.min(BATCH, added.length - i);
        progress(done);
      }
      await branching.write(db, exercise.id, options.now);
      await db
        .updateTable('exercises')
        .set({ msel_approval: changes.listApproval })
        .where('id', '=', exercise.id)
        .execute();
    },
  };
};

/** Reads checked columns back as an event, with placeholders for what a row does not carry. */
function asRow(fields: CheckedFields): MselEventRow {
  return {
    id: '',
    exercise_id: '',
    ...fields,
    position: 0,
    approval: 'draft',
    approved_snapshot: null,
    approved_by: null,
    approved_at: null,
    author_id: null,
    version: 1,
    created_at: '',
    updated_at: '',
  };
}
