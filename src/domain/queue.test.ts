import { describe, expect, it } from "vitest";
import { QUEUE_BUCKET, queueBucket, queueMove } from "./queue";

describe("queueMove", () => {
  it("sends a join or rejoin to the back, giving up any place held", () => {
    expect(queueMove("join", true, false)).toEqual({ leave: false, join: true });
    expect(queueMove("rejoin", true, false)).toEqual({ leave: false, join: true });
    expect(queueMove("rejoin", true, true)).toEqual({ leave: true, join: true });
  });

  it("keeps the place between queued statuses and gives it up otherwise", () => {
    expect(queueMove(undefined, true, true)).toEqual({ leave: false, join: false });
    expect(queueMove("leave", false, true)).toEqual({ leave: true, join: false });
    expect(queueMove(undefined, false, true)).toEqual({ leave: true, join: false });
    expect(queueMove(undefined, false, false)).toEqual({ leave: false, join: false });
    // A status that is queued but was reached without joining does not invent a place.
    expect(queueMove(undefined, true, false)).toEqual({ leave: false, join: false });
  });
});

describe("queueBucket", () => {
  it("groups QUEUE_BUCKET consecutive numbers", () => {
    expect(queueBucket(1)).toBe(0);
    expect(queueBucket(QUEUE_BUCKET - 1)).toBe(0);
    expect(queueBucket(QUEUE_BUCKET)).toBe(1);
    expect(queueBucket(10 * QUEUE_BUCKET + 5)).toBe(10);
  });

  it("refuses numbers that are not queue numbers", () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => queueBucket(bad)).toThrow(RangeError);
  });
});
