import { HOME_ZONES } from '../../../contract/zones.js';
import { formatLocal } from '../../../core/msel/time.js';
import type { DocumentData } from './data.js';
import { term } from './i18n/strings.js';
import type { Block } from './model.js';

/** Sections every document shares: the exercise at a glance, where, and when. */

/** A time zone as the document's reader names it: Kazakhstan's by their city, another by its IANA code. */
export const zoneIn = (d: DocumentData, timeZone: string): string =>
  HOME_ZONES[timeZone]?.[d.lang] ?? timeZone;

export function overview(d: DocumentData): Block[] {
  const x = d.plan.exercise;
  const s = d.s.overview;
  const zone = zoneIn(d, x.timeZone);
  const rows: [string, string][] = [
    [s.exercise, x.name],
    [s.type, term(d.s, x.type)],
    [s.startex, `${x.startexLocal}, ${zone}`],
    [s.endex, `${x.endexLocal}, ${zone}`],
  ];
  if (x.city) rows.push([s.city, x.city]);
  if (x.threat) rows.push([s.threat, x.threat]);
  if (x.sponsor) rows.push([s.sponsor, x.sponsor]);
  if (x.leadOrganisationId) rows.push([s.leadOrganisation, d.organisationName(x.leadOrganisationId)]);
  if (x.pointOfContact) rows.push([s.pointOfContact, x.pointOfContact]);
  return [
    { kind: 'heading', level: 1, text: s.heading },
    { kind: 'fields', rows },
  ];
}

export function scope(d: DocumentData): Block[] {
  const x = d.plan.exercise;
  return [
    { kind: 'heading', level: 1, text: d.s.scope.heading },
    { kind: 'paragraph', text: d.s.scope.text(term(d.s, x.type)) },
    ...(x.scope ? [{ kind: 'paragraph' as const, text: x.scope }] : []),
  ];
}

/** Objectives with their core capabilities; evaluators' documents add the critical tasks. */
export function objectives(d: DocumentData, withTasks: boolean): Block[] {
  const s = d.s.objectives;
  const out: Block[] = [{ kind: 'heading', level: 1, text: s.heading }];
  if (d.plan.objectives.length === 0) out.push({ kind: 'paragraph', text: s.none });
  for (const [i, o] of d.plan.objectives.entries()) {
    out.push({ kind: 'heading', level: 2, text: s.objective(i + 1) }, { kind: 'paragraph', text: o.text });
    for (const t of o.capabilityTargets) {
      out.push({ kind: 'paragraph', text: `${d.capabilityName(t.coreCapabilityId)}: ${t.text}` });
      if (withTasks && t.criticalTasks.length)
        out.push({ kind: 'list', items: t.criticalTasks.map((k) => s.criticalTask(k.text)) });
    }
  }
  return out;
}

export function participants(d: DocumentData): Block[] {
  const s = d.s.participants;
  const out: Block[] = [{ kind: 'heading', level: 1, text: s.heading }];
  out.push(
    d.plan.organisations.length
      ? {
          kind: 'table',
          header: [s.organisation, s.extentOfPlay, s.notes],
          rows: d.plan.organisations.map((o) => [
            d.organisationName(o.organisationId),
            term(d.s, o.extentOfPlay),
            o.notes ?? '',
          ]),
        }
      : { kind: 'paragraph', text: s.none },
  );
  if (d.plan.teams.length)
    out.push(
      { kind: 'heading', level: 2, text: s.teams },
      {
        kind: 'table',
        header: [s.team, s.organisation],
        rows: d.plan.teams.map((t) => [t.name, d.organisationName(t.organisationId)]),
      },
    );
  return out;
}

export function schedule(d: DocumentData): Block[] {
  const x = d.plan.exercise;
  const zone = x.timeZone;
  const windows = d.plan.zones.filter((z) => z.startsAt && z.endsAt);
  const s = d.s.schedule;
  const out: Block[] = [
    { kind: 'heading', level: 1, text: s.heading },
    {
      kind: 'table',
      header: [s.when, s.what],
      rows: [
        [x.startexLocal, s.startex],
        ...windows.map((z) => [
          `${formatLocal(new Date(z.startsAt!), zone)} – ${formatLocal(new Date(z.endsAt!), zone)}`,
          z.kind === 'road-closure' ? s.roadClosed(z.road ?? z.name) : `${term(d.s, z.kind)}: ${z.name}`,
        ]),
        [x.endexLocal, s.endex],
      ],
    },
    { kind: 'paragraph', text: s.allTimes(zoneIn(d, zone)) },
  ];
  return out;
}

export function venues(d: DocumentData): Block[] {
  const s = d.s.venues;
  const out: Block[] = [{ kind: 'heading', level: 1, text: s.heading }];
  out.push(
    d.plan.venues.length
      ? {
          kind: 'table',
          header: [s.venue, s.kind, s.address, s.position],
          rows: d.plan.venues.map((v) => [
            v.name,
            term(d.s, v.kind),
            v.address ?? '',
            `${v.point.lat.toFixed(5)}, ${v.point.lon.toFixed(5)}`,
          ]),
        }
      : { kind: 'paragraph', text: s.none },
  );
  if (d.plan.zones.length)
    out.push({
      kind: 'table',
      header: [s.zone, s.kind, s.road, s.notes],
      rows: d.plan.zones.map((z) => [z.name, term(d.s, z.kind), z.road ?? '', z.notes ?? '']),
    });
  return out;
}

/** Safety controllers and the rules everyone on the ground follows. */
export function safety(d: DocumentData): Block[] {
  const s = d.s.safety;
  const officers = d.plan.people.filter((p) => p.role === 'safety-controller');
  return [
    { kind: 'heading', level: 1, text: s.heading },
    { kind: 'notice', text: s.notice },
    { kind: 'list', items: [...s.rules] },
    officers.length
      ? {
          kind: 'table',
          header: [s.controller, s.contact],
          rows: officers.map((p) => [p.name, p.contact ?? '']),
        }
      : { kind: 'paragraph', text: s.atBriefing },
  ];
}

/** The rules that keep an exercise from being taken for a real event. */
export function exerciseRules(d: DocumentData): Block[] {
  return [
    { kind: 'heading', level: 1, text: d.s.rules.heading },
    { kind: 'notice', text: d.s.rules.notice },
    { kind: 'list', items: [...d.s.rules.items] },
  ];
}
