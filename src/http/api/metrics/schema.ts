import { Type, type Static } from '@sinclair/typebox';
import { CriterionSchema } from '../exercises/schema.js';
import { Id, Instant, literals, Nullable } from '../common.schema.js';

const Ms = Nullable(Type.Number({ description: 'milliseconds; null: the step was not reached' }));
const At = Nullable(Instant);

/** fired → delivered → acknowledged → first action, with the time each step took from the firing. */
const steps = {
  firedAt: At,
  deliveredAt: At,
  acknowledgedAt: At,
  firstActionAt: At,
  toDeliveredMs: Ms,
  toAcknowledgedMs: Ms,
  toFirstActionMs: Ms,
};

const Summary = Type.Object({
  count: Type.Integer({ description: 'injects on which the step was reached' }),
  medianMs: Ms,
  meanMs: Ms,
  maxMs: Ms,
});

export const TASK_STATUSES = ['met', 'missed', 'pending', 'not_fired', 'unmeasured'] as const;

export const ExerciseMetricsSchema = Type.Object(
  {
    exerciseId: Id,
    computedAt: Instant,
    ended: Type.Boolean({ description: 'play is over (ENDEX): a step not reached will not be' }),
    injects: Type.Array(
      Type.Object({
        injectId: Id,
        number: Type.String(),
        title: Type.String(),
        ...steps,
        teams: Type.Array(Type.Object({ teamId: Nullable(Id), teamName: Nullable(Type.String()), ...steps })),
      }),
    ),
    teams: Type.Array(
      Type.Object({
        teamId: Nullable(Id),
        teamName: Nullable(Type.String()),
        injects: Type.Integer(),
        toDelivered: Summary,
        toAcknowledged: Summary,
        toFirstAction: Summary,
      }),
    ),
    criticalTasks: Type.Array(
      Type.Object({
        taskId: Id,
        text: Type.String(),
        objectiveId: Id,
        criterion: Nullable(CriterionSchema),
        status: literals(TASK_STATUSES),
        at: At,
        afterMs: Ms,
        targetMs: Ms,
      }),
    ),
    objectives: Type.Array(
      Type.Object({
        objectiveId: Id,
        text: Type.String(),
        position: Type.Integer(),
        tasks: Type.Integer(),
        measured: Type.Integer(),
        met: Type.Integer(),
        share: Nullable(Type.Number({ minimum: 0, maximum: 1, description: 'met / measured' })),
      }),
    ),
    alerts: Type.Array(
      Type.Object({
        alertId: Id,
        threadId: Id,
        sequence: Type.Integer(),
        msgType: Type.String(),
        hazard: Type.String(),
        approvedAt: At,
        channels: Type.Array(
          Type.Object({
            channel: Type.String(),
            sent: Type.Integer(),
            failed: Type.Integer(),
            firstAfterMs: Ms,
            lastAfterMs: Ms,
          }),
        ),
      }),
    ),
  },
  { $id: 'ExerciseMetrics' },
);
export type ExerciseMetricsJson = Static<typeof ExerciseMetricsSchema>;
