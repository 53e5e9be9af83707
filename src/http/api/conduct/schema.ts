import { Type } from '@sinclair/typebox';
import { CLOCK_COMMANDS, SPEEDS } from '../../../core/conduct/clock.js';
import { DELIVERY_METHODS } from '../../../contract/enums.js';
import { PAUSE_POLICY_KINDS } from '../../../core/conduct/pause-policy.js';
import { RunDecisionSchema, RunReleaseOnSchema } from '../branching/schema.js';
import { Id, Instant, Nullable } from '../common.schema.js';
import { UNAPPROVED_CHOICES } from '../../../core/conduct/startex.js';

const Reason = Type.String({ minLength: 1, maxLength: 500, description: 'why: kept in the audit log' });

/** NO PLAY as everyone in the exercise sees it; null when play goes on. */
export const NoPlaySchema = Type.Object(
  {
    since: Instant,
    reason: Type.String({ description: 'why play stopped: shown to everyone in the exercise' }),
    by: Nullable(Type.String()),
  },
  {
    description:
      'NO PLAY is on: every delivery waits, the clock stands still, the player view shows a banner',
  },
);

export const NoPlayBody = Type.Object(
  { reason: Reason },
  {
    additionalProperties: false,
    description: 'Why: everyone in the exercise sees it, and the audit log keeps it',
  },
);

export const ClockCommandBody = Type.Object(
  {
    command: Type.Union(CLOCK_COMMANDS.map((c) => Type.Literal(c))),
    reason: Type.Optional(Nullable(Reason)),
    speed: Type.Optional(
      Type.Integer({ description: `speed: one of ${SPEEDS.join(', ')} (×60 for a rehearsal)` }),
    ),
    to: Type.Optional(
      Type.String({ maxLength: 20, description: 'jump: the exercise time to go to, "H+02:30"' }),
    ),
    scenarioMinutes: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 525_600, description: 'move: how far scenario time goes ahead' }),
    ),
    confirmName: Type.Optional(
      Type.String({ maxLength: 300, description: "STARTEX: the exercise's name, typed to confirm" }),
    ),
    plannedStart: Type.Optional(
      Type.String({ maxLength: 40, description: 'STARTEX: the planned start the controller was shown' }),
    ),
    rehearsal: Type.Optional(Type.Boolean({ description: 'STARTEX: every inject goes to the sink' })),
    unapproved: Type.Optional(
      Type.Union(
        UNAPPROVED_CHOICES.map((c) => Type.Literal(c)),
        {
          description:
            'STARTEX while injects await approval: hold them for a controller to release, or play them as written. Without it STARTEX refuses and names them (field "unapproved").',
        },
      ),
    ),
  },
  {
    additionalProperties: false,
    description:
      'One clock command. STARTEX names the exercise and its planned start; one more than an hour from it needs a reason. Resume, pause, ENDEX, speed, jump and move need a reason.',
  },
);

export const ClockSettingsBody = Type.Object(
  {
    pausePolicy: Type.Optional(Type.Union(PAUSE_POLICY_KINDS.map((k) => Type.Literal(k)))),
    releaseIntervalSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 3600 })),
    scenarioStart: Type.Optional(
      Type.String({ maxLength: 19, description: "the scenario's own start, local: 2026-10-25T06:00" }),
    ),
  },
  { additionalProperties: false },
);

const PausePolicySchema = Type.Union([
  Type.Object({ kind: Type.Literal('release'), intervalSeconds: Type.Integer() }),
  Type.Object({ kind: Type.Literal('retime') }),
  Type.Object({ kind: Type.Literal('hold') }),
]);

