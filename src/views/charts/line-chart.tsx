/**
 * @module
 * A line chart as server-rendered SVG: one line per series over the same points
 * (e.g. weekly inflow against outflow). The SVG is a picture only (aria-hidden):
 * the page puts the same figures in a table, which is the text alternative.
 * Sized by its viewBox and 100% width, so it shrinks to a 320 px screen with
 * labels still readable.
 *
 * @example
 * <LineChart labels={weeks.map(shortDate)} series={[{ name: "ยื่น", values: [3, 5], tone: "a" }]} />
 */
import { formatCount } from "../../messages/numbers";
import { linearScale, maxAtLeast, niceDomain, points, polylinePath, ticks } from "./scales";

export interface LineSeries {
  name: string;
  values: number[];
  /** Colour and dash from the stylesheet: a = solid brand, b = dashed contrast. */
  tone: "a" | "b";
}

const W = 340;
const H = 220;
const M = { top: 12, right: 12, bottom: 28, left: 36 };

export function LineChart(props: { labels: string[]; series: LineSeries[]; /** Show every n-th label on the axis. */ labelEvery?: number }) {
  const x = points(props.labels.length, [M.left, W - M.right]);
  const top = maxAtLeast(1, props.series.flatMap((s) => s.values));
  const domain = niceDomain([0, top], 4);
  const y = linearScale(domain, [H - M.bottom, M.top]);
  const path = (values: number[]) => polylinePath(values.map((v, i) => [x(i), y(v)]));
  const every = props.labelEvery ?? 1;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" aria-hidden="true" focusable="false" class="chart-svg">
        {ticks(domain[0], domain[1], 4).map((t) => (
          <g>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} class="chart-grid" />
            <text x={M.left - 4} y={y(t)} dy="0.32em" text-anchor="end" class="chart-label">
              {formatCount(t)}
            </text>
          </g>
        ))}
        {props.labels.map((label, i) =>
          i % every === 0 ? (
            <text x={x(i)} y={H - M.bottom + 16} text-anchor={i === props.labels.length - 1 ? "end" : "middle"} class="chart-label">
              {label}
            </text>
          ) : null,
        )}
        {props.series.map((s) => (
          <path d={path(s.values)} class={`chart-line chart-tone-${s.tone}`} />
        ))}
      </svg>
      <figcaption class="chart-legend" aria-hidden="true">
        {props.series.map((s) => (
          <span class={`chart-key chart-tone-${s.tone}`}>{s.name}</span>
        ))}
      </figcaption>
    </figure>
  );
}
