import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../../services/context.js';
import { clockCommand, getClock } from '../../../services/conduct/clock.service.js';
import { previewResume, setClockSettings } from '../../../services/conduct/settings.service.js';
import { addInject } from '../../../services/conduct/inject-add.service.js';
import { switchNoPlay } from '../../../services/conduct/no-play.service.js';
import { controlPlaces } from '../../../services/conduct/places.service.js';
import { teamStatus } from '../../../services/conduct/team-status.service.js';
import { commCheck, startCommCheck } from '../../../services/conduct/comm-check.service.js';
import { manualPrompts, markPromptDelivered } from '../../../services/conduct/manual-prompts.service.js';
import { exerciseLog, exerciseReplay, LOG_PAGE } from '../../../services/conduct/event-log.service.js';
import { requestLanguage, withSentences } from '../../language.js';
import { AuditEntrySchema } from '../system/schema.js';
import {
  decideInject,
  editInject,
  injectAction,
  listInjects,
} from '../../../services/conduct/injects.service.js';
import { principalOf } from '../../access.js';
import { DecisionBody } from '../branching/schema.js';
import { Id, IdParams, Items, problems } from '../common.schema.js';
import {
  ClockCommandBody,
  ClockSchema,
  ClockSettingsBody,
  CommCheckSchema,
  ManualPromptSchema,
  ControlPlacesSchema,
  InjectActionBody,
  InjectAddBody,
  InjectEditBody,
  InjectRunSchema,
  NoPlayBody,
  ResumePreviewSchema,
  ReplaySchema,
  TeamStatusSchema,
} from './schema.js';

const InjectParams = Type.Object({ id: Id, injectId: Id });

/**
 * Running an exercise: the clock and the injects. Controllers and directors act; whoever reads the
 * MSEL (evaluators too) watches. Players never reach these routes: they would show future injects.
 */
