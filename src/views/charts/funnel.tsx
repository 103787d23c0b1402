/**
 * @module
 * A funnel as server-rendered SVG: one centred bar per stage, widest first, over a
 * pale silhouette joining the stages (an area path), each stage's label above
 * its bar and its figure beside it. Like the bar chart it is hidden from assistive
 * technology; the page puts the same figures in a table under it.
 */
import { areaPath, linearScale } from "./scales";
import { BAR_FILL, BAR_HEIGHT, CHART_WIDTH, LABEL_HEIGHT, MaybeLink, rowBands, TEXT_FILL, type BarRow } from "./hbar-chart";

/** Room at the right for the figure of the widest bar. */
const VALUE_ROOM = 56;

export function FunnelChart(props: { rows: readonly BarRow[]; format?: (value: number) => string }) {
  const format = props.format ?? ((v: number) => String(v));
  const y = rowBands(props.rows.length);
  const max = Math.max(1, ...props.rows.map((r) => r.value));
  const span = CHART_WIDTH - VALUE_ROOM;
  const w = linearScale([0, max], [0, span]);
  const mid = span / 2;
  const barMid = (i: number) => y.at(i) + LABEL_HEIGHT + BAR_HEIGHT / 2;
  const silhouette = areaPath(
    props.rows.map((r, i) => [mid - w(r.value) / 2, barMid(i)]),
    props.rows.map((r, i) => [mid + w(r.value) / 2, barMid(i)]),
  );
  const height = Math.max(1, props.rows.length) * y.step;
  return (
    <svg class="chart chart-bars" viewBox={`0 0 ${CHART_WIDTH} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet" aria-hidden="true" focusable="false" font-size="12">
      {silhouette ? <path d={silhouette} fill={BAR_FILL} fill-opacity={0.12} /> : null}
      {props.rows.map((row, i) => {
        const top = y.at(i);
        const width = w(row.value);
        return (
          <MaybeLink href={row.href}>
            <g>
              <text x={mid} y={top + LABEL_HEIGHT - 3} fill={TEXT_FILL} text-anchor="middle">
                {row.label}
              </text>
              <rect x={mid - width / 2} y={top + LABEL_HEIGHT} width={width} height={BAR_HEIGHT} fill={BAR_FILL} rx={2} />
              <text x={mid + Math.max(width, 0) / 2 + 4} y={top + LABEL_HEIGHT + BAR_HEIGHT - 3} fill={TEXT_FILL}>
                {format(row.value)}
              </text>
            </g>
          </MaybeLink>
        );
      })}
    </svg>
  );
}
