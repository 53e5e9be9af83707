import { formatLocal } from '../../../core/msel/time.js';
import type { DocumentData } from './data.js';
import type { Block } from './model.js';

/** Sections every document shares: the exercise at a glance, where, and when. */

export function overview(d: DocumentData): Block[] {
  const x = d.plan.exercise;
  const rows: [string, string][] = [
    ['Exercise', x.name],
    ['Type', x.type],
    ['STARTEX', `${x.startexLocal}, ${x.timeZone}`],
    ['ENDEX', `${x.endexLocal}, ${x.timeZone}`],
  ];
  if (x.city) rows.push(['City', x.city]);
  if (x.threat) rows.push(['Threat or hazard', x.threat]);
  if (x.sponsor) rows.push(['Sponsor', x.sponsor]);
  if (x.leadOrganisationId) rows.push(['Lead organisation', d.organisationName(x.leadOrganisationId)]);
  if (x.pointOfContact) rows.push(['Point of contact', x.pointOfContact]);
  return [
    { kind: 'heading', level: 1, text: 'Exercise overview' },
    { kind: 'fields', rows },
  ];
}

export function scope(d: DocumentData): Block[] {
  const x = d.plan.exercise;
  return [
    { kind: 'heading', level: 1, text: 'Purpose and scope' },
    {
      kind: 'paragraph',
      text: `This ${x.type} exercise tests the plans, procedures and coordination of the participating agencies against the objectives below.`,
    },
    ...(x.scope ? [{ kind: 'paragraph' as const, text: x.scope }] : []),
  ];
}

/** Objectives with their core capabilities; evaluators' documents add the critical tasks. */
export function objectives(d: DocumentData, withTasks: boolean): Block[] {
  const out: Block[] = [{ kind: 'heading', level: 1, text: 'Objectives and core capabilities' }];
  if (d.plan.objectives.length === 0) out.push({ kind: 'paragraph', text: 'No objectives are set yet.' });
  for (const [i, o] of d.plan.objectives.entries()) {
    out.push({ kind: 'heading', level: 2, text: `Objective ${i + 1}` }, { kind: 'paragraph', text: o.text });
    for (const t of o.capabilityTargets) {
      out.push({ kind: 'paragraph', text: `${d.capabilityName(t.coreCapabilityId)}: ${t.text}` });
      if (withTasks && t.criticalTasks.length)
        out.push({ kind: 'list', items: t.criticalTasks.map((k) => `Critical task: ${k.text}`) });
    }
  }
  return out;
}

export function participants(d: DocumentData): Block[] {
  const out: Block[] = [{ kind: 'heading', level: 1, text: 'Participating organisations' }];
  out.push(
    d.plan.organisations.length
      ? {
          kind: 'table',
          header: ['Organisation', 'Extent of play', 'Notes'],
          rows: d.plan.organisations.map((o) => [
            d.organisationName(o.organisationId),
            o.extentOfPlay,
            o.notes ?? '',
          ]),
        }
      : { kind: 'paragraph', text: 'Participating organisations are not listed yet.' },
  );
  if (d.plan.teams.length)
    out.push(
      { kind: 'heading', level: 2, text: 'Teams' },
      {
        kind: 'table',
        header: ['Team', 'Organisation'],
        rows: d.plan.teams.map((t) => [t.name, d.organisationName(t.organisationId)]),
      },
    );
  return out;
}

export function schedule(d: DocumentData): Block[] {
  const x = d.plan.exercise;
  const zone = x.timeZone;
  const windows = d.plan.zones.filter((z) => z.startsAt && z.endsAt);
  const out: Block[] = [
    { kind: 'heading', level: 1, text: 'Schedule' },
    {
      kind: 'table',
      header: ['When', 'What'],
      rows: [
        [x.startexLocal, 'STARTEX: the exercise begins'],
        ...windows.map((z) => [
          `${formatLocal(new Date(z.startsAt!), zone)} – ${formatLocal(new Date(z.endsAt!), zone)}`,
          z.kind === 'road-closure' ? `Road closed: ${z.road ?? z.name}` : `${z.kind}: ${z.name}`,
        ]),
        [x.endexLocal, 'ENDEX: the exercise ends'],
      ],
    },
    { kind: 'paragraph', text: `All times are local time in ${zone}.` },
  ];
  return out;
}

export function venues(d: DocumentData): Block[] {
  const out: Block[] = [{ kind: 'heading', level: 1, text: 'Venues and zones' }];
  out.push(
    d.plan.venues.length
      ? {
          kind: 'table',
          header: ['Venue', 'Kind', 'Address', 'Position (lat, lon)'],
          rows: d.plan.venues.map((v) => [
            v.name,
            v.kind,
            v.address ?? '',
            `${v.point.lat.toFixed(5)}, ${v.point.lon.toFixed(5)}`,
          ]),
        }
      : { kind: 'paragraph', text: 'Venues are not set yet.' },
  );
  if (d.plan.zones.length)
    out.push({
      kind: 'table',
      header: ['Zone', 'Kind', 'Road', 'Notes'],
      rows: d.plan.zones.map((z) => [z.name, z.kind, z.road ?? '', z.notes ?? '']),
    });
  return out;
}

/** Safety controllers and the rules everyone on the ground follows. */
export function safety(d: DocumentData): Block[] {
  const officers = d.plan.people.filter((p) => p.role === 'safety-controller');
  return [
    { kind: 'heading', level: 1, text: 'Safety' },
    {
      kind: 'notice',
      text: 'A real emergency always comes first. Anyone who sees a real danger says "REAL-WORLD EMERGENCY" on any channel; play stops at once and the safety controller takes charge.',
    },
    {
      kind: 'list',
      items: [
        'No live ammunition, real weapons or pyrotechnics outside those the safety controller has cleared.',
        'Drive by the traffic rules; exercise vehicles use lights and sirens only where the plan allows.',
        'Stay inside the marked zones; closed roads are closed for the exercise, not for the public beyond them.',
        'Anyone may stop play for safety; nobody is blamed for doing so.',
      ],
    },
    officers.length
      ? {
          kind: 'table',
          header: ['Safety controller', 'Contact'],
          rows: officers.map((p) => [p.name, p.contact ?? '']),
        }
      : { kind: 'paragraph', text: 'The safety controller is named at the briefing.' },
  ];
}

/** The rules that keep an exercise from being taken for a real event. */
export function exerciseRules(): Block[] {
  return [
    { kind: 'heading', level: 1, text: 'This is an exercise' },
    {
      kind: 'notice',
      text: 'Every exercise message begins and ends with "EXERCISE EXERCISE EXERCISE". Do not call emergency numbers about exercise events.',
    },
    {
      kind: 'list',
      items: [
        'Act as you would in a real event, unless a controller tells you otherwise.',
        'Play only the messages you receive; do not look for information you would not have.',
        'If a member of the public asks, explain that this is a planned exercise and where the public notice is published.',
        'Report your actions and times as you would in a real event; evaluators observe, they do not direct.',
      ],
    },
  ];
}
