/**
 * @module
 * The little arithmetic the charts need, in place of d3-scale and d3-shape (whose
 * linear scale alone pulled d3-interpolate, d3-color and d3-format into the Worker,
 * ~30 KiB minified). Each function computes what the d3 call it replaces computed,
 * in the same floating-point operations, so the SVG is byte for byte the same:
 * a linear scale with d3's `nice()`, band and point positions, and path strings for
 * a polyline and an area with coordinates rounded to 3 decimals as d3-shape does;
 * and the axis' round ticks, in place of d3-array (whose one file kept ~4 KiB in the
 * Worker for the four small functions used).
 *
 * @example
 * const y = linearScale(niceDomain([0, 7], 4), [192, 12]);
 * y(7); // 24
 * polylinePath([[0, 1], [2.00049, 3]]); // "M0,1L2,3"
 */
export type Point = readonly [x: number, y: number];

const SQRT50 = Math.sqrt(50);
const SQRT10 = Math.sqrt(10);
const SQRT2 = Math.sqrt(2);

/**
 * The grid of round ticks over [start, stop] (start ≤ stop) for about `count` of them:
 * the step is a power of ten times 1, 2, 5 or 10, whichever the raw step is nearest on
 * a log scale (the cut-offs are the geometric means √2, √10, √50), and `first`…`last`
 * are the multiples of the step inside the range. A step below 1 is kept as its
 * inverse and negated (so the tick is i / inverse, which is exact where i * 0.1 is
 * not), the convention of d3-array that niceDomain's loop relies on.
 */
function tickGrid(start: number, stop: number, count: number): { first: number; last: number; step: number } {
  const raw = (stop - start) / Math.max(0, count);
  const power = Math.floor(Math.log10(raw));
  const mantissa = raw / Math.pow(10, power);
  const factor = mantissa >= SQRT50 ? 10 : mantissa >= SQRT10 ? 5 : mantissa >= SQRT2 ? 2 : 1;
  let first: number;
  let last: number;
  let step: number;
  if (power < 0) {
    const inverse = Math.pow(10, -power) / factor;
    first = Math.round(start * inverse);
    last = Math.round(stop * inverse);
    if (first / inverse < start) first++;
    if (last / inverse > stop) last--;
    step = -inverse;
  } else {
    step = Math.pow(10, power) * factor;
    first = Math.round(start / step);
    last = Math.round(stop / step);
    if (first * step < start) first++;
    if (last * step > stop) last--;
  }
  // Too few to show for a count near 1: ask for twice as many.
  if (last < first && 0.5 <= count && count < 2) return tickGrid(start, stop, count * 2);
  return { first, last, step };
}

/** The round step for about `count` ticks (negative: the inverse of a step below 1); d3-array's `tickIncrement`. */
export function tickIncrement(start: number, stop: number, count: number): number {
  return tickGrid(start, stop, count).step;
}

/** Round tick values from `start` up to `stop`, about `count` of them; d3-array's `ticks` for start ≤ stop. */
export function ticks(start: number, stop: number, count: number): number[] {
  if (!(count > 0)) return [];
  if (start === stop) return [start];
  const { first, last, step } = tickGrid(start, stop, count);
  const out: number[] = [];
  // first + k, not a counter from first: Math.round gives -0 for a start just below zero, and -0 + 0 is 0.
  for (let k = 0; k <= last - first; k++) out.push(step < 0 ? (first + k) / -step : (first + k) * step);
  return out;
}

/** The largest value, and at least `floor` (the charts' axes never collapse below 1). */
export const maxAtLeast = (floor: number, values: readonly number[]) => values.reduce((top, v) => (v > top ? v : top), floor);

/** The values' total, a missing one (NaN) counted as nothing. */
export const total = (values: readonly number[]) => values.reduce((a, v) => a + (v || 0), 0);

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
