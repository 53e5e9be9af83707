import { problemText, type FieldFault, type FieldProblem, type MessageParams } from '../messages/messages.js';
import type { MselEvent } from './msel.js';

/**
 * MSEL validation as a list of small named rules (each finding carries the row, the field, a
 * severity and a sentence), so the grid, the importer and the API report the same things.
 */

export type Severity = 'error' | 'warning';

export interface MselFinding {
  rule: string;
  severity: Severity;
  /** The event's id, or null for a finding about the whole list. */
  eventId: string | null;
  number: string | null;
  field: string | null;
  /** English; `fault` words it for another reader. */
  message: string;
  fault?: FieldFault;
}

export interface Closure {
  id: string;
  name: string;
  /** Road or area the closure blocks: closures on the same road must not overlap in time. */
  road: string;
  startsAt: Date;
  endsAt: Date;
}

export interface MselContext {
  startex: Date;
  endex: Date;
  teamIds: ReadonlySet<string>;
  objectiveIds: ReadonlySet<string>;
  /** The exercise's critical tasks; without it, task links are not checked. */
  criticalTaskIds?: ReadonlySet<string>;
  closures?: readonly Closure[];
}

type Rule = (events: readonly MselEvent[], ctx: MselContext) => MselFinding[];

const finding = (
  rule: string,
  severity: Severity,
  e: MselEvent | null,
  field: string | null,
  params: MessageParams = {},
): MselFinding => {
  const problem = rule.replace(/[.-]/g, '_') as FieldProblem;
  const all = { ...(e ? { number: e.number } : {}), ...params };
  return {
    rule,
    severity,
    eventId: e?.id ?? null,
    number: e?.number ?? null,
    field,
    message: problemText('en', problem, all),
    fault: { problem, params: all },
  };
};

const duplicateNumbers: Rule = (events) => {
  const seen = new Map<string, MselEvent>();
  const out: MselFinding[] = [];
  for (const e of events) {
    const key = e.number.trim();
    const first = seen.get(key);
    if (first)
      out.push(finding('msel.number.duplicate', 'error', e, 'number', { number: key, title: first.title }));
    else seen.set(key, e);
  }
  return out;
};

const outsideWindow: Rule = (events, ctx) => {
  const length = Math.round((ctx.endex.getTime() - ctx.startex.getTime()) / 60_000);
  return events
    .filter((e) => e.kind === 'inject' && (e.offsetMinutes < 0 || e.offsetMinutes > length))
    .map((e) => finding('msel.time.outside', 'error', e, 'offsetMinutes'));
};

const unknownTeams: Rule = (events, ctx) =>
  events.flatMap((e) =>
    e.toTeamIds
      .filter((t) => !ctx.teamIds.has(t))
      .map((t) => finding('msel.to.unknown-team', 'error', e, 'toTeamIds', { id: t })),
  );

const expectedActionWithoutObjective: Rule = (events) =>
  events
    .filter(
      (e) =>
        e.kind === 'inject' &&
        e.expectedAction &&
        e.expectedAction.trim() !== '' &&
        e.objectiveIds.length === 0 &&
        e.criticalTaskIds.length === 0,
    )
    .map((e) => finding('msel.objective.missing', 'warning', e, 'objectiveIds'));

const unknownObjectives: Rule = (events, ctx) =>
  events.flatMap((e) =>
    e.objectiveIds
      .filter((o) => !ctx.objectiveIds.has(o))
      .map((o) => finding('msel.objective.unknown', 'error', e, 'objectiveIds', { id: o })),
  );

// A task removed from its objective after an inject was linked to it leaves the link dangling.
const unknownCriticalTasks: Rule = (events, ctx) =>
  events.flatMap((e) =>
    e.criticalTaskIds
      .filter((k) => ctx.criticalTaskIds && !ctx.criticalTaskIds.has(k))
      .map((k) => finding('msel.task.unknown', 'error', e, 'criticalTaskIds', { id: k })),
  );

const injectWithoutAddressee: Rule = (events) =>
  events
    .filter(
      (e) =>
        e.kind === 'inject' &&
        e.toTeamIds.length === 0 &&
        !e.toText &&
        e.method !== 'public-alert' &&
        e.method !== 'siren',
    )
    .map((e) => finding('msel.to.missing', 'warning', e, 'toTeamIds'));

const injectWithoutContent: Rule = (events) =>
  events
    .filter((e) => e.kind === 'inject' && e.content.trim() === '')
    .map((e) => finding('msel.content.missing', 'error', e, 'content'));

const noController: Rule = (events) =>
  events
    .filter((e) => e.kind === 'inject' && !e.responsibleControllerId)
    .map((e) => finding('msel.controller.missing', 'warning', e, 'responsibleControllerId'));

const overlappingClosures: Rule = (_events, ctx) => {
  const out: MselFinding[] = [];
  const closures = [...(ctx.closures ?? [])].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  for (let i = 0; i < closures.length; i++) {
    for (let j = i + 1; j < closures.length; j++) {
      const [a, b] = [closures[i]!, closures[j]!];
      if (b.startsAt >= a.endsAt) break;
      if (a.road.trim().toLowerCase() === b.road.trim().toLowerCase()) {
        out.push(
          finding('closure.overlap', 'warning', null, 'closures', {
            first: a.name,
            second: b.name,
            road: a.road,
          }),
        );
      }
    }
  }
  return out;
};

export const MSEL_RULES: Readonly<Record<string, Rule>> = {
  duplicateNumbers,
  outsideWindow,
  unknownTeams,
  unknownObjectives,
  unknownCriticalTasks,
  expectedActionWithoutObjective,
  injectWithoutAddressee,
  injectWithoutContent,
  noController,
  overlappingClosures,
};

/** Every finding for the list, errors first, then in list order. */
export function validateMsel(events: readonly MselEvent[], ctx: MselContext): MselFinding[] {
  const order = new Map(events.map((e, i) => [e.id, i]));
  return Object.values(MSEL_RULES)
    .flatMap((rule) => rule(events, ctx))
    .sort((a, b) =>
      a.severity === b.severity
        ? (order.get(a.eventId ?? '') ?? -1) - (order.get(b.eventId ?? '') ?? -1)
        : a.severity === 'error'
          ? -1
          : 1,
    );
}
