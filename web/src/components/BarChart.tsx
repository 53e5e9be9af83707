import { barChartLayout, type Bar } from '../../../src/core/chart/bar';

/**
 * A bar chart in the console, drawn from the same layout reports use (src/core/chart), so a chart
 * on screen and in the after-action report read alike.
 */
export function BarChart({
  data,
  title,
  width,
  height,
  format,
}: {
  data: Bar[];
  title: string;
  width?: number;
  height?: number;
  format?: (v: number) => string;
}) {
  const l = barChartLayout(data, {
    title,
    ...(width ? { width } : {}),
    ...(height ? { height } : {}),
    ...(format ? { format } : {}),
  });
  return (
    <svg
      viewBox={`0 0 ${l.width} ${l.height}`}
      width="100%"
      style={{ maxWidth: l.width }}
      role="img"
      aria-label={title}
      fontSize={11}
    >
      <title>{title}</title>
      {l.ticks.map((t) => (
        <g key={t.value}>
          <line x1={l.plotLeft} x2={l.plotRight} y1={t.y} y2={t.y} stroke="#d0d5dd" />
          <text x={l.plotLeft - 4} y={t.y + 4} textAnchor="end" fill="#344054">
            {t.value}
          </text>
        </g>
      ))}
      {l.bars.map((b) => (
        <g key={b.label}>
          <rect x={b.x} y={b.y} width={b.width} height={b.height} fill="#2b5288">
            <title>{`${b.label}: ${b.value}`}</title>
          </rect>
          <text x={b.labelX} y={l.baseline + 14} textAnchor="middle" fill="#344054">
            {b.label}
          </text>
        </g>
      ))}
      <line x1={l.plotLeft} x2={l.plotRight} y1={l.baseline} y2={l.baseline} stroke="#344054" />
    </svg>
  );
}
