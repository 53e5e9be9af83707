import { Type, type Static } from '@sinclair/typebox';
import {
  AAR_LANGUAGES,
  AAR_SECTIONS,
  CAPABILITY_ELEMENTS,
  RATINGS,
  REPORT_FORMATS,
} from '../../../core/aar/content.js';
import { Instant, literals, Nullable } from '../common.schema.js';

const Text = (max = 20000) => Type.String({ maxLength: max });
const Rating = Nullable(literals(RATINGS));
const Strict = { additionalProperties: false } as const;

const Overview = Type.Object(
  {
    name: Text(500),
    type: Text(200),
    city: Nullable(Text(200)),
    timeZone: Text(100),
    startex: Text(100),
    endex: Text(100),
    threat: Nullable(Text()),
    sponsor: Nullable(Text(500)),
    leadOrganisation: Nullable(Text(500)),
    pointOfContact: Nullable(Text(500)),
    scope: Nullable(Text()),
    scenario: Nullable(Text()),
    summary: Type.String({ maxLength: 20000, description: 'the executive summary, written by the director' }),
  },
  Strict,
);
const Objective = Type.Object(
  {
    id: Text(100),
    text: Text(),
    rating: Rating,
    targets: Type.Array(
      Type.Object(
        {
          id: Text(100),
          capability: Text(500),
          text: Text(),
          rating: Rating,
          reasoning: Text(),
          criticalTasks: Type.Array(
            Type.Object({ id: Text(100), text: Text(), met: Nullable(Type.Boolean()) }, Strict),
            { maxItems: 500 },
          ),
        },
        Strict,
      ),
      { maxItems: 500 },
    ),
  },
  Strict,
);
const Finding = Type.Object(
  {
    reference: Type.String({
      minLength: 1,
      maxLength: 50,
      description: 'S-1, AFI-2: stable across versions',
    }),
    text: Text(),
    analysis: Text(),
    observationIds: Type.Array(Text(100), { maxItems: 500 }),
  },
  Strict,
);
const Capability = Type.Object(
  {
    id: Text(100),
    name: Text(500),
    rating: Rating,
    strengths: Type.Array(Finding, { maxItems: 200 }),
    areasForImprovement: Type.Array(Finding, { maxItems: 200 }),
    observations: Type.Array(
      Type.Object({ id: Text(100), time: Text(50), author: Text(500), text: Text() }, Strict),
      { maxItems: 5000 },
    ),
  },
  Strict,
);
const PlanRow = Type.Object(
  {
    id: Text(100),
    capability: Text(500),
    issue: Text(),
    correctiveAction: Text(),
    element: Type.Union([literals(CAPABILITY_ELEMENTS), Type.Literal('')]),
    responsibleOrganisation: Text(500),
    owner: Text(500),
    start: Nullable(Text(40)),
    due: Nullable(Text(40)),
    status: Text(100),
  },
  Strict,
);
const Participant = Type.Object(
  {
    organisation: Text(500),
    extentOfPlay: Text(200),
    teams: Type.Array(Text(500), { maxItems: 500 }),
    people: Type.Integer({ minimum: 0 }),
  },
  Strict,
);
const Feedback = Type.Object(
  {
    invited: Type.Integer({ minimum: 0 }),
    responses: Type.Integer({ minimum: 0 }),
    lines: Type.Array(
      Type.Object({ role: Type.String(), question: Type.String(), summary: Type.String() }, Strict),
    ),
  },
  Strict,
);
const ResponseTime = Type.Object({
  label: Type.String(),
  acknowledgeSeconds: Nullable(Type.Number()),
  actionSeconds: Nullable(Type.Number()),
  count: Type.Integer(),
});

const Sections = {
  overview: Overview,
  objectives: Type.Array(Objective, { maxItems: 200 }),
  capabilities: Type.Array(Capability, { maxItems: 200 }),
  improvementPlan: Type.Array(PlanRow, { maxItems: 1000 }),
  participants: Type.Array(Participant, { maxItems: 1000 }),
};

export const AarContentSchema = Type.Object(
  {
    language: literals(AAR_LANGUAGES),
    generatedAt: Instant,
    ...Sections,
    /** The hot-wash survey's answers; absent in versions drafted before they were summarised. */
    feedback: Type.Optional(Feedback),
    timeline: Type.Array(
      Type.Object({
        at: Type.String(),
        seconds: Nullable(Type.Number()),
        kind: literals(['clock', 'inject', 'observation'] as const),
        label: Type.String(),
      }),
    ),
    responseTimes: Type.Object({ perTeam: Type.Array(ResponseTime), perInject: Type.Array(ResponseTime) }),
    basis: Type.Object({
      observations: Type.Integer(),
      injectsFired: Type.Integer(),
      events: Type.Integer(),
    }),
  },
  { $id: 'AarContent', description: 'The after-action report and improvement plan, HSEEP structure' },
);

export const SectionEditsBody = Type.Object(
  {
    sections: Type.Partial(Type.Object(Sections, Strict), {
      minProperties: 1,
      description: `Whole sections to replace: ${AAR_SECTIONS.join(', ')}`,
    }),
  },
  Strict,
);
export type SectionEditsBody = Static<typeof SectionEditsBody>;

export const VersionSummarySchema = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    status: literals(['draft', 'final'] as const),
    editedSections: Type.Array(literals(AAR_SECTIONS)),
    createdBy: Nullable(Type.String()),
    createdAt: Instant,
    updatedAt: Instant,
    finalisedAt: Nullable(Instant),
    sharedAt: Nullable(Instant),
  },
  { $id: 'AarVersionSummary' },
);

export const ChangeSchema = Type.Object({
  section: literals(AAR_SECTIONS),
  item: Type.String(),
  change: literals(['added', 'removed', 'changed'] as const),
  before: Nullable(Type.String()),
  after: Nullable(Type.String()),
});

export const VersionParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  version: Type.Integer({ minimum: 1 }),
});

export const ExportQuery = Type.Object(
  {
    format: literals(REPORT_FORMATS),
    version: Type.Optional(
      Type.Integer({ minimum: 1, description: 'default: the latest (players: the shared one)' }),
    ),
  },
  Strict,
);
