import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Registry, type Metric } from 'prom-client';
import type { JobCounts } from '../jobs/queue.js';
import type { Checkpointer } from '../store/sqlite-checkpointer.js';
import { RequestDurations } from './request-durations.js';

/** Counts one request's duration in seconds, under a label set found once. */
export type ObserveSeconds = (seconds: number) => void;

/** One registry per app, so several apps in one test process never collide. */
export function registerMetrics(
  app: FastifyInstance,
  jobStats?: () => Promise<Record<string, JobCounts>>,
  checkpoints?: Checkpointer,
): {
  registry: Registry;
  seriesOf: (method: string, route: string, status: number) => ObserveSeconds;
} {
  const registry = new Registry();
  // The standard names (process_*, nodejs_*), unprefixed, so stock Node.js dashboards and alerts
  // work as they are; everything Dabyl itself measures is under dabyl_.
  collectDefaultMetrics({ register: registry });
  const duration = new RequestDurations(
    'dabyl_http_request_duration_seconds',
    'HTTP request duration by route and status',
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  );
  // The registry reads a metric through get() and reset() alone; ours is not one of its classes.
  registry.registerMetric(duration as unknown as Metric);
  const problems = new Counter({
    name: 'dabyl_http_problems_total',
    help: 'Error responses by status code',
    labelNames: ['status'],
    registers: [registry],
  });
  if (jobStats) {
    // Read at scrape time: the queue (database or Redis) is the truth, not a counter in this process.
    new Gauge({
      name: 'dabyl_jobs',
      help: 'Jobs by name and state (waiting, active, delayed, failed = dead letters, completed)',
      labelNames: ['name', 'state'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const [name, counts] of Object.entries(await jobStats())) {
          for (const [state, n] of Object.entries(counts)) this.set({ name, state }, n);
        }
      },
    });
  }
  if (checkpoints) registerCheckpointMetrics(registry, checkpoints);
  // A surge observes thousands of requests a second over a handful of label sets: each set's
  // series is looked up once and kept.
  const series = new Map<string, ObserveSeconds>();
  const seriesOf = (method: string, route: string, status: number) => {
    const key = `${method} ${status} ${route}`;
    let found = series.get(key);
    if (!found) {
      const timer = duration.seriesOf({ method, route, status: String(status) });
      const problem = status >= 400 ? problems.labels({ status: String(status) }) : null;
      found = (seconds) => {
        timer.observe(seconds);
        problem?.inc();
      };
      series.set(key, found);
    }
    return found;
  };
  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, not the URL, keeps label cardinality bounded.
    seriesOf(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
    )(reply.elapsedTime / 1000);
  });
  return { registry, seriesOf };
}

/**
 * The embedded default's WAL, read at scrape time: an operator watching the disk sees the file's
 * size and whether its copying thread still runs; restarts and their holds explain a pause in a
 * fan-out (every query waits while a restart holds the connection).
 */
function registerCheckpointMetrics(registry: Registry, checkpoints: Checkpointer): void {
  const counter = (name: string, help: string, value: () => number) =>
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(value());
      },
    });
  const gauge = (name: string, help: string, value: () => number | Promise<number>) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.set(await value());
      },
    });
  counter(
    'dabyl_sqlite_checkpoints_total',
    'WAL checkpoints taken by the checkpoint thread',
    () => checkpoints.taken,
  );
  counter(
    'dabyl_sqlite_wal_restarts_total',
    'Times the WAL was begun again while written to',
    () => checkpoints.restarted,
  );
  counter(
    'dabyl_sqlite_wal_truncations_total',
    'Times a quiet, wholly copied WAL file was cut to nothing',
    () => checkpoints.truncated,
  );
  counter(
    'dabyl_sqlite_wal_restart_hold_seconds_total',
    'Time the connection was held for WAL restarts, every query waiting meanwhile',
    () => checkpoints.holds.seconds,
  );
  gauge(
    'dabyl_sqlite_wal_restart_hold_seconds_max',
    'The longest hold for a WAL restart',
    () => checkpoints.holds.longestSeconds,
  );
  gauge('dabyl_sqlite_wal_bytes', 'Size of the WAL file now', () => checkpoints.walBytes());
  gauge(
    'dabyl_sqlite_checkpoint_thread_up',
    '1 while the checkpoint thread runs; 0 once it stopped and the connection checkpoints itself',
    () => (checkpoints.running ? 1 : 0),
  );
}
