import { numberKey } from '../msel/reimport.js';
import { DELIVERY_METHODS, EVENT_KINDS, type DeliveryMethod, type EventKind } from '../msel/msel.js';
import { normaliseLabel } from './labels.js';
import { findObjective, type ObjectiveForRef } from './objective-ref.js';
import type { FieldFault, FieldProblem, MessageParams } from '../messages/messages.js';
import { rowIssue, textOf, type RowIssue, type TableRow } from './rows.js';
import type { CellValue } from './sheet.js';
import { readBoolean, readDay, readLines, readList, readTime, type TimeContext } from './values.js';
import { DELIVERY_METHOD_WORDS, EVENT_KIND_WORDS, readableWords } from './words.js';

/**
 * One MSEL sheet row → the fields of an event, resolving team, objective, critical-task and
 * controller names against the exercise's plan. Pure: the plan comes in as data and new team ids
 * from `newTeam`.
 */

export interface MselSheetPlan {
  time: TimeContext;
  teams: readonly { id: string; name: string }[];
  objectives: readonly ObjectiveForRef[];
  criticalTasks: readonly { id: string; text: string }[];
  people: readonly { id: string; name: string }[];
  /** Create teams the sheet names that the exercise lacks, instead of reporting them. */
  createTeams: boolean;
  /** Makes a new team's id (the caller creates the team when the import is written). */
  newTeam: (name: string) => string;
  /** Titles of the events already in the MSEL by number: a re-import without a title column keeps them. */
  titles?: ReadonlyMap<string, string>;
}

/** Event fields as read from a row; the service's own input check runs on them after. */
export interface MselRowInput {
  number: string;
  kind: EventKind;
  offsetMinutes: number;
  scenarioTime: string | null;
  from: string | null;
  toTeamIds: string[];
  toText: string | null;
  method: DeliveryMethod;
  title: string;
  content: string;
  expectedAction: string | null;
  objectiveIds: string[];
  criticalTaskIds: string[];
  responsibleControllerId: string | null;
  contingency: boolean;
  controllerNotes: string | null;
}

const KIND_WORDS = readableWords(EVENT_KIND_WORDS);
const METHOD_WORDS = readableWords(DELIVERY_METHOD_WORDS);

const ALL = new Set([
  'all',
  'all players',
  'всем',
  'все',
  'все участники',
  'все обучаемые',
  'барлығына',
  'барлық қатысушылар',
  'барлық жаттығушылар',
]);

function oneOf<T extends string>(
  v: CellValue | undefined,
  allowed: readonly T[],
  words: Record<string, T>,
): T | null | undefined {
  const t = textOf(v);
  if (t === null) return undefined;
  if ((allowed as readonly string[]).includes(t.toLowerCase())) return t.toLowerCase() as T;
  const n = normaliseLabel(t);
  return (
    words[n] ?? ((allowed as readonly string[]).find((a) => normaliseLabel(a) === n) as T | undefined) ?? null
  );
}

