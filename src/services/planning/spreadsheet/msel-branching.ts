import { checkBranching, type Branching } from '../../../core/conduct/branching.js';
import type { FieldProblem } from '../../../core/messages/messages.js';
import { numberKey } from '../../../core/msel/reimport.js';
import {
  columnOfField,
  readBranchingCells,
  type CellProblem,
  type SheetBranching,
} from '../../../core/spreadsheet/branching.cells.js';
import { rowIssue, type RowIssue, type TableRow } from '../../../core/spreadsheet/rows.js';
import { branchingRepository } from '../../../store/branching.repository.js';
import { AppError } from '../../../errors.js';
import type { Q } from '../../context.js';
import { cleanText } from '../../text.js';
import { BRANCHING_TEXT_LIMITS as MAX, branchingOf } from '../branching.service.js';

/**
 * The branching an MSEL sheet carries (its Question, Options, Waits for and Delay columns), read
 * onto the events the import leaves: numbers resolved to those events, each branching checked with
 * the core's checkBranching among all the others, problems reported on the row and column. A sheet
 * without these columns leaves every branching as it is; a column the sheet lacks keeps each
 * event's own value, as the event's other fields do.
 */

/** An event as the import leaves it, and the sheet row it came from (none: kept as it was). */
export interface EventAfter {
  id: string;
  number: string;
  kind: string;
  row: number | null;
}

export interface PreparedBranching {
  /** Events whose branching the sheet changes: they go back to review. */
  changed: ReadonlySet<string>;
  /** The branching of every event the import leaves, by event id. */
  after: ReadonlyMap<string, Branching>;
  write(db: Q, exerciseId: string, now: string): Promise<void>;
}

const key = (b: Branching) => JSON.stringify([b.decision, b.releaseOn]);

export async function prepareBranching(
  trx: Q,
  exerciseId: string,
  rows: readonly TableRow[],
  columns: ReadonlySet<string>,
  events: readonly EventAfter[],
  issues: RowIssue[],
): Promise<PreparedBranching> {
  const decisionColumns = columns.has('question') || columns.has('options');
  const releaseColumns = columns.has('waitsFor') || columns.has('delay');
  const ids = new Set(events.map((e) => e.id));
  const before = new Map(
    (await branchingRepository.planned(trx, exerciseId))
      .map(branchingOf)
      .filter((b) => ids.has(b.eventId))
      .map((b) => [b.eventId, b]),
  );
  const unchanged: PreparedBranching = { changed: new Set(), after: before, write: async () => undefined };
  if (!decisionColumns && !releaseColumns) return unchanged;
  const idOfNumber = new Map<string, string>();
  for (const e of events) if (!idOfNumber.has(numberKey(e.number))) idOfNumber.set(numberKey(e.number), e.id);
  const cellsOf = new Map(rows.map((r) => [r.row, r.cells]));
  const kindOf = new Map(events.map((e) => [e.id, e.kind]));
  const after = new Map(before);
  const fromSheet: { event: EventAfter; branching: Branching }[] = [];
  let unreadable = false;

  const issue = (row: number, field: string, problem: FieldProblem, params?: Record<string, string>) =>
    issues.push(rowIssue(row, field, 'error', problem, params));

  for (const event of events) {
    if (event.row === null) continue;
    const { branching: read, problems } = readBranchingCells(cellsOf.get(event.row) ?? {});
    for (const p of problems) issue(event.row, p.field, p.problem, p.params);
    problems.push(...textProblems(read).map((p) => (issue(event.row!, p.field, p.problem, p.params), p)));
    const own = before.get(event.id);
    const next: Branching = {
      eventId: event.id,
      decision: decisionColumns ? read.decision : (own?.decision ?? null),
      releaseOn: releaseColumns ? releaseOf(read, own, columns) : (own?.releaseOn ?? null),
    };
    const w = read.waitsFor;
    if (releaseColumns && w?.kind === 'decision' && !idOfNumber.has(numberKey(w.number))) {
      issue(event.row, 'waitsFor', 'no_such_event_number', { number: w.number });
      unreadable = true;
      continue;
    }
    if (next.releaseOn?.kind === 'decision' && columns.has('waitsFor') && w?.kind === 'decision')
      next.releaseOn.eventId = idOfNumber.get(numberKey(w.number))!;
    if (problems.length) unreadable = true;
    if (next.decision || next.releaseOn) after.set(event.id, next);
    else after.delete(event.id);
    fromSheet.push({ event, branching: next });
  }
  if (unreadable) return unchanged;

  for (const { event, branching: b } of fromSheet) {
    const row = event.row!;
    if ((b.decision || b.releaseOn) && event.kind !== 'inject') {
      issue(row, b.decision ? 'question' : 'waitsFor', 'not_an_inject');
      continue;
    }
    if (b.releaseOn?.kind === 'decision' && kindOf.get(b.releaseOn.eventId) !== 'inject') {
      issue(row, 'waitsFor', 'not_a_decision');
      continue;
    }
    const others = [...after.values()].filter((o) => o.eventId !== b.eventId);
    for (const p of checkBranching(b, others))
      issue(row, columnOfField(p.field), p.code as FieldProblem, p.detail);
  }

  const changed = new Set(
    fromSheet
      .filter(({ event, branching: b }) => {
        const own = before.get(event.id);
        return (own ? key(own) : key({ ...b, decision: null, releaseOn: null })) !== key(b);
      })
      .map(({ event }) => event.id),
  );
  return {
    changed,
    after,
    async write(db, exerciseId, now) {
      for (const id of changed) {
        const b = after.get(id);
        if (!b) await branchingRepository.remove(db, id);
        else
          await branchingRepository.save(db, {
            event_id: id,
            exercise_id: exerciseId,
            question: b.decision?.question ?? null,
            options: b.decision ? JSON.stringify(b.decision.options) : null,
            release_kind: b.releaseOn?.kind ?? null,
            release_event_id: b.releaseOn?.kind === 'decision' ? b.releaseOn.eventId : null,
            release_option: b.releaseOn?.kind === 'decision' ? b.releaseOn.option : null,
            release_milestone: b.releaseOn?.kind === 'milestone' ? b.releaseOn.milestone : null,
            delay_minutes: b.releaseOn?.delayMinutes ?? 0,
            updated_at: now,
          });
      }
    },
  };
}

