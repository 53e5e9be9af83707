import { REVIEWED_FIELDS, type MselEvent, type ReviewedField } from './msel.js';

/**
 * Re-importing an edited MSEL matches the sheet's rows to the events already there by their number,
 * so a planner can export, edit in Excel and import again without losing approvals: an event whose
 * reviewed fields are the same is left alone (same id, same approval), one that differs is updated
 * and goes back to draft, a number the list lacks is added, and an event the sheet no longer names
 * is only listed — removed when the planner confirms. A field the sheet has no column for keeps
 * the event's value: a planner's own sheet rarely carries every column we export.
 */

/** An event's content as a sheet row gives it. */
export type EventFields = Pick<MselEvent, ReviewedField>;

export interface IncomingRow {
  /** The spreadsheet row, for messages. */
  row: number;
  fields: EventFields;
}

export interface ExistingEvent extends EventFields {
  id: string;
  approval: MselEvent['approval'];
}

export interface Matched {
  row: number;
  id: string;
  number: string;
  /** The event as it will be: the sheet's fields over the event's own. */
  fields: EventFields;
  approval: MselEvent['approval'];
}

export interface ChangedEvent extends Matched {
  /** Reviewed fields whose value the sheet changes. */
  changed: ReviewedField[];
}

export interface ReimportPlan {
  unchanged: Matched[];
  changed: ChangedEvent[];
  added: IncomingRow[];
  /** Events the sheet no longer names. */
  missing: ExistingEvent[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Numbers are compared as people read them: "7", " 7 " and "7" typed as a number are one inject. */
export const numberKey = (n: string) => n.trim().toLowerCase();

/**
 * Matches rows to events by number. `present` names the reviewed fields the sheet has columns
 * for; the others keep the event's values. A number the sheet repeats matches once; the repeat
 * counts as added, so the list's own check reports the duplicate against its row.
 */
export function planReimport(
  existing: readonly ExistingEvent[],
  incoming: readonly IncomingRow[],
  present: ReadonlySet<ReviewedField>,
): ReimportPlan {
  const byNumber = new Map<string, ExistingEvent[]>();
  for (const e of existing) {
    const key = numberKey(e.number);
    byNumber.set(key, [...(byNumber.get(key) ?? []), e]);
  }
  const plan: ReimportPlan = { unchanged: [], changed: [], added: [], missing: [] };
  const used = new Set<string>();
  for (const r of incoming) {
    const candidates = byNumber.get(numberKey(r.fields.number)) ?? [];
    const event = candidates.find((e) => !used.has(e.id));
    if (!event) {
      plan.added.push(r);
      continue;
    }
    used.add(event.id);
    const fields = { ...pickFields(event) };
    for (const f of REVIEWED_FIELDS) if (present.has(f)) (fields as Record<string, unknown>)[f] = r.fields[f];
    // The number matched; its spelling ("07" → "7") is not a change worth a new review.
    fields.number = event.number;
    const changed = REVIEWED_FIELDS.filter((f) => !same(fields[f], event[f]));
    const matched: Matched = {
      row: r.row,
      id: event.id,
      number: event.number,
      fields,
      approval: event.approval,
    };
    if (changed.length === 0) plan.unchanged.push(matched);
    else plan.changed.push({ ...matched, approval: 'draft', changed });
  }
  plan.missing = existing.filter((e) => !used.has(e.id));
  return plan;
}

function pickFields(e: ExistingEvent): EventFields {
  const out: Partial<Record<ReviewedField, unknown>> = {};
  for (const f of REVIEWED_FIELDS) out[f] = Array.isArray(e[f]) ? [...(e[f] as string[])] : e[f];
  return out as EventFields;
}

/**
 * The whole list's approval after a change: approved when every event is, submitted when none is
 * a draft, else draft. An empty list is a draft: there is nothing to run.
 */
export function listApproval(approvals: readonly MselEvent['approval'][]): MselEvent['approval'] {
  if (approvals.length === 0) return 'draft';
  if (approvals.every((a) => a === 'approved')) return 'approved';
  if (approvals.every((a) => a !== 'draft')) return 'submitted';
  return 'draft';
}
