import { Type, type TSchema } from '@sinclair/typebox';
import { Value, ValueErrorType, type ValueError } from '@sinclair/typebox/value';
import type { FieldFault } from '../../core/messages/messages.js';
import { AppError } from '../../errors.js';
import { nextTurn, SLICE } from '../../store/turns.js';

/*
 * The shape of an exercise bundle, checked before anything is written: by the API route (and shown
 * in OpenAPI) and by `dabyl exercise import`, which has no route in front of it.
 */
const S = (max: number) => Type.String({ maxLength: max });
const N = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Ids = Type.Array(S(100), { maxItems: 10_000 });
const geometry = Type.Object({ type: Type.String(), coordinates: Type.Array(Type.Unknown()) });

const refs = {
  toTeamIds: Ids,
  objectiveIds: Ids,
  criticalTaskIds: Ids,
  responsibleControllerId: N(S(100)),
};

/**
 * An event's reviewed fields besides its references (REVIEWED_FIELDS in core/msel): its approved
 * version holds them too, each optional there since older versions predate some.
 */
const reviewed = {
  number: S(20),
  kind: S(40),
  offsetMinutes: Type.Integer(),
  scenarioTime: N(S(100)),
  from: N(S(200)),
  toText: N(S(300)),
  method: S(40),
  title: S(300),
  content: S(20_000),
  expectedAction: N(S(4000)),
  contingency: Type.Boolean(),
  controllerNotes: N(S(10_000)),
};

export const BundleSchema = Type.Object(
  {
    format: Type.Literal('dabyl.exercise-bundle'),
    version: Type.Literal(1),
    exportedAt: S(40),
    exercise: Type.Object({
      id: S(100),
      programmeId: N(S(100)),
      name: S(200),
      type: S(40),
      status: S(40),
      timeZone: S(100),
      startex: S(40),
      endex: S(40),
      city: N(S(100)),
      scope: N(S(4000)),
      threat: N(S(500)),
      scenario: N(S(100_000)),
      sponsor: N(S(200)),
      pointOfContact: N(S(300)),
      handling: N(S(100)),
      leadOrganisationId: N(S(100)),
      mselApproval: S(40),
      mselApprovedBy: N(S(100)),
      mselApprovedAt: N(S(40)),
    }),
    objectives: Type.Array(
      Type.Object({
        id: S(100),
        text: S(2000),
        capabilityTargets: Type.Array(
          Type.Object({
            id: S(100),
            coreCapabilityId: S(100),
            text: S(2000),
            criticalTasks: Type.Array(Type.Object({ id: S(100), text: S(1000) })),
          }),
        ),
      }),
    ),
    modules: Type.Array(
      Type.Object({ id: S(100), title: S(200), narrative: S(50_000), questions: Type.Array(S(1000)) }),
    ),
    venues: Type.Array(
      Type.Object({
        id: S(100),
        name: S(200),
        kind: S(40),
        address: N(S(300)),
        point: Type.Object({ lon: Type.Number(), lat: Type.Number() }),
        footprint: N(geometry),
      }),
    ),
    zones: Type.Array(
      Type.Object({
        id: S(100),
        venueId: N(S(100)),
        name: S(200),
        kind: S(40),
        geometry,
        road: N(S(200)),
        startsAt: N(S(40)),
        endsAt: N(S(40)),
        notes: N(S(2000)),
      }),
    ),
    participations: Type.Array(
      Type.Object({ organisationId: S(100), extentOfPlay: S(40), notes: N(S(2000)) }),
    ),
    teams: Type.Array(
      Type.Object({ id: S(100), name: S(200), organisationId: N(S(100)), unitId: N(S(100)) }),
    ),
    people: Type.Array(
      Type.Object({
        id: S(100),
        userId: N(S(100)),
        name: S(200),
        role: S(40),
        teamId: N(S(100)),
        organisationId: N(S(100)),
        contact: N(S(300)),
        venueId: Type.Optional(N(S(100))),
      }),
    ),
    msel: Type.Array(
      Type.Object({
        id: S(100),
        ...reviewed,
        approval: S(20),
        // The serializer drops what a schema does not name: with only the references named here, an
        // exported approved version lost its text, and an edit after approval no longer showed.
        approvedVersion: N(
          Type.Object({
            ...Object.fromEntries(Object.entries(reviewed).map(([k, v]) => [k, Type.Optional(v)])),
            ...refs,
          }),
        ),
        approvedBy: N(S(100)),
        approvedAt: N(S(40)),
        authorId: N(S(100)),
        ...refs,
        branching: Type.Optional(
          N(
            Type.Object({
              decision: N(Type.Object({ question: S(500), options: Type.Array(S(120), { maxItems: 6 }) })),
              releaseOn: N(
                Type.Object({
                  kind: Type.Union([Type.Literal('decision'), Type.Literal('milestone')]),
                  eventId: Type.Optional(S(100)),
                  option: Type.Optional(S(120)),
                  milestone: Type.Optional(S(200)),
                  delayMinutes: Type.Integer({ minimum: 0 }),
                }),
              ),
            }),
          ),
        ),
      }),
      { maxItems: 100_000 },
    ),
  },
  { $id: 'ExerciseBundle', description: 'A whole exercise: plan, participants and MSEL with approval state' },
);

