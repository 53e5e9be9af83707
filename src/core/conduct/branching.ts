/**
 * Branching: injects played only on one path of the scenario. A *decision point* is an inject that
 * asks its players to choose ("storm the building" or "negotiate"); a *conditional* inject waits,
 * hidden, until the decision it names is taken with the option it names, or until a milestone (a
 * named moment the controllers mark: "perimeter secured") is reached. Then it is scheduled `delay`
 * minutes of exercise time later; the injects waiting for another option of the same decision are
 * skipped as a branch not taken. Pure: the services call this inside the clock's lock.
 */

export const MAX_OPTIONS = 6;
export const MAX_DELAY_MINUTES = 24 * 60;

/** What a conditional inject waits for. */
export type ReleaseOn =
  | { kind: 'decision'; eventId: string; option: string; delayMinutes: number }
  | { kind: 'milestone'; milestone: string; delayMinutes: number };

/** The branching of one MSEL event: its own question, and what it waits for. */
export interface Branching {
  eventId: string;
  /** The question put to the players when it fires, with its options; null: no decision. */
  decision: { question: string; options: string[] } | null;
  releaseOn: ReleaseOn | null;
}

/** One problem with a branching, named by the field it is in. */
export interface BranchingProblem {
  field: string;
  code:
    | 'not_empty'
    | 'too_few_options'
    | 'too_many_options'
    | 'duplicate_option'
    | 'not_a_decision'
    | 'unknown_option'
    | 'self_reference'
    | 'branch_cycle'
    | 'delay_minutes'
    | 'option_in_use';
  detail?: Record<string, string>;
}

const same = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/** The problems of one event's branching among the exercise's others (empty: it may be saved). */
export function checkBranching(b: Branching, others: readonly Branching[]): BranchingProblem[] {
  const problems: BranchingProblem[] = [];
  if (b.decision) {
    if (!b.decision.question.trim()) problems.push({ field: 'decision.question', code: 'not_empty' });
    const options = b.decision.options;
    if (options.length < 2) problems.push({ field: 'decision.options', code: 'too_few_options' });
    if (options.length > MAX_OPTIONS)
      problems.push({
        field: 'decision.options',
        code: 'too_many_options',
        detail: { max: String(MAX_OPTIONS) },
      });
    options.forEach((o, i) => {
      if (!o.trim()) problems.push({ field: `decision.options.${i}`, code: 'not_empty' });
      else if (options.findIndex((p) => same(p, o)) < i)
        problems.push({ field: `decision.options.${i}`, code: 'duplicate_option', detail: { option: o } });
    });
  }
  // Injects already waiting on this decision point keep their option (or it could never be chosen).
  for (const o of others) {
    const w = o.releaseOn;
    if (
      w?.kind === 'decision' &&
      w.eventId === b.eventId &&
      !b.decision?.options.some((p) => same(p, w.option))
    )
      problems.push({ field: 'decision.options', code: 'option_in_use', detail: { option: w.option } });
  }
  const r = b.releaseOn;
  if (r) {
    if (!Number.isInteger(r.delayMinutes) || r.delayMinutes < 0 || r.delayMinutes > MAX_DELAY_MINUTES)
      problems.push({
        field: 'releaseOn.delayMinutes',
        code: 'delay_minutes',
        detail: { max: String(MAX_DELAY_MINUTES) },
      });
    if (r.kind === 'milestone' && !r.milestone.trim())
      problems.push({ field: 'releaseOn.milestone', code: 'not_empty' });
    if (r.kind === 'decision') {
      const all = new Map([...others, b].map((o) => [o.eventId, o]));
      const point = all.get(r.eventId)?.decision;
      if (r.eventId === b.eventId) problems.push({ field: 'releaseOn.eventId', code: 'self_reference' });
      else if (!point) problems.push({ field: 'releaseOn.eventId', code: 'not_a_decision' });
      else if (!point.options.some((o) => same(o, r.option)))
        problems.push({ field: 'releaseOn.option', code: 'unknown_option', detail: { option: r.option } });
      else if (waitsOn(r.eventId, b.eventId, all))
        problems.push({ field: 'releaseOn.eventId', code: 'branch_cycle' });
    }
  }
  return problems;
}

/** Whether `from` waits, through a chain of decisions, on `target` (which would never fire). */
function waitsOn(from: string, target: string, all: ReadonlyMap<string, Branching>): boolean {
  const seen = new Set<string>();
  for (let at: string | undefined = from; at && !seen.has(at);) {
    if (at === target) return true;
    seen.add(at);
    const r: ReleaseOn | null | undefined = all.get(at)?.releaseOn;
    at = r?.kind === 'decision' ? r.eventId : undefined;
  }
  return false;
}

/** A conditional inject of a running exercise, still waiting. */
export interface Waiting {
  runId: string;
  releaseOn: ReleaseOn;
}

/** What happened in play that may release injects. */
export type Trigger =
  { kind: 'decision'; eventId: string; option: string } | { kind: 'milestone'; milestone: string };

/**
 * Which waiting injects a trigger releases (with their delay) and which it rules out: the other
 * options of a decision are branches not taken. A milestone rules nothing out.
 */
export function releasesFor(
  trigger: Trigger,
  waiting: readonly Waiting[],
): { release: { runId: string; delayMinutes: number }[]; skip: string[] } {
  const release: { runId: string; delayMinutes: number }[] = [];
  const skip: string[] = [];
  for (const w of waiting) {
    const r = w.releaseOn;
    if (trigger.kind === 'milestone' && r.kind === 'milestone' && same(r.milestone, trigger.milestone))
      release.push({ runId: w.runId, delayMinutes: r.delayMinutes });
    if (trigger.kind === 'decision' && r.kind === 'decision' && r.eventId === trigger.eventId) {
      if (same(r.option, trigger.option)) release.push({ runId: w.runId, delayMinutes: r.delayMinutes });
      else skip.push(w.runId);
    }
  }
  return { release, skip };
}

/** The option as the decision point spells it, or null when it is not one of them. */
export function optionOf(options: readonly string[], chosen: string): string | null {
  return options.find((o) => same(o, chosen)) ?? null;
}

/** The milestones an exercise's branching names, each once, in the order first named. */
export function milestonesOf(all: readonly Pick<Branching, 'releaseOn'>[]): string[] {
  const out: string[] = [];
  for (const b of all)
    if (
      b.releaseOn?.kind === 'milestone' &&
      !out.some((m) => same(m, (b.releaseOn as { milestone: string }).milestone))
    )
      out.push(b.releaseOn.milestone.trim());
  return out;
}
