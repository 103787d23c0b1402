/**
 * The charts' own scales and paths (src/views/charts/scales.ts), which replaced d3-scale
 * and d3-shape: the figures below are what those d3 calls returned for the same input,
 * so the SVG the pages send did not change.
 */
import { describe, expect, it } from "vitest";
import * as d3 from "d3-array";
import { areaPath, bands, linearScale, maxAtLeast, niceDomain, points, polylinePath, tickIncrement, ticks, total } from "../../src/views/charts/scales";

describe("linearScale", () => {
  it("maps the domain onto the range, unclamped and reversible", () => {
    const x = linearScale([0, 5], [4, 280]);
    expect([x(0), x(4), x(5), x(10)]).toEqual([4, 224.8, 280, 556]);
    expect(linearScale([0, 8], [192, 12])(2)).toBe(147);
    expect(linearScale([10, 0], [0, 100])(2.5)).toBe(75);
  });

  it("sends everything to the middle of the range for a zero-width domain", () => {
    expect(linearScale([3, 3], [0, 10])(99)).toBe(5);
  });
});

describe("niceDomain", () => {
  it("widens the top to a round step for about four ticks, as the line chart's axis needs", () => {
    expect(niceDomain([0, 7], 4)).toEqual([0, 8]);
    expect(niceDomain([0, 1], 4)).toEqual([0, 1]);
    expect(niceDomain([0, 23], 4)).toEqual([0, 25]);
    expect(niceDomain([0, 987_654], 4)).toEqual([0, 1_000_000]);
    expect(niceDomain([0, 0.37], 4)).toEqual([0, 0.4]);
    expect(niceDomain([23, 0], 4)).toEqual([25, 0]);
  });

  it("gives ticks that start at zero and end at the top", () => {
    const [lo, hi] = niceDomain([0, 7], 4);
    expect(ticks(lo, hi, 4)).toEqual([0, 2, 4, 6, 8]);
  });
});

describe("ticks, in place of d3-array's", () => {
  it("gives the same steps and tick values as d3-array for any range and count, to the last bit", () => {
    // A seeded walk over magnitudes from 1e-6 to 1e9, counts 1-12, and ranges not starting at zero.
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 3000; n++) {
      const scale = 10 ** Math.floor(random() * 16 - 6);
      const start = n % 3 === 0 ? 0 : (random() - 0.3) * scale;
      const stop = start + random() * scale * (n % 7 === 0 ? 0.01 : 1);
      const count = n % 5 === 0 ? 0.5 + random() * 2 : 1 + Math.floor(random() * 12);
      expect(tickIncrement(start, stop, count), `${start} ${stop} ${count}`).toBe(d3.tickIncrement(start, stop, count));
      expect(ticks(start, stop, count), `${start} ${stop} ${count}`).toEqual(d3.ticks(start, stop, count));
    }
    expect(ticks(3, 3, 4)).toEqual(d3.ticks(3, 3, 4));
    expect(ticks(0, 10, 0)).toEqual([]);
  });

  it("takes the largest value with a floor, and totals skip a missing value", () => {
    expect(maxAtLeast(1, [])).toBe(1);
    expect(maxAtLeast(1, [0, 0.5])).toBe(1);
    expect(maxAtLeast(1, [3, NaN, 7, 2])).toBe(Math.max(1, d3.max([3, NaN, 7, 2])!));
    expect(total([1, NaN, 2.5])).toBe(d3.sum([1, NaN, 2.5]));
    expect(total([])).toBe(0);
  });
});

describe("bands and points", () => {
  it("splits the range into equal bands with no padding", () => {
    const y = bands(3, [0, 114]);
    expect(y.step).toBe(38);
    expect([0, 1, 2].map(y.at)).toEqual([0, 38, 76]);
    expect(bands(0, [0, 0]).step).toBe(0);
  });

  it("puts the first and last point at the ends, a lone point in the middle", () => {
    const x = points(26, [36, 328]);
    expect([x(0), x(5), x(25)]).toEqual([36, 94.4, 328]);
    expect(points(1, [36, 328])(0)).toBe(182);
  });
});

describe("paths", () => {
  it("joins points with lines, rounding to 3 decimals; one point is a closed dot, none an empty path", () => {
    expect(polylinePath([[36, 162], [47.68, 102], [59.36000000000001, 161.99949]])).toBe("M36,162L47.68,102L59.36,161.999");
    expect(polylinePath([[182, 192]])).toBe("M182,192Z");
    expect(polylinePath([])).toBe("");
  });

  it("draws an area down its right edge and back up its left, closed", () => {
    expect(areaPath([[10, 0], [20, 5]], [[30, 0], [25, 5]])).toBe("M30,0L25,5L20,5L10,0Z");
    expect(areaPath([], [])).toBeNull();
  });
});
