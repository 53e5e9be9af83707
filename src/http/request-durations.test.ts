import { Histogram, Registry, type Metric } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { RequestDurations } from './request-durations.js';

const NAME = 'dabyl_http_request_duration_seconds';
const BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const SAMPLES = [0.0001, 0.005, 0.0051, 0.02, 0.05, 0.3, 0.3, 1, 4.9, 5, 7.5, 120];

function both() {
  const theirs = new Registry();
  const library = new Histogram({
    name: NAME,
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: BOUNDS,
    registers: [theirs],
  });
  const ours = new Registry();
  const durations = new RequestDurations(NAME, 'HTTP request duration by route and status', BOUNDS);
  ours.registerMetric(durations as unknown as Metric);
  return { theirs, library, ours, durations };
}

describe('request durations', () => {
  it('expose exactly what the metrics library’s own histogram exposes for the same requests', async () => {
    const { theirs, library, ours, durations } = both();
    const sets = [
      { method: 'GET', route: '/ru/notices/:slug', status: '200' },
      { method: 'GET', route: '/notices.atom', status: '304' },
      { method: 'POST', route: '/api/v1/auth/login', status: '401' },
    ];
    sets.forEach((labels, k) => {
      const series = durations.seriesOf({ ...labels });
      for (const s of SAMPLES.slice(k)) {
        series.observe(s);
        library.observe(labels, s);
      }
    });
    expect(await ours.metrics()).toBe(await theirs.metrics());
  });

  it('hands out the same series for the same labels, and counts from zero again after a reset', async () => {
    const { ours, durations } = both();
    const kept = durations.seriesOf({ method: 'GET', route: '/ru/', status: '200' });
    expect(durations.seriesOf({ method: 'GET', route: '/ru/', status: '200' })).toBe(kept);
    kept.observe(0.2);
    ours.resetMetrics();
    kept.observe(0.003);
    const text = await ours.metrics();
    expect(text).toContain(`${NAME}_count{method="GET",route="/ru/",status="200"} 1`);
    expect(text).toContain(`${NAME}_bucket{le="0.005",method="GET",route="/ru/",status="200"} 1`);
    expect(text).toContain(`${NAME}_sum{method="GET",route="/ru/",status="200"} 0.003`);
  });
});
