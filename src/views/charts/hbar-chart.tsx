/**
 * @module
 * A horizontal bar chart as server-rendered SVG: one row per item, its Thai label
 * above its bar and the figure at the bar's end, drawn in a 320-unit-wide viewBox
 * that scales to the page (readable on a 320 px phone). The chart is decoration for
 * sighted readers: it is hidden from assistive technology, and the page must put
 * the same figures in a table beside or under it (the text alternative).
 *
 * @example
 * <HBarChart rows={[{ label: "ขั้นตอน 1", value: 12, href: "/x" }]} format={(v) => `${v} วัน`} />
 */
import { bands, linearScale } from "./scales";

export interface BarRow {
  label: string;
  value: number;
  /** Where a click on the bar goes; the table beside the chart must carry the same link for keyboard users. */
  href?: string;
}

export const CHART_WIDTH = 320;
const ROW_HEIGHT = 38;
const LABEL_HEIGHT = 15;
const BAR_HEIGHT = 14;
/** Room at the bar's end for its figure. */
const VALUE_ROOM = 56;
export const BAR_FILL = "#1d5fa8";
export const TEXT_FILL = "#1f2933";

/** The rows' vertical bands, shared with the funnel. */
export function rowBands(count: number) {
  return bands(count, [0, count * ROW_HEIGHT]);
}

export { LABEL_HEIGHT, BAR_HEIGHT };

/** Wraps a bar in a link only mouse users reach (tabindex -1): the chart is aria-hidden, the table holds the focusable link. */
export function MaybeLink(props: { href?: string; children: unknown }) {
  return props.href ? (
    <a href={props.href} tabindex={-1}>
      {props.children}
    </a>
  ) : (
    <>{props.children}</>
  );
}

export function HBarChart(props: { rows: readonly BarRow[]; format?: (value: number) => string; max?: number }) {
  const format = props.format ?? ((v: number) => String(v));
  const y = rowBands(props.rows.length);
  const max = Math.max(props.max ?? 0, ...props.rows.map((r) => r.value), 1);
  const x = linearScale([0, max], [0, CHART_WIDTH - VALUE_ROOM]);
  const height = Math.max(ROW_HEIGHT, props.rows.length * ROW_HEIGHT);
  return (
    <svg class="chart chart-bars" viewBox={`0 0 ${CHART_WIDTH} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet" aria-hidden="true" focusable="false" font-size="12">
      {props.rows.map((row, i) => {
        const top = y.at(i);
        const width = Math.max(0, x(row.value));
        return (
          <MaybeLink href={row.href}>
            <g>
              <text x={0} y={top + LABEL_HEIGHT - 3} fill={TEXT_FILL}>
                {row.label}
              </text>
              <rect x={0} y={top + LABEL_HEIGHT} width={width} height={BAR_HEIGHT} fill={BAR_FILL} rx={2} />
              <text x={width + 4} y={top + LABEL_HEIGHT + BAR_HEIGHT - 3} fill={TEXT_FILL}>
                {format(row.value)}
              </text>
            </g>
          </MaybeLink>
        );
      })}
    </svg>
  );
}
