import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../services/context.js';
import { authRoutes } from './auth/routes.js';
import { capRoutes } from './cap/routes.js';
import { bundleRoutes } from './exercises/bundle.routes.js';
import { calendarRoutes } from './exercises/calendar.routes.js';
import { catalogueRoutes } from './exercises/catalogue.routes.js';
import { documentRoutes } from './exercises/documents.routes.js';
import { mselRoutes } from './exercises/msel.routes.js';
import { planEditRoutes } from './exercises/plan-edit.routes.js';
import { exerciseRoutes } from './exercises/routes.js';
import { spreadsheetRoutes } from './exercises/spreadsheet.routes.js';
import { ProblemSchema } from './common.schema.js';
import { organisationRoutes } from './organisations/routes.js';
import { systemRoutes } from './system/routes.js';
import { GrantSchema, UserSchema } from './users/schema.js';
import { userRoutes } from './users/routes.js';

/** Every /api/v1 route; a capability adds its plugin here. */
export const apiV1: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const opts = { ctx };
  app.addSchema(ProblemSchema);
  app.addSchema(GrantSchema);
  app.addSchema(UserSchema);
  await app.register(authRoutes, opts);
  await app.register(userRoutes, opts);
  await app.register(organisationRoutes, opts);
  await app.register(systemRoutes, opts);
  await app.register(capRoutes);
  await app.register(exerciseRoutes, opts);
  await app.register(planEditRoutes, opts);
  await app.register(spreadsheetRoutes, opts);
  await app.register(mselRoutes, opts);
  await app.register(calendarRoutes, opts);
  await app.register(catalogueRoutes, opts);
  await app.register(bundleRoutes, opts);
  await app.register(documentRoutes, opts);
};