export const conductRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addSchema(ClockSchema);
  app.addSchema(InjectRunSchema);
  app.addSchema(ControlPlacesSchema);
  app.addSchema(TeamStatusSchema);
  app.addSchema(ReplaySchema);
  app.addSchema(CommCheckSchema);
  app.addSchema(ManualPromptSchema);
  const Clock = Type.Ref(ClockSchema);
  const Inject = Type.Ref(InjectRunSchema);
  const tags = ['conduct'];
  const who = (request: Parameters<typeof principalOf>[0]) => {
    const p = principalOf(request);
    return [p.info, p.actor] as const;
  };

  app.get(
    '/exercises/:id/clock',
    {
      config: { access: 'msel:read' },
      schema: {
        tags,
        summary: 'Wall, exercise and scenario time side by side, the pause policy and the clock’s history',
        params: IdParams,
        response: { 200: Clock, ...problems },
      },
    },
    async (request) => getClock(ctx, principalOf(request).actor, request.params.id),
  );

  app.get(
    '/exercises/:id/control/places',
    {
      config: { access: 'msel:read' },
      schema: {
        tags,
        summary:
          'Where the players’ reports and, for those who may read them, the evaluators’ observations came from',
        params: IdParams,
        response: { 200: Type.Ref(ControlPlacesSchema), ...problems },
      },
    },
    async (request) => controlPlaces(ctx, principalOf(request).actor, request.params.id),
  );

  app.get(
    '/exercises/:id/control/teams',
    {
      config: { access: 'msel:read' },
      schema: {
        tags,
        summary:
          'Per team: injects received and acknowledged, those still waiting for an acknowledgement, reports, last activity',
        params: IdParams,
        response: { 200: Items(Type.Ref(TeamStatusSchema)), ...problems },
      },
    },
    async (request) => ({ items: await teamStatus(ctx, principalOf(request).actor, request.params.id) }),
  );

  app.get(
    '/exercises/:id/comm-check',
    {
      config: { access: 'msel:read' },
      schema: {
        tags,
        summary:
          'The communication check: its latest round and, per player, each way of reaching them and whether it arrived',
        params: IdParams,
        response: { 200: Type.Ref(CommCheckSchema), ...problems },
      },
    },
    async (request) =>
      commCheck(ctx, principalOf(request).actor, request.params.id, requestLanguage(request)),
  );

  app.post(
    '/exercises/:id/comm-check',
    {
      config: { access: 'exercises:conduct' },
      schema: {
        tags,
        summary:
          'Start a round of the communication check: a test message to every player’s inbox and phone-book contact',
        params: IdParams,
        response: { 200: Type.Ref(CommCheckSchema), ...problems },
      },
    },
    async (request) => startCommCheck(ctx, ...who(request), request.params.id, requestLanguage(request)),
  );

  app.get(
    '/exercises/:id/control/prompts',
    {
      config: { access: 'msel:read' },
      schema: {
        tags,
        summary: 'Radio and phone calls to make (the manual channel), those still to make first',
        params: IdParams,
        response: { 200: Items(Type.Ref(ManualPromptSchema)), ...problems },
      },
    },
    async (request) => ({ items: await manualPrompts(ctx, principalOf(request).actor, request.params.id) }),
  );

  app.post(
    '/exercises/:id/control/prompts/:deliveryId/delivered',
    {
      config: { access: 'exercises:conduct' },
      schema: {
        tags,
        summary:
          'The call was made: the prompt and its delivery are stamped delivered; twice answers the same',
        params: Type.Object({ id: Id, deliveryId: Id }),
        response: { 200: Type.Ref(ManualPromptSchema), ...problems },
      },
    },
    async (request) =>
      markPromptDelivered(ctx, ...who(request), request.params.id, request.params.deliveryId),
  );

  app.get(
    '/exercises/:id/control/log',
    {
      config: { access: 'msel:read' },
      schema: {
        tags,
        summary:
          'The exercise’s log, newest first: clock commands, injects, NO PLAY, acknowledgements, reports and, for those who may read them, observations, each with who and why',
        params: IdParams,
        querystring: Type.Object(
          {
            limit: Type.Integer({ minimum: 1, maximum: LOG_PAGE, default: LOG_PAGE }),
            before: Type.Optional(Type.Integer({ minimum: 1, description: 'entries older than this seq' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Items(Type.Ref(AuditEntrySchema)), ...problems },
      },
    },
    async (request) => ({
      items: withSentences(
        await exerciseLog(ctx, principalOf(request).actor, request.params.id, request.query),
        requestLanguage(request),
      ),
    }),
  );

  app.get(
    '/exercises/:id/replay',
    {
      config: { access: 'msel:read' },
      schema: {
        tags,
        summary:
          'What a replay is rebuilt from: the exercise’s whole log, oldest first, and its injects. Read-only',
        params: IdParams,
        response: { 200: Type.Ref(ReplaySchema), ...problems },
      },
    },
    async (request) => {
      const replay = await exerciseReplay(ctx, principalOf(request).actor, request.params.id);
      return { ...replay, entries: withSentences(replay.entries, requestLanguage(request)) };
    },
  );

  app.post(
    '/exercises/:id/clock/commands',
    {
      config: { access: 'exercises:conduct' },
      schema: {
        tags,
        summary:
          'STARTEX, pause, resume, ENDEX, speed, jump or move; refused with a reason when out of order',
        params: IdParams,
        body: ClockCommandBody,
        response: { 200: Clock, ...problems },
      },
    },
    async (request) => clockCommand(ctx, ...who(request), request.params.id, request.body),
  );

  for (const [path, on] of [
    ['no-play', true],
    ['resume-play', false],
  ] as const)
    app.post(
      `/exercises/:id/${path}`,
      {
        config: { access: 'exercises:conduct' },
        schema: {
          tags,
          summary: on
            ? 'NO PLAY: halts the exercise at once (deliveries, clock, player view) for a real emergency'
            : 'Lifts NO PLAY: held deliveries go out, injects that came due follow the pause policy',
          params: IdParams,
          body: NoPlayBody,
          response: { 200: Clock, ...problems },
        },
      },
      async (request) => switchNoPlay(ctx, ...who(request), request.params.id, on, request.body.reason),
    );

  app.post(
    '/exercises/:id/control/injects/:injectId/decision',
    {
      config: { access: 'exercises:conduct' },
      schema: {
        tags,
        summary:
          'Enter the decision a fired inject asked for (heard on the radio); once only, and it releases the branch chosen',
        params: InjectParams,
        body: DecisionBody,
        response: { 200: Inject, ...problems },
      },
    },
    async (request) =>
      decideInject(ctx, ...who(request), request.params.id, request.params.injectId, request.body.option),
  );

  app.put(
    '/exercises/:id/clock/settings',
    {
      config: { access: 'exercises:conduct' },
      schema: {
        tags,
        summary: 'The pause policy (release spaced, re-time, hold) and the scenario’s own start',
        params: IdParams,
        body: ClockSettingsBody,
        response: { 200: Clock, ...problems },
      },
    },
    async (request) => setClockSettings(ctx, ...who(request), request.params.id, request.body),
  );

  app.get(
    '/exercises/:id/clock/resume-preview',
    {
      config: { access: 'msel:read' },
      schema: {
        tags,
        summary: 'What resuming now does with the injects that came due, under the pause policy',
        params: IdParams,
        response: { 200: ResumePreviewSchema, ...problems },
      },
    },
    async (request) => previewResume(ctx, principalOf(request).actor, request.params.id),
  );

  app.get(
    '/exercises/:id/injects',
    {
      config: { access: 'msel:read' },
      schema: {
        tags,
        summary: 'The injects of a running exercise in order of exercise time, with their conduct state',
        params: IdParams,
        response: { 200: Items(Inject), ...problems },
      },
    },
    async (request) => ({ items: await listInjects(ctx, principalOf(request).actor, request.params.id) }),
  );

  app.post(
    '/exercises/:id/injects',
    {
      config: { access: 'exercises:conduct' },
      schema: {
        tags,
        summary: 'Add an inject on the fly: fired now, or at an exercise time still ahead',
        params: IdParams,
        body: InjectAddBody,
        response: { 201: Inject, ...problems },
      },
    },
    async (request, reply) => {
      const run = await addInject(ctx, ...who(request), request.params.id, request.body);
      return reply.code(201).send(run);
    },
  );

  app.post(
    '/exercises/:id/injects/:injectId/actions',
    {
      config: { access: 'exercises:conduct' },
      schema: {
        tags,
        summary: 'Fire now, hold, release a held inject, or skip; refused once it fired or was skipped',
        params: InjectParams,
        body: InjectActionBody,
        response: { 200: Inject, ...problems },
      },
    },
    async (request) =>
      injectAction(
        ctx,
        ...who(request),
        request.params.id,
        request.params.injectId,
        request.body.action,
        request.body.reason,
      ),
  );

  app.patch(
    '/exercises/:id/injects/:injectId',
    {
      config: { access: 'exercises:conduct' },
      schema: {
        tags,
        summary: 'Edit an inject before it fires (text, teams, exercise time)',
        params: InjectParams,
        body: InjectEditBody,
        response: { 200: Inject, ...problems },
      },
    },
    async (request) =>
      editInject(ctx, ...who(request), request.params.id, request.params.injectId, request.body),
  );
};
