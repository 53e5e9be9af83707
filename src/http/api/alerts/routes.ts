import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { HAZARDS } from '../../../core/alert/alert.js';
import { TEMPLATES } from '../../../core/alert/templates.js';
import {
  alertCap,
  readableAlert,
  alertThread,
  approveAlert,
  cancelAlert,
  createAlert,
  editAlert,
  getAlert,
  listAlerts,
  returnAlert,
  startAlertUpdate,
  submitAlert,
  type SignedIn,
} from '../../../services/alerts/alerts.service.js';
import { previewAlert } from '../../../services/alerts/alert-preview.service.js';
import { alertDeliveries } from '../../../services/alerts/alert-report.service.js';
import type { AppContext } from '../../../services/context.js';
import { unauthenticated } from '../../../errors.js';
import { principalOf } from '../../access.js';
import { problems } from '../common.schema.js';
import {
  AlertParams,
  AlertQuery,
  AlertSchema,
  ApproveBody,
  CancelBody,
  CreateAlertBody,
  PatchAlertBody,
  ReturnBody,
  TemplateSchema,
  UpdateBody,
  VersionBody,
  AlertDeliveriesSchema,
  AlertPreviewSchema,
} from './schema.js';

/**
 * Public alerts in the console: drafted from a hazard's template, approved by an authoriser with a
 * second factor (never the drafter, for Actual), updated or cancelled from the original.
 */
