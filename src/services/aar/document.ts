import type { AarContent, AarFinding, AarResponseTime } from '../../core/aar/content.js';
import { drawingSvg, type ChartDrawing } from '../../core/chart/shapes.js';
import { aarCharts } from '../../core/aar/charts.js';
import { stringsFor } from '../planning/documents/i18n/strings.js';
import type { Block, DocumentModel } from '../planning/documents/model.js';
import { aarStrings, type AarStrings } from './i18n.js';
import { drawingPng } from './png.js';

/*
 * The AAR/IP as a document of the planning documents' model (planning/documents/model), so the same
 * DOCX and HTML renderers write it: the HSEEP order of an exercise overview, objectives with their
 * capabilities and ratings, the analysis of each capability (strengths and areas for improvement
 * with reference and analysis, and the observations behind them), the pictures, the improvement plan
 * and the participants as appendices.
 */

const minutes = (s: number | null) => (s === null ? '—' : (s / 60).toFixed(1));

/** A stored code in the report's words; a value the table does not know (typed by hand) as it is. */
const wordFor = (words: Readonly<Record<string, string>>, code: string): string =>
  Object.hasOwn(words, code) ? words[code]! : code;

function figure(d: ChartDrawing): Block {
  return { kind: 'figure', caption: d.title, svg: drawingSvg(d), png: drawingPng(d) };
}

function findings(title: string, items: readonly AarFinding[], s: AarStrings): Block[] {
  return [
    { kind: 'heading', level: 3, text: title },
    ...(items.length
      ? items.flatMap((f): Block[] => [
          { kind: 'paragraph', text: `${f.reference}. ${f.text}` },
          ...(f.analysis ? [{ kind: 'paragraph' as const, text: `${s.analysis}: ${f.analysis}` }] : []),
        ])
      : [{ kind: 'paragraph' as const, text: s.none }]),
  ];
}

function overview(c: AarContent, s: AarStrings): Block[] {
  const o = c.overview;
  const rows: [string, string | null][] = [
    [s.fields.name, o.name],
    [s.fields.type, o.type],
    [s.fields.city, o.city],
    [s.fields.startex, o.startex],
    [s.fields.endex, o.endex],
    [s.fields.threat, o.threat],
    [s.fields.sponsor, o.sponsor],
    [s.fields.lead, o.leadOrganisation],
    [s.fields.contact, o.pointOfContact],
    [s.fields.scope, o.scope],
  ];
  return [
    { kind: 'heading', level: 1, text: s.overview },
    { kind: 'fields', rows: rows.filter((r): r is [string, string] => !!r[1]) },
    ...(o.scenario
      ? [
          { kind: 'heading' as const, level: 2 as const, text: s.fields.scenario },
          { kind: 'paragraph' as const, text: o.scenario },
        ]
      : []),
    { kind: 'heading', level: 2, text: s.summary },
    { kind: 'paragraph', text: o.summary || s.none },
    { kind: 'paragraph', text: s.basis(c.basis.observations, c.basis.injectsFired, c.basis.events) },
  ];
}

function objectives(c: AarContent, s: AarStrings): Block[] {
  const rating = (r: keyof AarStrings['ratings'] | null) => (r ? s.ratings[r] : s.notRated);
  return [
    { kind: 'heading', level: 1, text: s.objectives },
    ...(c.objectives.length ? [] : [{ kind: 'paragraph' as const, text: s.none }]),
    ...c.objectives.flatMap((o, i): Block[] => [
      { kind: 'heading', level: 2, text: `${s.objective(i + 1)}. ${o.text}` },
      {
        kind: 'table',
        header: [s.target, s.rating, s.reasoning],
        rows: o.targets.map((t) => [`${t.capability}: ${t.text}`, rating(t.rating), t.reasoning]),
      },
    ]),
  ];
}

