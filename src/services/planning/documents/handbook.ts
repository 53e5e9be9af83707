import { objectives, overview, participants, safety, schedule, venues, zoneIn } from './common.js';
import type { DocumentData } from './data.js';
import { term } from './i18n/strings.js';
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
  const s = d.s.staff;
  return [
    { kind: 'heading', level: 1, text: s.heading },
    people.length
      ? {
          kind: 'table',
          header: [s.name, s.role, s.team, s.contact],
          rows: people.map((p) => [
            p.name,
            term(d.s, p.role),
            p.teamId ? d.teamName(p.teamId) : '',
            p.contact ?? '',
          ]),
        }
      : { kind: 'paragraph', text: s.none },
  ];
}

function msel(d: DocumentData): Block[] {
  const m = d.msel!;
  const s = d.s.msel;
  const objectiveNo = new Map(d.plan.objectives.map((o, i) => [o.id, String(i + 1)]));
  if (m.events.length === 0)
    return [
      { kind: 'heading', level: 1, text: s.heading },
      { kind: 'paragraph', text: s.none },
    ];
  return [
    { kind: 'heading', level: 1, text: s.heading },
    { kind: 'paragraph', text: s.approval(term(d.s, m.approval), zoneIn(d, m.timeZone)) },
    {
      kind: 'table',
      header: [...s.header],
      rows: m.events.map((e) => [
        e.number + (e.contingency ? ` (${s.contingency})` : ''),
        `${e.offset}\n${e.scheduledLocal}`,
        e.scenarioTime ?? '',
        `${e.from ?? ''} → ${[...e.toTeamIds.map(d.teamName), e.toText ?? ''].filter(Boolean).join(', ') || s.allPlayers}`,
        term(d.s, e.method),
        `${e.kind === 'inject' ? '' : `[${term(d.s, e.kind)}] `}${e.title}\n${e.content}`,
        e.expectedAction ?? '',
        e.objectiveIds.map((id) => objectiveNo.get(id) ?? '?').join(', '),
        d.personName(e.responsibleControllerId),
        `${e.controllerNotes ?? ''}${e.approval === 'approved' ? '' : `\n(${term(d.s, e.approval)})`}`.trim(),
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
    kind: d.s.handbook.kind,
    title: x.name,
    subtitle: `${d.s.handbook.subtitle} — ${x.startexLocal}`,
    marking: markingOf(x.handling, d.s.defaultMarking),
    audience: d.s.handbook.audience,
    lang: d.lang,
    author: d.s.product,
    pageOf: [d.s.page, d.s.of],
    blocks: [
      ...overview(d),
      { kind: 'heading', level: 1, text: d.s.scenario.heading },
      { kind: 'paragraph', text: x.scenario ?? d.s.scenario.none },
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