export const alertRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addSchema(AlertSchema);
  const Alert = Type.Ref(AlertSchema);
  const tags = ['alerts'];
  const who = (request: Parameters<typeof principalOf>[0]) => {
    const p = principalOf(request);
    if (p.info.userId === null) throw unauthenticated();
    return [p.info as SignedIn, p.actor] as const;
  };
  const one = { tags, params: AlertParams, response: { 200: Alert, ...problems } };

  app.get(
    '/alert-templates',
    {
      config: { access: 'alerts:read' },
      schema: {
        tags,
        summary: 'The hazard templates: CAP terms and starting texts in kk, ru and en',
        response: { 200: Type.Object({ items: Type.Array(TemplateSchema) }), ...problems },
      },
    },
    async () => ({ items: HAZARDS.map((h) => TEMPLATES[h]) }),
  );
  app.get(
    '/alerts',
    {
      config: { access: 'alerts:read' },
      schema: {
        tags,
        summary: 'Alert messages, newest change first; ?state=awaiting_approval is the approval queue',
        querystring: AlertQuery,
        response: { 200: Type.Object({ items: Type.Array(Alert) }), ...problems },
      },
    },
    async (request) => {
      const [info, actor] = who(request);
      return { items: await listAlerts(ctx, actor, info, request.query) };
    },
  );
  app.post(
    '/alerts',
    {
      config: { access: 'alerts:draft' },
      schema: {
        tags,
        summary: 'Draft an alert from its hazard template',
        body: CreateAlertBody,
        response: { 201: Alert, ...problems },
      },
    },
    async (request, reply) => {
      const [info, actor] = who(request);
      reply.status(201);
      return createAlert(ctx, info, actor, request.body as never);
    },
  );
  app.get(
    '/alerts/:id',
    {
      config: { access: 'alerts:read' },
      schema: { ...one, summary: 'An alert message and what you may do with it' },
    },
    async (request) => {
      const [info, actor] = who(request);
      return getAlert(ctx, actor, info, request.params.id);
    },
  );
  app.get(
    '/alerts/:id/thread',
    {
      config: { access: 'alerts:read' },
      schema: {
        tags,
        summary: 'Every message of the alert: the original, then its Updates and Cancel',
        params: AlertParams,
        response: { 200: Type.Object({ items: Type.Array(Alert) }), ...problems },
      },
    },
    async (request) => {
      const [info, actor] = who(request);
      return { items: await alertThread(ctx, actor, info, request.params.id) };
    },
  );
  app.get(
    '/alerts/:id/preview',
    {
      config: { access: 'alerts:read' },
      schema: {
        tags,
        summary:
          'Each channel’s message in each language exactly as people would receive it (SMS with encoding and segments), marked when a drill; nothing is signed or sent',
        params: AlertParams,
        response: { 200: AlertPreviewSchema, ...problems },
      },
    },
    async (request) => {
      await readableAlert(ctx, who(request)[1], request.params.id);
      return { items: await previewAlert(ctx, request.params.id) };
    },
  );
  app.get(
    '/alerts/:id/deliveries',
    {
      config: { access: 'alerts:read' },
      schema: {
        tags,
        summary:
          'What the alert’s sent messages did per channel: queued, sent, delivered, failed, approval to first and last delivery, latency spread',
        params: AlertParams,
        response: { 200: AlertDeliveriesSchema, ...problems },
      },
    },
    async (request) => {
      await readableAlert(ctx, who(request)[1], request.params.id);
      return alertDeliveries(ctx, request.params.id);
    },
  );
  app.get(
    '/alerts/:id/cap',
    {
      config: { access: 'alerts:read' },
      schema: {
        tags,
        summary: 'The signed CAP 1.2 message as issued',
        params: AlertParams,
        response: { 200: Type.String({ description: 'application/cap+xml' }), ...problems },
      },
    },
    async (request, reply) => {
      await readableAlert(ctx, who(request)[1], request.params.id);
      return reply.type('application/cap+xml; charset=utf-8').send(await alertCap(ctx, request.params.id));
    },
  );
  app.patch(
    '/alerts/:id',
    {
      config: { access: 'alerts:draft' },
      schema: {
        ...one,
        summary: 'Edit a draft; giving areaNames renames the area in every text',
        body: PatchAlertBody,
      },
    },
    async (request) => {
      const [info, actor] = who(request);
      const { version, ...patch } = request.body;
      return editAlert(ctx, info, actor, request.params.id, version, patch as never);
    },
  );
  app.post(
    '/alerts/:id/submit',
    {
      config: { access: 'alerts:draft' },
      schema: { ...one, summary: 'Put the draft in the approval queue', body: VersionBody },
    },
    async (request) => {
      const [info, actor] = who(request);
      return submitAlert(ctx, info, actor, request.params.id, request.body.version);
    },
  );
  app.post(
    '/alerts/:id/return',
    {
      config: { access: 'alerts:read' },
      schema: {
        ...one,
        summary: 'Send an alert awaiting approval back to draft (drafters and authorisers)',
        body: ReturnBody,
      },
    },
    async (request) => {
      const [info, actor] = who(request);
      return returnAlert(ctx, info, actor, request.params.id, request.body.version, request.body.reason);
    },
  );
  app.post(
    '/alerts/:id/approve',
    {
      config: { access: 'alerts:approve' },
      schema: {
        ...one,
        summary:
          'Approve with your second factor: issues the signed CAP message and sends it (never your own Actual draft)',
        body: ApproveBody,
      },
    },
    async (request) => {
      const [info, actor] = who(request);
      const { version, totp, confirmReach } = request.body;
      return approveAlert(ctx, info, actor, request.params.id, version, totp, confirmReach);
    },
  );
  app.post(
    '/alerts/:id/update',
    {
      config: { access: 'alerts:draft' },
      schema: {
        ...one,
        summary: 'Start an Update (or "all clear") of the newest issued message, as a draft',
        body: UpdateBody,
      },
    },
    async (request) => {
      const [info, actor] = who(request);
      return startAlertUpdate(ctx, info, actor, request.params.id, request.body as never);
    },
  );
  app.post(
    '/alerts/:id/cancel',
    {
      config: { access: 'alerts:approve' },
      schema: {
        ...one,
        summary:
          'Cancel the alert in one action, with your second factor, to everyone an earlier message reached',
        body: CancelBody,
      },
    },
    async (request) => {
      const [info, actor] = who(request);
      return cancelAlert(ctx, info, actor, request.params.id, request.body.reason, request.body.totp);
    },
  );
};
