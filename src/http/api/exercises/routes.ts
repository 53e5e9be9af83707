import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../../services/context.js';
import { listCoreCapabilities, saveCoreCapability } from '../../../services/planning/capabilities.service.js';
import {
  createExercise,
  createProgramme,
  getExercise,
  listExercises,
  listProgrammes,
  transitionExercise,
  updateExercise,
} from '../../../services/planning/exercises.service.js';
import { addModule } from '../../../services/planning/modules.service.js';
import {
  addObjective,
  addPerson,
  addTeam,
  addVenue,
  addZone,
  getPlan,
  removeFromPlan,
  setParticipation,
  updateVenue,
  updateZone,
  type PlanList,
} from '../../../services/planning/plan.service.js';
import { principalOf } from '../../access.js';
import { Id, IdParams, Items, problems } from '../common.schema.js';
import {
  CapabilityBody,
  CapabilitySchema,
  CreatedId,
  CreateExerciseBody,
  ExerciseQuery,
  ExerciseSchema,
  ModuleBody,
  ObjectiveBody,
  ParticipationBody,
  PersonBody,
  PlanSchema,
  ProgrammeBody,
  ProgrammeSchema,
  StatusBody,
  TeamBody,
  UpdateExerciseBody,
  VenueBody,
  ZoneBody,
} from './schema.js';

const ItemParams = Type.Object({ id: Id, itemId: Id });

