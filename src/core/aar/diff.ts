import type { AarContent, AarSection } from './content.js';

/** One difference between two versions of a report, named by section and item. */
export interface AarChange {
  section: AarSection;
  /** What changed, readable and stable: "capabilities/cap-1/AFI-2", "overview/summary". */
  item: string;
  change: 'added' | 'removed' | 'changed';
  before: string | null;
  after: string | null;
}

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** Items keyed by id on both sides: added, removed, and changed by their shown text. */
function keyed<T>(
  section: AarSection,
  prefix: string,
  before: readonly T[],
  after: readonly T[],
  key: (t: T) => string,
  text: (t: T) => string,
): AarChange[] {
  const out: AarChange[] = [];
  const old = new Map(before.map((t) => [key(t), t]));
  const now = new Map(after.map((t) => [key(t), t]));
  for (const [k, t] of now) {
    const o = old.get(k);
    if (!o) out.push({ section, item: `${prefix}${k}`, change: 'added', before: null, after: text(t) });
    else if (text(o) !== text(t))
      out.push({ section, item: `${prefix}${k}`, change: 'changed', before: text(o), after: text(t) });
  }
  for (const [k, o] of old)
    if (!now.has(k))
      out.push({ section, item: `${prefix}${k}`, change: 'removed', before: text(o), after: null });
  return out;
}

/**
 * What changed from `before` to `after`, section by section and item by item: the overview by
 * field, objectives and targets by id (their ratings and reasoning included), strengths and areas for
 * improvement by capability and reference, improvement-plan rows by id, participants by organisation.
 * Generation times and the pictures' data are not compared: they move on every regeneration.
 */
export function diffContent(before: AarContent, after: AarContent): AarChange[] {
  const overview = Object.keys(after.overview).flatMap((k): AarChange[] => {
    const key = k as keyof AarContent['overview'];
    const [b, a] = [before.overview[key], after.overview[key]];
    return show(b) === show(a)
      ? []
      : [{ section: 'overview', item: `overview/${k}`, change: 'changed', before: show(b), after: show(a) }];
  });
  const targets = (c: AarContent) =>
    c.objectives.flatMap((o) => o.targets.map((t) => ({ ...t, objective: o.id })));
  const findings = (c: AarContent) =>
    c.capabilities.flatMap((cap) => [
      { key: `${cap.id}/rating`, text: cap.rating ?? '' },
      ...[...cap.strengths, ...cap.areasForImprovement].map((f) => ({
        key: `${cap.id}/${f.reference}`,
        text: `${f.text}\n${f.analysis}`,
      })),
      ...cap.observations.map((o) => ({ key: `${cap.id}/observation/${o.id}`, text: `${o.time} ${o.text}` })),
    ]);
  return [
    ...overview,
    ...keyed(
      'objectives',
      'objectives/',
      before.objectives,
      after.objectives,
      (o) => o.id,
      (o) => o.text,
    ),
    ...keyed(
      'objectives',
      'targets/',
      targets(before),
      targets(after),
      (t) => t.id,
      (t) => `${t.text} [${t.rating ?? '–'}] ${t.reasoning}`,
    ),
    ...keyed(
      'capabilities',
      'capabilities/',
      findings(before),
      findings(after),
      (f) => f.key,
      (f) => f.text,
    ),
    ...keyed(
      'improvementPlan',
      'improvementPlan/',
      before.improvementPlan,
      after.improvementPlan,
      (r) => r.id,
      (r) =>
        [
          r.issue,
          r.correctiveAction,
          r.element,
          r.responsibleOrganisation,
          r.owner,
          r.due ?? '',
          r.status,
        ].join(' | '),
    ),
    ...keyed(
      'participants',
      'participants/',
      before.participants,
      after.participants,
      (p) => p.organisation,
      (p) => `${p.extentOfPlay}: ${p.teams.join(', ')} (${p.people})`,
    ),
  ];
}