const MSEL = BundleSchema.properties.msel;

/**
 * Refuses anything not shaped as a bundle, naming the first wrong field by its path. The MSEL, most
 * of a large bundle, is checked a slice of events at a time with turns of the event loop between;
 * being the schema's last field, the first error found is the same as in one pass.
 */
export async function checkBundleShape(value: unknown): Promise<void> {
  const msel = (value as { msel?: unknown } | null)?.msel;
  if (!Array.isArray(msel) || msel.length > (MSEL.maxItems ?? Infinity))
    return refuseFirst(Value.Errors(BundleSchema, value).First());
  refuseFirst(Value.Errors(BundleSchema, { ...(value as object), msel: [] }).First());
  for (let i = 0; i < msel.length; i++) {
    if (i > 0 && i % SLICE === 0) await nextTurn();
    const first = Value.Errors(MSEL.items, msel[i]).First();
    if (first) refuseFirst({ ...first, path: `/msel/${i}${first.path}` });
  }
}

function refuseFirst(first: ValueError | undefined): void {
  if (!first) return;
  const field = first.path.replace(/^\//, '').replace(/\//g, '.') || 'bundle';
  throw new AppError(
    'invalid_input',
    422,
    `${field}: ${first.message}`,
    field,
    undefined,
    undefined,
    faultOf(first),
  );
}

/** The schema's own English is kept; this words the commonest errors in the other languages. */
function faultOf(e: ValueError): FieldFault {
  const s = e.schema as { maxLength?: number; maxItems?: number };
  switch (e.type) {
    case ValueErrorType.StringMaxLength:
      return { problem: 'max_length', params: { max: s.maxLength ?? 0 } };
    case ValueErrorType.ArrayMaxItems:
      return { problem: 'max_items', params: { max: s.maxItems ?? 0 } };
    case ValueErrorType.ObjectRequiredProperty:
      return { problem: 'required' };
    case ValueErrorType.String:
      return { problem: 'type', params: { type: 'string' } };
    case ValueErrorType.Number:
      return { problem: 'type', params: { type: 'number' } };
    case ValueErrorType.Integer:
      return { problem: 'type', params: { type: 'integer' } };
    case ValueErrorType.Boolean:
      return { problem: 'type', params: { type: 'boolean' } };
    case ValueErrorType.Object:
      return { problem: 'type', params: { type: 'object' } };
    case ValueErrorType.Array:
      return { problem: 'type', params: { type: 'array' } };
    default:
      return { problem: 'invalid' };
  }
}
