import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Registry } from 'prom-client';
import type { AppContext } from '../services/context.js';
import { pendingMigrations } from '../store/migrate.js';

export interface ReadinessProbe {
  name: string;
  check(): Promise<void>;
}

/** /healthz: the process answers. /readyz: it can do its work (database, migrations, Redis). */
export function registerHealth(
  app: FastifyInstance,
  ctx: AppContext,
  registry: Registry,
  probes: ReadinessProbe[],
): void {
  const hide = { hide: true };
  app.get('/healthz', { config: { access: 'public' }, schema: hide }, async () => ({ status: 'ok' }));

  app.get('/readyz', { config: { access: 'public' }, schema: hide }, async (_request, reply) => {
    const checks: Record<string, string> = {};
    let ready = true;
    const run = async (name: string, fn: () => Promise<void>) => {
      try {
        await fn();
        checks[name] = 'ok';
      } catch (err) {
        ready = false;
        checks[name] = (err as Error).message;
      }
    };
    await run('database', async () => {
      await sql`select 1`.execute(ctx.db.kysely);
    });
    await run('migrations', async () => {
      const pending = await pendingMigrations(ctx.db);
      if (pending.length) throw new Error(`pending: ${pending.join(', ')}`);
    });
    for (const probe of probes) await run(probe.name, () => probe.check());
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks });
  });

  app.get('/metrics', { config: { access: 'public' }, schema: hide }, async (_request, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
}
