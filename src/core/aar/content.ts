/**
 * The after-action report and improvement plan (AAR/IP) as data, in the HSEEP structure: what a
 * version stores, what the renderers (DOCX, HTML, PDF) draw and what the console edits. Plain JSON
 * so a stored version reads back exactly as it was written, whatever the code that wrote it.
 */

export const AAR_LANGUAGES = ['kk', 'ru', 'en'] as const;
export type AarLanguage = (typeof AAR_LANGUAGES)[number];

/** HSEEP performance ratings: Performed without challenges, with Some, with Major challenges, Unable. */
export const RATINGS = ['P', 'S', 'M', 'U'] as const;
export type Rating = (typeof RATINGS)[number];

/** The capability elements an improvement item addresses (HSEEP POETE). */
// The improvement plan's own list: one set of capability elements for the plan and its report.
export { CAPABILITY_ELEMENTS, type CapabilityElement } from '../improvement/improvement.js';
import type { CapabilityElement } from '../improvement/improvement.js';

export interface AarOverview {
  name: string;
  type: string;
  city: string | null;
  timeZone: string;
  startex: string;
  endex: string;
  threat: string | null;
  sponsor: string | null;
  leadOrganisation: string | null;
  pointOfContact: string | null;
  scope: string | null;
  /** The scenario in brief. */
  scenario: string | null;
  /** The executive summary: empty when generated, written by the director. */
  summary: string;
}

export interface AarTarget {
  id: string;
  capability: string;
  text: string;
  rating: Rating | null;
  reasoning: string;
  criticalTasks: { id: string; text: string; met: boolean | null }[];
}

export interface AarObjective {
  id: string;
  text: string;
  targets: AarTarget[];
  /** The rating of the objective's core capability as a whole, when given. */
  rating: Rating | null;
}

/** One strength or area for improvement, with the evidence it rests on. */
export interface AarFinding {
  /** Stable across regenerations: what the diff matches items by ("S-2", "AFI-1" or a finding id). */
  reference: string;
  text: string;
  analysis: string;
  observationIds: string[];
}

export interface AarCapability {
  id: string;
  name: string;
  rating: Rating | null;
  strengths: AarFinding[];
  areasForImprovement: AarFinding[];
  /** The observations made against the capability's objectives and critical tasks: the evidence. */
  observations: { id: string; time: string; author: string; text: string }[];
}

export interface AarPlanRow {
  /** Stable id of the improvement item. */
  id: string;
  capability: string;
  issue: string;
  correctiveAction: string;
  element: CapabilityElement | '';
  responsibleOrganisation: string;
  owner: string;
  start: string | null;
  due: string | null;
  status: string;
}

export interface AarParticipant {
  organisation: string;
  extentOfPlay: string;
  teams: string[];
  people: number;
}

export type TimelineKind = 'clock' | 'inject' | 'observation';

export interface AarTimelineEvent {
  at: string;
  /** Exercise time, seconds from STARTEX; null before STARTEX. */
  seconds: number | null;
  kind: TimelineKind;
  label: string;
}

export interface AarResponseTime {
  /** A team's or an inject's name. */
  label: string;
  /** Fired → first acknowledgement, seconds; null: never acknowledged. */
  acknowledgeSeconds: number | null;
  /** Fired → first report (action), seconds. */
  actionSeconds: number | null;
  /** How many injects (per team) or deliveries (per inject) it rests on. */
  count: number;
}

/** One question's answers from one role, summarised as the report prints them. */
export interface AarFeedbackLine {
  role: string;
  question: string;
  summary: string;
}

/** The hot-wash survey's answers (decision 0032): who answered, and per role and question, what. */
export interface AarFeedback {
  invited: number;
  responses: number;
  lines: AarFeedbackLine[];
}

export interface AarContent {
  language: AarLanguage;
  generatedAt: string;
  overview: AarOverview;
  objectives: AarObjective[];
  capabilities: AarCapability[];
  improvementPlan: AarPlanRow[];
  participants: AarParticipant[];
  /** Absent in versions drafted before the survey was summarised in the report. */
  feedback?: AarFeedback;
  timeline: AarTimelineEvent[];
  responseTimes: { perTeam: AarResponseTime[]; perInject: AarResponseTime[] };
  /** What the draft rests on, for the reader: counts at generation. */
  basis: { observations: number; injectsFired: number; events: number };
}

/** The parts of the report a person edits as a whole; a regeneration keeps the ones edited by hand. */
export const AAR_SECTIONS = [
  'overview',
  'objectives',
  'capabilities',
  'improvementPlan',
  'participants',
] as const;
export type AarSection = (typeof AAR_SECTIONS)[number];

/** The formats a report is written out in. */
export const REPORT_FORMATS = ['docx', 'pdf', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
