import type { ChartDrawing as Drawing } from '../../../src/core/chart/shapes';

/**
 * A chart of the chart module (src/core/chart) drawn as React SVG: the same shapes reports draw, its
 * title and axis names printed in it.
 */
export function ChartDrawing({ drawing }: { drawing: Drawing }) {
  return (
    <svg
      viewBox={`0 0 ${drawing.width} ${drawing.height}`}
      width="100%"
      style={{ maxWidth: drawing.width }}
      role="img"
      aria-label={drawing.title}
      fontFamily="sans-serif"
      fontSize={11}
    >
      <title>{drawing.title}</title>
      {drawing.shapes.map((s, i) =>
        s.kind === 'rect' ? (
          <rect key={i} x={s.x} y={s.y} width={s.width} height={s.height} fill={s.fill}>
            {s.title && <title>{s.title}</title>}
          </rect>
        ) : s.kind === 'line' ? (
          <line key={i} x1={s.x1} y1={s.y1} x2={s.x2} y2={s.y2} stroke={s.stroke} />
        ) : (
          <text
            key={i}
            x={s.x}
            y={s.y}
            textAnchor={s.anchor}
            fill={s.fill}
            fontSize={s.size}
            fontWeight={s.bold ? 'bold' : undefined}
          >
            {s.text}
          </text>
        ),
      )}
    </svg>
  );
}
