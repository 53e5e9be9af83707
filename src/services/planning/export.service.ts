import { HOME_ZONES } from '../../contract/zones.js';
import type { Branching } from '../../core/conduct/branching.js';
import { formatOptions, formatWaitsFor } from '../../core/spreadsheet/branching.cells.js';
import { formatLocal, instantOf } from '../../core/msel/time.js';
import { toCsv } from '../../core/spreadsheet/csv.js';
import { FIELDS, type SheetKind } from '../../core/spreadsheet/fields.js';
import {
  DELIVERY_METHOD_WORDS,
  EVENT_KIND_WORDS,
  headerLabel,
  SHEET_NAMES,
  sheetLocalTime,
  sheetOffset,
  valueWord,
  EXERCISE_ROLE_WORDS,
  VENUE_KIND_WORDS,
  YES_NO,
  type SheetLanguage,
} from '../../core/spreadsheet/words.js';
import type { Actor } from '../../core/policy/policy.js';
import { forbidden } from '../../errors.js';
import { branchingRepository } from '../../store/branching.repository.js';
import { mselRepository } from '../../store/msel.repository.js';
import { organisationRepository } from '../../store/organisation.repository.js';
import { planRepository } from '../../store/plan.repository.js';
import type { ExerciseRow } from '../../store/schema.js';
import type { AppContext, Q } from '../context.js';
import { branchingOf } from './branching.service.js';
import { mayReadControllerSide, readableExercise } from './exercises.service.js';
import { toEvent } from './msel.service.js';
import { stringsFor } from './documents/i18n/strings.js';
import { criticalTasksOf } from './spreadsheet/plan-data.js';
import { writeXlsx } from './spreadsheet/xlsx-writer.js';

export type ExportFormat = 'xlsx' | 'csv';

export interface ExportedFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

const header = (kind: SheetKind, skip: readonly string[] = []) =>
  FIELDS[kind].filter((f) => !skip.includes(f.key));

/**
 * The MSEL as rows under the same headers the importer reads, so an export imports back unchanged:
 * the offset is the time of record and the local time (zone named in the header) is shown beside
 * it; teams, objectives and critical tasks by name, number and text. A branching is written in the
 * Question, Options (one a line), Waits for (`event <number>: <option>`, `milestone: <name>`) and
 * Delay (min) columns, the event it waits for named by its number. Headers, kinds, methods, yes/no,
 * times and the waits-for words are in `lang`; what the planners wrote stays as they wrote it.
 */
async function mselRows(db: Q, exercise: ExerciseRow, lang: SheetLanguage): Promise<string[][]> {
  const [events, teams, objectives, people, branchings] = await Promise.all([
    mselRepository.list(db, exercise.id),
    planRepository.teams(db, exercise.id),
    planRepository.objectives(db, exercise.id),
    planRepository.people(db, exercise.id),
    branchingRepository.planned(db, exercise.id),
  ]);
  const branching = new Map(branchings.map((r) => [r.event_id, branchingOf(r)]));
  const numberOf = new Map(events.map((e) => [e.id, e.number]));
  const tasks = await criticalTasksOf(db, objectives);
  const team = new Map(teams.map((t) => [t.id, t.name]));
  const objective = new Map(objectives.map((o) => [o.id, String(o.position)]));
  const task = new Map(tasks.map((t) => [t.id, t.text]));
  const person = new Map(people.map((p) => [p.id, p.name]));
  const fields = header('msel', ['date']);
  // A Kazakh or Russian sheet names a home zone by its city, as the documents do; the importer reads
  // the column by its label either way.
  const zone =
    lang === 'en' ? exercise.time_zone : (HOME_ZONES[exercise.time_zone]?.[lang] ?? exercise.time_zone);
  const head = fields.map((f) =>
    f.key === 'time' ? `${headerLabel(f, lang)} (${zone})` : headerLabel(f, lang),
  );
  const startex = new Date(exercise.startex);
  const rows = events.map((r) => {
    const e = toEvent(r);
    const at = instantOf(startex, e.offsetMinutes);
    const cell: Record<string, string> = {
      number: e.number,
      kind: valueWord(EVENT_KIND_WORDS, e.kind, lang),
      offset: sheetOffset(e.offsetMinutes, lang),
      time: sheetLocalTime(formatLocal(at, exercise.time_zone).slice(0, 16), lang),
      scenarioTime: e.scenarioTime ?? '',
      from: e.from ?? '',
      to: e.toTeamIds.map((id) => team.get(id) ?? id).join('; '),
      toText: e.toText ?? '',
      method: valueWord(DELIVERY_METHOD_WORDS, e.method, lang),
      title: e.title,
      content: e.content,
      expectedAction: e.expectedAction ?? '',
      objectives: e.objectiveIds.map((id) => objective.get(id) ?? id).join('; '),
      criticalTasks: e.criticalTaskIds.map((id) => task.get(id) ?? id).join('\n'),
      controller: e.responsibleControllerId
        ? (person.get(e.responsibleControllerId) ?? e.responsibleControllerId)
        : '',
      contingency: YES_NO[lang][e.contingency ? 0 : 1],
      notes: e.controllerNotes ?? '',
      ...branchingCells(branching.get(e.id), numberOf, lang),
    };
    return fields.map((f) => cell[f.key] ?? '');
  });
  return [head, ...rows];
}

