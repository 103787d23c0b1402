/**
 * @module
 * The little arithmetic the charts need, in place of d3-scale and d3-shape (whose
 * linear scale alone pulled d3-interpolate, d3-color and d3-format into the Worker,
 * ~30 KiB minified). Each function computes what the d3 call it replaces computed,
 * in the same floating-point operations, so the SVG is byte for byte the same:
 * a linear scale with d3's `nice()`, band and point positions, and path strings for
 * a polyline and an area with coordinates rounded to 3 decimals as d3-shape does.
 *
 * @example
 * const y = linearScale(niceDomain([0, 7], 4), [192, 12]);
 * y(7); // 24
 * polylinePath([[0, 1], [2.00049, 3]]); // "M0,1L2,3"
 */
import { tickIncrement } from "d3-array";

export type Point = readonly [x: number, y: number];

/**
 * Maps `domain` onto `range` linearly, unclamped (d3's scaleLinear over two numbers:
 * `r0 * (1 - t) + r1 * t`). A zero-width domain maps everything to the middle of the range.
 */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): (value: number) => number {
  let [d0, d1] = domain;
  let [r0, r1] = range;
  if (d1 < d0) [d0, d1, r0, r1] = [d1, d0, r1, r0];
  const width = d1 - d0;
  return (value) => {
    const t = width ? (value - d0) / width : Number.isNaN(width) ? NaN : 0.5;
    return r0 * (1 - t) + r1 * t;
  };
}

/** The domain widened to round tick steps for about `count` ticks: d3-scale's `linear.nice(count)`. */
export function niceDomain(domain: readonly [number, number], count = 10): [number, number] {
  const reversed = domain[1] < domain[0];
  let [start, stop] = reversed ? [domain[1], domain[0]] : [domain[0], domain[1]];
  let prestep: number | undefined;
  for (let iter = 0; iter < 10; iter++) {
    const step = tickIncrement(start, stop, count);
    if (step === prestep) return reversed ? [stop, start] : [start, stop];
    if (step > 0) {
      start = Math.floor(start / step) * step;
      stop = Math.ceil(stop / step) * step;
    } else if (step < 0) {
      start = Math.ceil(start * step) / step;
      stop = Math.floor(stop * step) / step;
    } else break;
    prestep = step;
  }
  return [domain[0], domain[1]];
}

/**
 * `count` equal bands filling `range` with no padding (d3's scaleBand): the top of
 * band `i` and the band's height (`step`).
 */
export function bands(count: number, range: readonly [number, number]): { step: number; at: (i: number) => number } {
  const [start, stop] = range;
  const step = (stop - start) / Math.max(1, count);
  const first = start + (stop - start - step * count) * 0.5;
  return { step, at: (i) => first + step * i };
}

/** `count` points spread over `range`, the first and last at its ends (d3's scalePoint; one point sits in the middle). */
export function points(count: number, range: readonly [number, number]): (i: number) => number {
  const [start, stop] = range;
  const step = (stop - start) / Math.max(1, count - 1);
  const first = start + (stop - start - step * (count - 1)) * 0.5;
  return (i) => first + step * i;
}

/** d3-path's default precision for d3-shape: 3 decimals. */
const round = (n: number) => Math.round(n * 1000) / 1000;
const at = (p: Point) => `${round(p[0])},${round(p[1])}`;

/**
 * An SVG path through the points (d3-shape's `line()` with its linear curve):
 * "" for none, a closed dot ("M…Z") for one.
 */
export function polylinePath(pts: readonly Point[]): string {
  if (!pts.length) return "";
  const path = `M${pts.map(at).join("L")}`;
  return pts.length === 1 ? `${path}Z` : path;
}

/**
 * A closed SVG path down one edge and back up the other (d3-shape's `area()` with
 * x0/x1 given: along `to`, then `from` reversed, then Z); null for no points.
 */
export function areaPath(from: readonly Point[], to: readonly Point[]): string | null {
  if (!to.length) return null;
  return `M${[...to, ...[...from].reverse()].map(at).join("L")}Z`;
}
