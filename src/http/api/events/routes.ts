import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../../core/policy/policy.js';
import { badField } from '../../../errors.js';
import type { AppContext } from '../../../services/context.js';
import { EventHub } from '../../../services/events/hub.js';
import { principalOf, resolvePrincipal, SESSION_COOKIE } from '../../access.js';
import { problems } from '../common.schema.js';
import { EventStream } from './stream.js';

const description = `Server-Sent Events. Each event: \`id:\` its sequence number, \`event:\` its type
(\`comment.posted\`, \`comment.moderated\`, \`outbox.changed\`; see docs/events.md), \`data:\` one line of
JSON \`{ seq, at, type, organisationId, exerciseId, subjectType, subjectId, payload }\`. Only events the
reader's grants let them see are sent. A comment line every 15 s keeps the connection open.
Reconnect with the \`Last-Event-ID\` header (browsers do) or \`?after=\` to resume without a gap; a
resume point older than the 7-day retention is answered with a \`reset\` event: reload, then carry on.
The reader's sign-in is checked again before each batch and at each heartbeat: a signed-out session,
a disabled account or a revoked token ends the stream; a revoked role stops its events.`;

const Query = Type.Object(
  { after: Type.Optional(Type.Integer({ minimum: 0, description: 'Resume after this event number' })) },
  { additionalProperties: false },
);

function resumePoint(request: FastifyRequest, after: number | undefined): number | null {
  const header = request.headers['last-event-id'];
  if (typeof header === 'string' && header !== '') {
    if (!/^\d{1,15}$/.test(header)) throw badField('Last-Event-ID', 'not_an_event_number');
    return Number(header);
  }
  return after ?? null;
}

/** The live event stream (docs/decisions/0009-event-stream.md). */
export const eventRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const hub = new EventHub(ctx, { log: (level, message) => app.log[level](message) });
  const streams = new Set<EventStream>();
  // Readers of one credential (a person's tabs, a service's connections) share each re-check.
  const checks = new Map<string, Promise<Actor | null>>();
  const recheckFor = (request: FastifyRequest) => {
    const key = request.headers.authorization ?? `cookie:${request.cookies[SESSION_COOKIE] ?? ''}`;
    return (): Promise<Actor | null> => {
      let check = checks.get(key);
      if (!check) {
        check = resolvePrincipal(ctx, request)
          .then((p) => p?.actor ?? null)
          .finally(() => checks.delete(key));
        checks.set(key, check);
      }
      return check;
    };
  };
  // Open streams would keep the server from closing; end them first (readers reconnect elsewhere).
  app.addHook('preClose', async () => {
    for (const s of [...streams]) s.close();
  });
  app.addHook('onClose', () => hub.stop());

  app.get(
    '/events',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['events'],
        summary: 'The live event stream, filtered by what the reader may see, resumable',
        description,
        querystring: Query,
        headers: Type.Object({
          'last-event-id': Type.Optional(Type.String({ description: 'Resume after this event number' })),
        }),
        response: {
          200: {
            description: 'text/event-stream',
            content: { 'text/event-stream': { schema: Type.String() } },
          },
          ...problems,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const after = resumePoint(request, request.query.after);
      await hub.start();
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      raw.flushHeaders();
      // Tell the browser how soon to reconnect; the comment opens the body so clients see the stream live.
      raw.write('retry: 3000\n: connected\n\n');
      const stream: EventStream = new EventStream(
        ctx,
        hub,
        raw,
        principal.actor,
        recheckFor(request),
        after,
        () => streams.delete(stream),
      );
      streams.add(stream);
    },
  );
};