function branchingCells(
  b: Branching | undefined,
  numberOf: ReadonlyMap<string, string>,
  lang: SheetLanguage,
): Record<string, string> {
  const r = b?.releaseOn;
  return {
    question: b?.decision?.question ?? '',
    options: b?.decision ? formatOptions(b.decision.options) : '',
    waitsFor: !r
      ? ''
      : formatWaitsFor(
          r.kind === 'milestone'
            ? r
            : { kind: 'decision', number: numberOf.get(r.eventId) ?? r.eventId, option: r.option },
          lang,
        ),
    delay: r ? String(r.delayMinutes) : '',
  };
}

async function participantRows(db: Q, exercise: ExerciseRow, lang: SheetLanguage): Promise<string[][]> {
  const [people, teams, orgs] = await Promise.all([
    planRepository.people(db, exercise.id),
    planRepository.teams(db, exercise.id),
    organisationRepository.list(db),
  ]);
  const team = new Map(teams.map((t) => [t.id, t.name]));
  const org = new Map(orgs.map((o) => [o.id, o.name]));
  return [
    header('participants').map((f) => headerLabel(f, lang)),
    ...people.map((p) => [
      p.name,
      codeWord(EXERCISE_ROLE_WORDS, p.role, lang),
      p.team_id ? (team.get(p.team_id) ?? '') : '',
      p.organisation_id ? (org.get(p.organisation_id) ?? '') : '',
      p.contact ?? '',
    ]),
  ];
}

async function venueRows(db: Q, exercise: ExerciseRow, lang: SheetLanguage): Promise<string[][]> {
  const venues = await planRepository.venues(db, exercise.id);
  return [
    header('venues').map((f) => headerLabel(f, lang)),
    ...venues.map((v) => [
      v.name,
      codeWord(VENUE_KIND_WORDS, v.kind, lang),
      v.address ?? '',
      String(v.lat),
      String(v.lon),
    ]),
  ];
}

const ROWS = { msel: mselRows, participants: participantRows, venues: venueRows } as const;

/** A stored code in the sheet's words; a code the table does not know (from an older version) as it is. */
function codeWord<T extends string>(
  table: Parameters<typeof valueWord<T>>[0],
  code: string,
  lang: SheetLanguage,
): string {
  return code in table ? valueWord(table, code as T, lang) : code;
}

/**
 * An exercise's MSEL, participants or venues as XLSX or CSV (UTF-8 with BOM for Excel). Text that
 * a spreadsheet would run as a formula is neutralised: prefixed in CSV, a text cell in XLSX. The
 * MSEL is for those who may read the controllers' side only. `lang` names the headers, the sheet
 * and the enumerated values in Kazakh, Russian or English, in words the import reads back.
 */
export async function exportSpreadsheet(
  ctx: AppContext,
  policy: Actor,
  exerciseId: string,
  kind: SheetKind,
  format: ExportFormat,
  lang: SheetLanguage = 'en',
): Promise<ExportedFile> {
  const db = ctx.db.kysely;
  const { row: exercise, scope } = await readableExercise(db, policy, exerciseId);
  if (!mayReadControllerSide(policy, scope))
    throw forbidden('Exports are for controllers, evaluators and planners only');
  const rows = await ROWS[kind](db, exercise, lang);
  const base = `${
    exercise.name
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'exercise'
  }-${kind}`;
  if (format === 'csv')
    return {
      fileName: `${base}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body: Buffer.from(toCsv(rows), 'utf8'),
    };
  return {
    fileName: `${base}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: await writeXlsx(SHEET_NAMES[kind][lang], rows, stringsFor(lang).product),
  };
}