export const ClockSchema = Type.Object(
  {
    exerciseId: Id,
    name: Type.String(),
    timeZone: Type.String(),
    plannedStart: Instant,
    plannedStartLocal: Type.String(),
    reading: Type.Object({
      phase: Type.Union((['before', 'running', 'paused', 'ended'] as const).map((p) => Type.Literal(p))),
      speed: Type.Integer(),
      wall: Instant,
      exerciseSeconds: Type.Integer(),
      exercise: Type.String({ description: 'exercise time, H+02:30:05' }),
      scenario: Nullable(Type.String({ description: "the scenario's local date and time" })),
      scenarioDay: Nullable(Type.Integer()),
      moves: Type.Integer(),
      halted: Type.Boolean({ description: 'NO PLAY is on: exercise time stands still' }),
    }),
    pausePolicy: PausePolicySchema,
    scenarioStart: Nullable(Type.String()),
    trafficMode: Type.Union([Type.Literal('exercise'), Type.Literal('rehearsal')]),
    noPlay: Nullable(NoPlaySchema),
    unapproved: Type.Array(
      Type.Object({ id: Id, number: Type.String(), title: Type.String(), approval: Type.String() }),
      { description: 'before STARTEX: the injects still awaiting approval, which STARTEX asks about' },
    ),
    history: Type.Array(
      Type.Object({
        seq: Type.Integer(),
        command: Type.String(),
        at: Instant,
        speed: Nullable(Type.Integer()),
        toSeconds: Nullable(Type.Integer()),
        scenarioSeconds: Nullable(Type.Integer()),
        by: Nullable(Type.String()),
        reason: Nullable(Type.String()),
      }),
    ),
  },
  { $id: 'ExerciseClock', description: 'Wall, exercise and scenario time side by side, and the history' },
);

export const ResumePreviewSchema = Type.Object({
  pausePolicy: PausePolicySchema,
  backlog: Type.Array(
    Type.Object({
      id: Id,
      number: Type.String(),
      title: Type.String(),
      dueSeconds: Type.Integer(),
      releasedAt: Nullable(Instant),
      held: Type.Boolean(),
    }),
  ),
  upcoming: Type.Integer({ description: 'injects still ahead, fired at their exercise time' }),
});

export const InjectRunSchema = Type.Object(
  {
    id: Id,
    eventId: Nullable(Type.String()),
    number: Type.String(),
    title: Type.String(),
    content: Type.String(),
    method: Type.String(),
    toTeamIds: Type.Array(Type.String()),
    dueSeconds: Type.Integer(),
    contingency: Type.Boolean(),
    status: Type.Union((['scheduled', 'held', 'fired', 'skipped'] as const).map((s) => Type.Literal(s))),
    due: Type.Boolean({ description: 'scheduled and its time (or backlog release) has come' }),
    releaseAt: Nullable(Instant),
    firedAt: Nullable(Instant),
    firedHow: Nullable(Type.String()),
    editedAt: Nullable(Instant),
    changedBy: Nullable(Type.String()),
    version: Type.Integer(),
    decision: Nullable(RunDecisionSchema),
    releaseOn: Nullable(RunReleaseOnSchema),
  },
  { $id: 'InjectRun' },
);

export const InjectActionBody = Type.Object(
  {
    action: Type.Union((['fire', 'hold', 'release', 'skip'] as const).map((a) => Type.Literal(a))),
    reason: Type.Optional(Nullable(Reason)),
  },
  { additionalProperties: false, description: 'hold and skip need a reason' },
);

export const InjectAddBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300 }),
    content: Type.Optional(Type.String({ maxLength: 10_000 })),
    toTeamIds: Type.Optional(
      Type.Array(Id, { maxItems: 200, description: 'empty or left out: every player of the exercise' }),
    ),
    method: Type.Optional(Type.Union(DELIVERY_METHODS.map((m) => Type.Literal(m)))),
    at: Type.Optional(
      Type.String({ maxLength: 20, description: 'the exercise time it fires at, "H+01:15"; left out: now' }),
    ),
    reason: Type.Optional(Nullable(Reason)),
  },
  { additionalProperties: false, description: 'An inject added on the fly while the exercise runs' },
);

export const InjectEditBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    content: Type.Optional(Type.String({ maxLength: 10_000 })),
    toTeamIds: Type.Optional(Type.Array(Id, { maxItems: 200 })),
    dueMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 525_600 })),
  },
  { additionalProperties: false, description: 'Only before the inject fires' },
);

const Lon = Type.Number({ minimum: -180, maximum: 180 });
const Lat = Type.Number({ minimum: -90, maximum: 90 });

export const ControlPlacesSchema = Type.Object(
  {
    reports: Type.Array(
      Type.Object({
        id: Id,
        injectId: Id,
        injectNumber: Type.String(),
        injectTitle: Type.String(),
        team: Nullable(Type.String()),
        author: Type.String(),
        text: Type.String(),
        at: Instant,
        lon: Lon,
        lat: Lat,
        photo: Type.Boolean({ description: 'GET /exercises/{id}/play/reports/{reportId}/photo has it' }),
      }),
    ),
    observations: Type.Union(
      [
        Type.Array(
          Type.Object({
            id: Id,
            author: Type.String(),
            text: Type.String(),
            at: Instant,
            exerciseTime: Type.String(),
            lon: Lon,
            lat: Lat,
            photo: Type.Boolean(),
          }),
        ),
        Type.Null(),
      ],
      {
        description: 'null for a reader who may watch the injects but not read observations (a controller)',
      },
    ),
  },
  { $id: 'ControlPlaces' },
);