function capabilities(c: AarContent, s: AarStrings): Block[] {
  return [
    { kind: 'heading', level: 1, text: s.capabilities },
    ...c.capabilities.flatMap((cap): Block[] => [
      { kind: 'heading', level: 2, text: `${cap.name}${cap.rating ? ` (${cap.rating})` : ''}` },
      ...findings(s.strengths, cap.strengths, s),
      ...findings(s.areasForImprovement, cap.areasForImprovement, s),
      ...(cap.observations.length
        ? [
            { kind: 'heading' as const, level: 3 as const, text: s.observations },
            { kind: 'list' as const, items: cap.observations.map((o) => `${o.time} ${o.author}: ${o.text}`) },
          ]
        : []),
    ]),
  ];
}

function pictures(c: AarContent, s: AarStrings): Block[] {
  const charts = aarCharts(c, s);
  const table = (rows: readonly AarResponseTime[], first: string): Block => ({
    kind: 'table',
    header: [first, s.acknowledge, s.action, s.count],
    rows: rows.map((r) => [
      r.label,
      minutes(r.acknowledgeSeconds),
      minutes(r.actionSeconds),
      String(r.count),
    ]),
  });
  return [
    { kind: 'heading', level: 1, text: s.timeline },
    figure(charts.timeline),
    { kind: 'heading', level: 1, text: s.responseTimes },
    figure(charts.perTeam),
    table(c.responseTimes.perTeam, s.teams),
    figure(charts.perInject),
    table(c.responseTimes.perInject, s.lanes.inject),
  ];
}

/** The participants' answers to the hot-wash survey, per role and question. */
function feedback(c: AarContent, s: AarStrings): Block[] {
  if (!c.feedback) return [];
  const f = c.feedback;
  return [
    { kind: 'heading', level: 1, text: s.feedback.title },
    { kind: 'paragraph', text: s.feedback.basis(f.responses, f.invited) },
    f.lines.length
      ? {
          kind: 'table',
          header: [s.feedback.role, s.feedback.question, s.feedback.answers],
          rows: f.lines.map((l) => [l.role, l.question, l.summary]),
        }
      : { kind: 'paragraph', text: s.none },
  ];
}

function appendices(c: AarContent, s: AarStrings): Block[] {
  return [
    { kind: 'heading', level: 1, text: s.improvementPlan },
    c.improvementPlan.length
      ? {
          kind: 'table',
          header: [
            s.ip.capability,
            s.ip.issue,
            s.ip.action,
            s.ip.element,
            s.ip.organisation,
            s.ip.owner,
            s.ip.start,
            s.ip.due,
            s.ip.status,
          ],
          rows: c.improvementPlan.map((r) => [
            r.capability,
            r.issue,
            r.correctiveAction,
            r.element ? s.ip.elements[r.element] : '',
            r.responsibleOrganisation,
            r.owner,
            r.start ?? '',
            r.due ?? '',
            wordFor(s.ip.statuses, r.status),
          ]),
        }
      : { kind: 'paragraph', text: s.none },
    { kind: 'heading', level: 1, text: s.participants },
    c.participants.length
      ? {
          kind: 'table',
          header: [s.organisation, s.extentOfPlay, s.teams, s.people],
          rows: c.participants.map((p) => [
            p.organisation,
            p.extentOfPlay,
            p.teams.join(', '),
            String(p.people),
          ]),
        }
      : { kind: 'paragraph', text: s.none },
  ];
}

/** The report as a document; a draft says so in its marking. */
export function buildAarDocument(c: AarContent, status: 'draft' | 'final', version: number): DocumentModel {
  const s = aarStrings(c.language);
  return {
    kind: s.kind,
    title: c.overview.name,
    subtitle: `${s.subtitle} · ${s.version(version)}`,
    marking: `${status === 'draft' ? s.draft : s.kind}, ${s.version(version)}`,
    audience: s.audience,
    lang: c.language,
    author: stringsFor(c.language).product,
    pageOf: s.page,
    blocks: [
      ...overview(c, s),
      ...objectives(c, s),
      ...capabilities(c, s),
      ...pictures(c, s),
      ...feedback(c, s),
      ...appendices(c, s),
    ],
  };
}
