import { Redis } from 'ioredis';
import type { Config } from './config/config.js';
import { buildApp, type App } from './http/app.js';
import type { ReadinessProbe } from './http/health.js';
import { openChannels } from './channels/channels.js';
import { watchPortalExport } from './http/portal/export.js';
import { defineJobs, defineWakes, scheduleJobs } from './jobs/builtin.js';
import { openJobQueue, type JobQueue } from './jobs/index.js';
import { FanOutWorker } from './jobs/fanout.worker.js';
import { OutboxDispatcher } from './jobs/outbox.dispatcher.js';
import { openScheduler, type Scheduler } from './jobs/schedule/index.js';
import type { FirstAdmin } from './services/bootstrap.service.js';
import { systemClock, type AppContext } from './services/context.js';
import { outboxSources } from './services/outbox/sources.js';
import { SirenListener } from './services/sirens/siren.listener.js';
import { startUp } from './services/startup.service.js';
import { openDb, type Db } from './store/db.js';
import { migrateToLatest } from './store/migrate.js';

export interface Runtime {
  ctx: AppContext;
  close(): Promise<void>;
}

/** Opens the configured database and brings its schema up to date. */
export async function openRuntime(
  config: Config,
  options: { schema?: string; migrate?: boolean } = {},
): Promise<Runtime> {
  const db = openDb({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
    ...(options.schema ? { schema: options.schema } : {}),
  });
  try {
    if (options.migrate !== false) await migrateToLatest(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  const ctx = contextFor(db, config);
  return {
    ctx,
    close: async () => {
      await ctx.channels.close();
      await db.close();
    },
  };
}

/** The application context over an open database: its channels and outbox sources made once. */
export function contextFor(db: Db, config: Config, clock: { now(): Date } = systemClock): AppContext {
  return {
    db,
    config,
    clock,
    channels: openChannels(config, db, clock),
    sources: outboxSources(),
  };
}

export function redisProbe(url: string): { probe: ReadinessProbe; close(): void } {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  return {
    probe: {
      name: 'redis',
      check: async () => {
        if (redis.status === 'wait' || redis.status === 'end') await redis.connect();
        await redis.ping();
      },
    },
    close: () => redis.disconnect(),
  };
}

export interface Server {
  app: App;
  runtime: Runtime;
  url: string;
  firstAdmin: FirstAdmin | null;
  /** The job queue; it processes jobs unless the role is `api`. */
  jobs: JobQueue;
  /**
   * The scheduling port's adapter (BullMQ with DABYL_REDIS_URL, else embedded); it wakes unless the
   * role is `api`. Services book wakes with bookWake(trx, …) and need no handle on it.
   */
  scheduler: Scheduler;
  close(): Promise<void>;
}

/** What one `dabyl serve` process does: everything, only the HTTP side, or only the jobs. */
export type ServeRole = 'all' | 'api' | 'worker';

/**
 * Everything `dabyl serve` does: migrate, create the first administrator on the very first start,
 * load the demo data once, and listen.
 */
export async function startServer(
  config: Config,
  options: {
    schema?: string;
    logger?: boolean;
    consoleDir?: string;
    role?: ServeRole;
    jobPrefix?: string;
  } = {},
): Promise<Server> {
  const runtime = await openRuntime(config, {
    ...(options.schema ? { schema: options.schema } : {}),
    migrate: false,
  });
  const { ctx } = runtime;
  // Migrate, first administrator, demo data: once, however many processes start at once.
  const started = await startUp(ctx).catch(async (err: unknown) => {
    await runtime.close();
    throw err;
  });
  const firstAdmin = started.firstAdmin;
  const redis = config.redisUrl ? redisProbe(config.redisUrl) : null;
  // Until the API's logger exists, what the jobs report waits here (then is logged in order).
  const early: [unknown, string][] = [];
  let logJobError: (err: unknown, where: string) => void = (err, where) => void early.push([err, where]);
  const prefix = options.jobPrefix ?? config.redisPrefix;
  const jobs = await openJobQueue(config, ctx.db, {
    prefix,
    onError: (err, where) => logJobError(err, where),
  });
  defineJobs(jobs, ctx);
  // Wake topics' handlers are declared on it here, in every process, before it starts.
  const scheduler = openScheduler(config, ctx.db, {
    prefix,
    onError: (err, where) => logJobError(err, where),
  });
  defineWakes(scheduler, ctx);
  const runsJobs = (options.role ?? 'all') !== 'api';
  // Overdue injects fire while the API's schemas compile (seconds on a loaded machine, after a
  // crash): the scheduler needs only the database, so it starts first.
  if (runsJobs) await scheduler.start();
  const app = await buildApp(ctx, {
    probes: redis ? [redis.probe] : [],
    jobStats: () => jobs.stats(),
    ...(options.logger === false ? { logger: false } : {}),
    ...(options.consoleDir ? { consoleDir: options.consoleDir } : {}),
  }).catch(async (err: unknown) => {
    await scheduler.stop();
    throw err;
  });
  logJobError = (err, where) => app.app.log.error({ err }, `jobs: ${where}`);
  for (const [err, where] of early.splice(0)) logJobError(err, where);
  // The outbox is expanded and sent wherever jobs run; the API role only writes to it.
  const log = (level: 'warn' | 'error' | 'info', message: string) => app.app.log[level](message);
  ctx.channels.useLog?.(log);
  const outbox = new OutboxDispatcher(ctx, { log });
  const fanOut = new FanOutWorker(ctx, { log });
  // Siren acknowledgements and status are heard where the outbox is sent.
  const sirens = new SirenListener(ctx, { log });
  if (runsJobs) {
    await jobs.start();
    await scheduleJobs(jobs, ctx);
    fanOut.start();
    outbox.start();
    // Not awaited: a broker that is down must not keep the server from starting.
    sirens.start().catch((err: unknown) => log('warn', `siren: ${(err as Error).message}`));
  }
  // A static copy of the public site, kept current where jobs run (DABYL_PORTAL_EXPORT_DIR).
  const portalExport =
    config.portalExportDir && (options.role ?? 'all') !== 'api'
      ? watchPortalExport(ctx, config.portalExportDir, (level, message) => app.app.log[level](message))
      : null;
  const address = await app.app.listen({
    port: config.port,
    host: config.host,
    backlog: config.listenBacklog,
  });
  const url = address.replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost');
  return {
    app,
    runtime,
    url,
    firstAdmin,
    jobs,
    scheduler,
    close: async () => {
      await app.app.close();
      await portalExport?.stop();
      // After HTTP, so nothing enqueues into a stopped queue; stop() lets running jobs finish.
      await jobs.stop();
      await scheduler.stop();
      await fanOut.stop();
      await outbox.stop();
      await sirens.stop();
      redis?.close();
      await started.release();
      await runtime.close();
    },
  };
}