/** Converts rows; pushes per-row findings into `issues`. Returns the rows that could be read. */
export function mselRows(
  rows: readonly TableRow[],
  plan: MselSheetPlan,
  issues: RowIssue[],
): { row: number; input: MselRowInput }[] {
  const teamByName = new Map(plan.teams.map((t) => [normaliseLabel(t.name), t.id]));
  const taskByText = new Map(plan.criticalTasks.map((t) => [t.text.trim(), t.id]));
  const personByName = new Map(plan.people.map((p) => [normaliseLabel(p.name), p.id]));
  const out: { row: number; input: MselRowInput }[] = [];

  for (const { row, cells } of rows) {
    const problems: RowIssue[] = [];
    const err = (field: string, problem: FieldProblem, params?: MessageParams) =>
      problems.push(rowIssue(row, field, 'error', problem, params));
    const warn = (field: string, problem: FieldProblem, params?: MessageParams) =>
      issues.push(rowIssue(row, field, 'warning', problem, params));
    const errAs = (field: string, fault: FieldFault) => err(field, fault.problem, fault.params);

    const number = textOf(cells.number);
    if (!number) err('number', 'sheet_number_empty');

    let offsetMinutes: number | null = null;
    const day = readDay(cells.date ?? null);
    if (day && 'error' in day) errAs('date', day.fault);
    const fromOffset = readTime(cells.offset ?? null, plan.time);
    const fromTime = readTime(cells.time ?? null, plan.time, day && !('error' in day) ? day : null);
    const when = fromOffset ?? fromTime;
    if (!when) err('time', 'sheet_no_time');
    else if ('error' in when) errAs(fromOffset ? 'offset' : 'time', when.fault);
    else offsetMinutes = when.minutes;
    if (
      fromOffset &&
      !('error' in fromOffset) &&
      fromTime &&
      !('error' in fromTime) &&
      fromTime.minutes !== fromOffset.minutes
    )
      warn('time', 'sheet_time_offset_disagree', { offset: textOf(cells.offset) ?? '' });

    const kind = oneOf(cells.kind, EVENT_KINDS, KIND_WORDS);
    if (kind === null)
      err('kind', 'sheet_not_event_kind', {
        value: textOf(cells.kind) ?? '',
        allowed: EVENT_KINDS.join(', '),
      });
    const method = oneOf(cells.method, DELIVERY_METHODS, METHOD_WORDS);
    if (method === null)
      err('method', 'sheet_not_delivery_method', {
        value: textOf(cells.method) ?? '',
        allowed: DELIVERY_METHODS.join(', '),
      });

    const toTeamIds: string[] = [];
    for (const name of readList(cells.to ?? null)) {
      const key = normaliseLabel(name);
      if (ALL.has(key)) continue;
      let id = teamByName.get(key);
      if (!id && plan.createTeams) {
        id = plan.newTeam(name);
        teamByName.set(key, id);
        warn('to', 'sheet_team_created', { team: name });
      }
      if (id) toTeamIds.push(id);
      else err('to', 'sheet_no_such_team', { team: name });
    }

    const objectiveIds: string[] = [];
    for (const ref of readList(cells.objectives ?? null)) {
      const id = findObjective(ref, plan.objectives)?.id;
      if (id && !objectiveIds.includes(id)) objectiveIds.push(id);
      else if (!id) err('objectives', 'sheet_no_such_objective', { objective: ref.slice(0, 80) });
    }
    const criticalTaskIds: string[] = [];
    for (const text of readLines(cells.criticalTasks ?? null)) {
      const id = taskByText.get(text);
      if (id) criticalTaskIds.push(id);
      else err('criticalTasks', 'sheet_no_such_task', { task: text.slice(0, 60) });
    }

    const controller = textOf(cells.controller);
    const responsibleControllerId = controller
      ? (personByName.get(normaliseLabel(controller)) ?? controller)
      : null;

    const contingency = readBoolean(cells.contingency ?? null);
    if (contingency === null)
      err('contingency', 'sheet_not_yes_no', { value: textOf(cells.contingency) ?? '' });

    const content = cells.content === undefined || cells.content === null ? '' : String(cells.content);
    let title = textOf(cells.title);
    // A sheet without a title column re-imported over the list keeps each event's own title.
    if (!title && cells.title === undefined && number) title = plan.titles?.get(numberKey(number)) ?? null;
    if (!title && content.trim()) {
      title = content.trim().split(/\r?\n/)[0]!.slice(0, 80);
      warn('title', 'sheet_title_from_content');
    }
    if (!title) err('title', 'sheet_title_and_content_empty');

    issues.push(...problems);
    if (problems.length) continue;
    out.push({
      row,
      input: {
        number: number!,
        kind: kind ?? 'inject',
        offsetMinutes: offsetMinutes!,
        scenarioTime: textOf(cells.scenarioTime),
        from: textOf(cells.from),
        toTeamIds,
        toText: textOf(cells.toText),
        method: method ?? 'in-app',
        title: title!,
        content,
        expectedAction: textOf(cells.expectedAction),
        objectiveIds,
        criticalTaskIds,
        responsibleControllerId,
        contingency: contingency ?? false,
        controllerNotes: textOf(cells.notes),
      },
    });
  }
  return out;
}
