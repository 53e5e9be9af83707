import { objectives, overview, participants, safety, schedule, venues } from './common.js';
import type { DocumentData } from './data.js';
import { markingOf, type Block, type DocumentModel } from './model.js';

/** Controllers and evaluators by role, so each knows whom to call. */
function staff(d: DocumentData): Block[] {
  const roles = [
    'director',
    'senior-controller',
    'controller',
    'safety-controller',
    'simulator',
    'lead-evaluator',
    'evaluator',
    'trusted-agent',
  ];
  const people = d.plan.people
    .filter((p) => roles.includes(p.role))
    .sort((a, b) => roles.indexOf(a.role) - roles.indexOf(b.role) || a.name.localeCompare(b.name));
  return [
    { kind: 'heading', level: 1, text: 'Control and evaluation staff' },
    people.length
      ? {
          kind: 'table',
          header: ['Name', 'Role', 'Team', 'Contact'],
          rows: people.map((p) => [p.name, p.role, p.teamId ? d.teamName(p.teamId) : '', p.contact ?? '']),
        }
      : { kind: 'paragraph', text: 'Staff are not assigned yet.' },
  ];
}

function msel(d: DocumentData): Block[] {
  const m = d.msel!;
  const objectiveNo = new Map(d.plan.objectives.map((o, i) => [o.id, String(i + 1)]));
  if (m.events.length === 0)
    return [
      { kind: 'heading', level: 1, text: 'Master scenario events list (MSEL)' },
      { kind: 'paragraph', text: 'The MSEL has no events yet.' },
    ];
  return [
    { kind: 'heading', level: 1, text: 'Master scenario events list (MSEL)' },
    {
      kind: 'paragraph',
      text: `MSEL approval: ${m.approval}. Times are offsets from STARTEX and local time in ${m.timeZone}.`,
    },
    {
      kind: 'table',
      header: [
        'No.',
        'Time',
        'Scenario time',
        'From → to',
        'Method',
        'Event',
        'Expected action',
        'Objectives',
        'Controller',
        'Controller notes',
      ],
      rows: m.events.map((e) => [
        e.number + (e.contingency ? ' (contingency)' : ''),
        `${e.offset}\n${e.scheduledLocal}`,
        e.scenarioTime ?? '',
        `${e.from ?? ''} → ${[...e.toTeamIds.map(d.teamName), e.toText ?? ''].filter(Boolean).join(', ') || 'all players'}`,
        e.method,
        `${e.kind === 'inject' ? '' : `[${e.kind}] `}${e.title}\n${e.content}`,
        e.expectedAction ?? '',
        e.objectiveIds.map((id) => objectiveNo.get(id) ?? '?').join(', '),
        d.personName(e.responsibleControllerId),
        `${e.controllerNotes ?? ''}${e.approval === 'approved' ? '' : `\n(${e.approval})`}`.trim(),
      ]),
    },
  ];
}

/**
 * The Controller/Evaluator Handbook (HSEEP C/E Handbook): the scenario, the full MSEL with controller
 * notes, and objectives down to the critical tasks evaluators rate. Never for players: the service
 * loads the MSEL through getMsel, which refuses anyone who may not read the controllers' side.
 */
export function buildHandbook(d: DocumentData): DocumentModel {
  const x = d.plan.exercise;
  return {
    kind: 'Controller/Evaluator Handbook',
    title: x.name,
    subtitle: `Controller/Evaluator Handbook — ${x.startexLocal}`,
    marking: markingOf(x.handling),
    audience: 'For controllers, simulators and evaluators only. Never give it to players.',
    blocks: [
      ...overview(d),
      { kind: 'heading', level: 1, text: 'Scenario' },
      { kind: 'paragraph', text: x.scenario ?? 'The scenario narrative is not written yet.' },
      ...objectives(d, true),
      ...schedule(d),
      ...venues(d),
      ...participants(d),
      ...staff(d),
      ...msel(d),
      ...safety(d),
    ],
  };
}