export const TeamStatusSchema = Type.Object(
  {
    teamId: Id,
    name: Type.String(),
    players: Type.Integer({ minimum: 0, description: 'people of the team in the plan' }),
    seated: Type.Integer({ minimum: 0, description: 'of them, those with an account to play with' }),
    received: Type.Integer({ minimum: 0, description: 'injects in at least one of the team’s inboxes' }),
    acknowledged: Type.Integer({ minimum: 0, description: 'of them, those a player of the team confirmed' }),
    waiting: Type.Array(Type.Object({ injectId: Id, number: Type.String(), deliveredAt: Instant }), {
      description: 'received and not yet acknowledged, oldest first',
    }),
    reports: Type.Integer({ minimum: 0 }),
    lastActivityAt: Nullable(Instant),
  },
  { $id: 'TeamStatus' },
);

export const ReplaySchema = Type.Object(
  {
    entries: Type.Array(Type.Ref('AuditEntry'), { description: 'the exercise’s log, oldest first' }),
    injects: Type.Array(
      Type.Object({
        id: Id,
        number: Type.String(),
        title: Type.String(),
        dueSeconds: Type.Integer(),
        contingency: Type.Boolean(),
        waits: Type.Optional(
          Type.Boolean({ description: 'it waited for a decision or a milestone, held from STARTEX' }),
        ),
      }),
    ),
  },
  { $id: 'Replay' },
);

const COMM_CHECK_STATES = ['waiting', 'sent', 'delivered', 'confirmed', 'failed', 'not_in_round'] as const;
const CommCheckState = Type.Union(
  COMM_CHECK_STATES.map((s) => Type.Literal(s)),
  {
    description:
      'waiting: on its way (or held by NO PLAY); sent: handed to the channel (an e-mail its server accepted); delivered: a receipt or the inbox; confirmed: the player pressed "Received"; failed: the channel gave up; not_in_round: added after the round',
  },
);

export const CommCheckSchema = Type.Object(
  {
    exerciseId: Id,
    round: Nullable(
      Type.Object(
        {
          id: Id,
          number: Type.Integer({ minimum: 1 }),
          startedAt: Instant,
          startedBy: Nullable(Type.String()),
        },
        { description: 'the latest round; null before the first' },
      ),
    ),
    counts: Type.Object(
      {
        people: Type.Integer({ minimum: 0, description: 'players of the exercise' }),
        reached: Type.Integer({ minimum: 0, description: 'players reached on at least one way' }),
        unreachable: Type.Integer({
          minimum: 0,
          description: 'players with neither an account nor a contact',
        }),
        waiting: Type.Integer({ minimum: 0 }),
        sent: Type.Integer({ minimum: 0 }),
        delivered: Type.Integer({ minimum: 0 }),
        confirmed: Type.Integer({ minimum: 0 }),
        failed: Type.Integer({ minimum: 0 }),
        not_in_round: Type.Integer({ minimum: 0 }),
      },
      { description: 'ways of reaching players, by state' },
    ),
    people: Type.Array(
      Type.Object({
        personId: Id,
        name: Type.String(),
        team: Nullable(Type.String()),
        reached: Type.Boolean(),
        ways: Type.Array(
          Type.Object({
            channel: Type.String({ description: 'inapp for the Dabyl inbox, else the phone book’s channel' }),
            address: Nullable(
              Type.String({ description: 'null for the inbox and for readers who may not see contacts' }),
            ),
            state: CommCheckState,
            at: Nullable(Instant),
            problem: Nullable(Type.String()),
          }),
        ),
      }),
    ),
  },
  { $id: 'CommCheck' },
);

export const ManualPromptSchema = Type.Object(
  {
    deliveryId: Id,
    name: Nullable(Type.String({ description: 'the person as the phone book names them' })),
    address: Type.String({ description: 'how to reach them: a radio channel, a phone number, a place' }),
    script: Type.String({ description: 'what to say, marked as exercise traffic' }),
    sourceKind: Type.String({ description: 'inject, comm_check or survey' }),
    createdAt: Instant,
    deliveredAt: Nullable(Instant),
    deliveredBy: Nullable(Type.String()),
  },
  { $id: 'ManualPrompt' },
);