export const exerciseRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addSchema(ProgrammeSchema);
  app.addSchema(ExerciseSchema);
  app.addSchema(PlanSchema);
  app.addSchema(CapabilitySchema);
  const Exercise = Type.Ref(ExerciseSchema);
  const tags = ['exercises'];
  const who = (request: Parameters<typeof principalOf>[0]) => {
    const p = principalOf(request);
    return [p.info, p.actor] as const;
  };

  app.get(
    '/programmes',
    {
      config: { access: 'exercises:read', scope: 'filtered' },
      schema: {
        tags,
        summary: 'Exercise programmes (a series or a year’s plan)',
        response: { 200: Items(Type.Ref(ProgrammeSchema)), ...problems },
      },
    },
    async (request) => ({
      items: await listProgrammes(ctx, principalOf(request).actor),
    }),
  );
  app.post(
    '/programmes',
    {
      config: { access: 'exercises:plan' },
      schema: {
        tags,
        summary: 'Start a programme',
        body: ProgrammeBody,
        response: { 201: Type.Ref(ProgrammeSchema), ...problems },
      },
    },
    async (request, reply) => {
      reply.status(201);
      const [info, actor] = who(request);
      return createProgramme(ctx, info, request.body, actor);
    },
  );

  app.get(
    '/exercises',
    {
      config: { access: 'exercises:read', scope: 'filtered' },
      schema: {
        tags,
        summary: 'Exercises, by programme, status or overlapping a time window',
        querystring: ExerciseQuery,
        response: { 200: Items(Exercise), ...problems },
      },
    },
    async (request) => ({ items: await listExercises(ctx, principalOf(request).actor, request.query) }),
  );
  app.post(
    '/exercises',
    {
      config: { access: 'exercises:plan' },
      schema: {
        tags,
        summary: 'Create an exercise (draft)',
        body: CreateExerciseBody,
        response: { 201: Exercise, ...problems },
      },
    },
    async (request, reply) => {
      reply.status(201);
      const [info, actor] = who(request);
      return createExercise(ctx, info, request.body, actor);
    },
  );
  app.get(
    '/exercises/:id',
    {
      config: { access: 'exercises:read' },
      schema: { tags, summary: 'One exercise', params: IdParams, response: { 200: Exercise, ...problems } },
    },
    async (request) => getExercise(ctx, principalOf(request).actor, request.params.id),
  );
  app.patch(
    '/exercises/:id',
    {
      config: { access: 'exercises:plan' },
      schema: {
        tags,
        summary: 'Change an exercise; send the version you read',
        params: IdParams,
        body: UpdateExerciseBody,
        response: { 200: Exercise, ...problems },
      },
    },
    async (request) => {
      const { version, ...patch } = request.body;
      return updateExercise(ctx, ...who(request), request.params.id, version, patch);
    },
  );
  app.post(
    '/exercises/:id/status',
    {
      config: { access: 'exercises:plan' },
      schema: {
        tags,
        summary: 'Move along the life cycle (draft → planned → ready → …)',
        params: IdParams,
        body: StatusBody,
        response: { 200: Exercise, ...problems },
      },
    },
    async (request) => transitionExercise(ctx, ...who(request), request.params.id, request.body.to),
  );
  app.get(
    '/exercises/:id/plan',
    {
      config: { access: 'exercises:read' },
      schema: {
        tags,
        summary: 'The whole plan: objectives, venues, zones, participants (modules for controllers only)',
        params: IdParams,
        response: { 200: Type.Ref(PlanSchema), ...problems },
      },
    },
    async (request) => getPlan(ctx, principalOf(request).actor, request.params.id),
  );

  const created = { 201: CreatedId, ...problems };
  const add = <B>(
    path: string,
    summary: string,
    body: B,
    fn: (
      request: { body: never; params: { id: string } } & Parameters<typeof principalOf>[0],
    ) => Promise<string>,
  ) =>
    app.post(
      path,
      {
        config: { access: 'exercises:plan' },
        schema: { tags, summary, params: IdParams, body: body as never, response: created },
      },
      async (request, reply) => {
        reply.status(201);
        return { id: await fn(request as never) };
      },
    );
  add(
    '/exercises/:id/objectives',
    'Add an objective with its capability targets and critical tasks',
    ObjectiveBody,
    (r) => addObjective(ctx, ...who(r), r.params.id, r.body),
  );
  add('/exercises/:id/venues', 'Add a venue (point, optional footprint polygon)', VenueBody, (r) =>
    addVenue(ctx, ...who(r), r.params.id, r.body),
  );
  add(
    '/exercises/:id/zones',
    'Add a zone, cordon or road closure (with its own time window)',
    ZoneBody,
    (r) => addZone(ctx, ...who(r), r.params.id, r.body),
  );
  add('/exercises/:id/teams', 'Add a team', TeamBody, (r) => addTeam(ctx, ...who(r), r.params.id, r.body));
  add('/exercises/:id/people', 'Add a person with an exercise role', PersonBody, (r) =>
    addPerson(ctx, ...who(r), r.params.id, r.body),
  );
  add('/exercises/:id/modules', 'Add a scenario module (tabletop)', ModuleBody, (r) =>
    addModule(ctx, ...who(r), r.params.id, r.body),
  );

  app.put(
    '/exercises/:id/venues/:itemId',
    {
      config: { access: 'exercises:plan' },
      schema: {
        tags,
        summary: 'Change a venue',
        params: ItemParams,
        body: VenueBody,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      await updateVenue(ctx, ...who(request), request.params.id, request.params.itemId, request.body);
      return reply.status(204).send(null);
    },
  );
  app.put(
    '/exercises/:id/zones/:itemId',
    {
      config: { access: 'exercises:plan' },
      schema: {
        tags,
        summary: 'Change a zone or road closure',
        params: ItemParams,
        body: ZoneBody,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      await updateZone(ctx, ...who(request), request.params.id, request.params.itemId, request.body);
      return reply.status(204).send(null);
    },
  );
  for (const list of [
    'objectives',
    'venues',
    'zones',
    'teams',
    'people',
    'modules',
  ] as const satisfies readonly PlanList[]) {
    app.delete(
      `/exercises/:id/${list}/:itemId`,
      {
        config: { access: 'exercises:plan' },
        schema: {
          tags,
          summary: `Remove one of the exercise's ${list}`,
          params: ItemParams,
          response: { 204: Type.Null(), ...problems },
        },
      },
      async (request, reply) => {
        await removeFromPlan(ctx, ...who(request), request.params.id, list, request.params.itemId);
        return reply.status(204).send(null);
      },
    );
  }
  app.put(
    '/exercises/:id/organisations',
    {
      config: { access: 'exercises:plan' },
      schema: {
        tags,
        summary: "Set an organisation's participation and extent of play",
        params: IdParams,
        body: ParticipationBody,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      await setParticipation(ctx, ...who(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/core-capabilities',
    {
      config: { access: 'exercises:read' },
      schema: {
        tags,
        summary: 'The catalogue of core capabilities',
        response: { 200: Items(Type.Ref(CapabilitySchema)), ...problems },
      },
    },
    async () => ({
      items: await listCoreCapabilities(ctx),
    }),
  );
  app.post(
    '/core-capabilities',
    {
      config: { access: 'catalogue:manage', scope: 'shared' },
      schema: {
        tags,
        summary: 'Add a core capability',
        body: CapabilityBody,
        response: { 201: Type.Ref(CapabilitySchema), ...problems },
      },
    },
    async (request, reply) => {
      reply.status(201);
      const [info, actor] = who(request);
      return saveCoreCapability(ctx, info, request.body, actor);
    },
  );
  app.put(
    '/core-capabilities/:capabilityId',
    {
      config: { access: 'catalogue:manage', scope: 'shared' },
      schema: {
        tags,
        summary: 'Edit a core capability',
        params: Type.Object({ capabilityId: Type.String({ maxLength: 100 }) }),
        body: CapabilityBody,
        response: { 200: Type.Ref(CapabilitySchema), ...problems },
      },
    },
    async (request) => {
      const [info, actor] = who(request);
      return saveCoreCapability(ctx, info, { ...request.body, id: request.params.capabilityId }, actor);
    },
  );
};
