import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Registry, type Metric } from 'prom-client';
import type { JobCounts } from '../jobs/queue.js';
import { RequestDurations } from './request-durations.js';

/** Counts one request's duration in seconds, under a label set found once. */
export type ObserveSeconds = (seconds: number) => void;

/** One registry per app, so several apps in one test process never collide. */
export function registerMetrics(
  app: FastifyInstance,
  jobStats?: () => Promise<Record<string, JobCounts>>,
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
