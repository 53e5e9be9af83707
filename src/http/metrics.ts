import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { JobCounts } from '../jobs/queue.js';

/** One registry per app, so several apps in one test process never collide. */
export function registerMetrics(
  app: FastifyInstance,
  jobStats?: () => Promise<Record<string, JobCounts>>,
): { registry: Registry; observe: (method: string, route: string, status: number, seconds: number) => void } {
  const registry = new Registry();
  // The standard names (process_*, nodejs_*), unprefixed, so stock Node.js dashboards and alerts
  // work as they are; everything Dabyl itself measures is under dabyl_.
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'dabyl_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
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
  // A surge observes thousands of requests a second over a handful of label sets; the library
  // hashes the labels on every call, so each set's series is looked up once and kept.
  const series = new Map<string, (seconds: number) => void>();
  const seriesOf = (method: string, route: string, status: number) => {
    const key = `${method} ${status} ${route}`;
    let found = series.get(key);
    if (!found) {
      const timer = duration.labels({ method, route, status: String(status) });
      const problem = status >= 400 ? problems.labels({ status: String(status) }) : null;
      found = (seconds) => {
        timer.observe(seconds);
        problem?.inc();
      };
      series.set(key, found);
    }
    return found;
  };
  const observe = (method: string, route: string, status: number, seconds: number) =>
    seriesOf(method, route, status)(seconds);
  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, not the URL, keeps label cardinality bounded.
    observe(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
  });
  return { registry, observe };
}
