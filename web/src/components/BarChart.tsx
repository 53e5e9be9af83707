import { barChartDrawing, barChartLayout, type Bar } from '../../../src/core/chart/bar';
import { ChartDrawing } from './ChartDrawing';

/**
 * A bar chart in the console, drawn from the same layout reports use (src/core/chart), so a chart
 * on screen and in the after-action report read alike: title on top, the values' unit over the value
 * axis, what the bars are under them.
 */
export function BarChart({
  data,
  title,
  valueLabel,
  categoryLabel,
  width,
  height,
  format,
}: {
  data: Bar[];
  title: string;
  valueLabel?: string;
  categoryLabel?: string;
  width?: number;
  height?: number;
  format?: (v: number) => string;
}) {
  const layout = barChartLayout(data, {
    title,
    ...(valueLabel ? { valueLabel } : {}),
    ...(categoryLabel ? { categoryLabel } : {}),
    ...(width ? { width } : {}),
    ...(height ? { height } : {}),
    ...(format ? { format } : {}),
  });
  return <ChartDrawing drawing={barChartDrawing(layout)} />;
}
