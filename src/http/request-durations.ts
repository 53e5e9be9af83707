/** One label set's counts: what a histogram series is, without the bookkeeping around it. */
export interface DurationSeries {
  observe(seconds: number): void;
}

interface Series extends DurationSeries {
  labels: Record<string, string>;
  buckets: Float64Array;
  sum: number;
  count: number;
}

interface MetricValue {
  labels: Record<string, string | number>;
  value: number;
  metricName: string;
}

/**
 * The request-duration histogram, in the shape the metrics registry reads from any metric (name,
 * help, type, and values at scrape time). A public page under a surge is observed tens of thousands of
 * times a second over a handful of label sets; the metrics library's own histogram hashes the labels on
 * every observation, even through a series it handed out, which a profile of the surge put at about 4%
 * of the process. Here a series is found once per label set and an observation only adds to numbers.
 */
export class RequestDurations {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, Series>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly upperBounds: readonly number[],
  ) {}

  /** The series of one label set, to keep and observe through. */
  seriesOf(labels: Record<string, string>): DurationSeries {
    const key = JSON.stringify(labels);
    let s = this.series.get(key);
    if (!s) {
      const bounds = this.upperBounds;
      const created: Series = {
        labels,
        buckets: new Float64Array(bounds.length),
        sum: 0,
        count: 0,
        observe(seconds) {
          let i = 0;
          while (i < bounds.length && seconds > bounds[i]!) i++;
          if (i < bounds.length) created.buckets[i]!++;
          created.sum += seconds;
          created.count++;
        },
      };
      s = created;
      this.series.set(key, s);
    }
    return s;
  }

  async get(): Promise<{
    name: string;
    help: string;
    type: string;
    aggregator: string;
    values: MetricValue[];
  }> {
    const values: MetricValue[] = [];
    for (const s of this.series.values()) {
      let cumulative = 0;
      this.upperBounds.forEach((le, i) => {
        cumulative += s.buckets[i]!;
        values.push({ labels: { le, ...s.labels }, value: cumulative, metricName: `${this.name}_bucket` });
      });
      values.push({ labels: { le: '+Inf', ...s.labels }, value: s.count, metricName: `${this.name}_bucket` });
      values.push({ labels: s.labels, value: s.sum, metricName: `${this.name}_sum` });
      values.push({ labels: s.labels, value: s.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  /** Back to zero in place: callers keep the series they were handed. */
  reset(): void {
    for (const s of this.series.values()) {
      s.buckets.fill(0);
      s.sum = 0;
      s.count = 0;
    }
  }
}