/**
 * The texts held to setBranching's limits (length, no control characters): its cleanText, with the
 * problem put on the sheet's column. Empty texts are left to checkBranching.
 */
function textProblems(read: SheetBranching): CellProblem[] {
  const out: CellProblem[] = [];
  const check = (field: CellProblem['field'], text: string, max: number) => {
    if (!text.trim()) return;
    try {
      cleanText(text, field, max);
    } catch (err) {
      const fault = err instanceof AppError ? err.fault : undefined;
      if (!fault) throw err;
      out.push({
        field,
        problem: fault.problem,
        ...(fault.params ? { params: stringParams(fault.params) } : {}),
      });
    }
  };
  if (read.decision) {
    check('question', read.decision.question, MAX.question);
    for (const o of read.decision.options) check('options', o, MAX.option);
  }
  const w = read.waitsFor;
  if (w?.kind === 'decision') check('waitsFor', w.option, MAX.option);
  if (w?.kind === 'milestone') check('waitsFor', w.milestone, MAX.milestone);
  return out;
}

const stringParams = (p: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(p).map(([k, v]) => [k, String(v)]));

/** What the event waits for: the sheet's, or (without a Waits for column) its own with the sheet's delay. */
function releaseOf(read: SheetBranching, own: Branching | undefined, columns: ReadonlySet<string>) {
  const delayMinutes = columns.has('delay') ? read.delayMinutes : (own?.releaseOn?.delayMinutes ?? 0);
  if (!columns.has('waitsFor')) return own?.releaseOn ? { ...own.releaseOn, delayMinutes } : null;
  const w = read.waitsFor;
  if (!w) return null;
  return w.kind === 'milestone'
    ? { kind: 'milestone' as const, milestone: w.milestone, delayMinutes }
    : { kind: 'decision' as const, eventId: '', option: w.option, delayMinutes };
}
