/**
 * @module
 * Horizontal stacked bars as server-rendered SVG: one bar per row (e.g. a status),
 * split into segments (e.g. age buckets). Each row's name sits above its bar, so a
 * long Thai status name needs no side margin and the chart still fits 320 px.
 * The SVG is a picture only (aria-hidden): the page puts the same figures in a table.
 *
 * @example
 * <StackedBarChart segments={["ไม่ถึง 30 วัน", "เกิน 30 วัน"]} rows={[{ name: "รอรับเรื่อง", values: [4, 1] }]} />
 */
import { formatCount } from "../../messages/numbers";
import { linearScale, maxAtLeast, total } from "./scales";

export interface StackedRow {
  name: string;
  values: number[];
}

const W = 320;
const ROW = 40;
const BAR = 16;
const M = { top: 4, right: 40, left: 4 };

export function StackedBarChart(props: { segments: string[]; rows: StackedRow[] }) {
  const H = M.top + props.rows.length * ROW + 4;
  const top = maxAtLeast(1, props.rows.map((r) => total(r.values)));
  const x = linearScale([0, top], [M.left, W - M.right]);
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" aria-hidden="true" focusable="false" class="chart-svg">
        {props.rows.map((row, i) => {
          const y0 = M.top + i * ROW;
          let start = 0;
          return (
            <g>
              <text x={M.left} y={y0 + 14} class="chart-label">
                {row.name}
              </text>
              {row.values.map((v, s) => {
                const from = start;
                start += v;
                return v > 0 ? <rect x={x(from)} y={y0 + 19} width={Math.max(1, x(start) - x(from))} height={BAR} class={`chart-seg chart-seg-${s}`} /> : null;
              })}
              <text x={x(start) + 4} y={y0 + 19 + BAR / 2} dy="0.32em" class="chart-label">
                {formatCount(total(row.values))}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption class="chart-legend" aria-hidden="true">
        {props.segments.map((name, s) => (
          <span class={`chart-key chart-seg-${s}`}>{name}</span>
        ))}
      </figcaption>
    </figure>
  );
}
