import { describe, expect, it } from "vitest";
import { DatabaseBusyError, isBusyError, retryOnBusy } from "./busy";

const busy = () => Object.assign(new Error("SQLITE_BUSY: database is locked"), { code: "SQLITE_BUSY" });

/** A clock that moves only when the retry sleeps, so the schedule is exact. */
function fakeTime() {
  let t = 0;
  const sleeps: number[] = [];
  return { sleeps, now: () => t, sleep: async (ms: number) => void (sleeps.push(ms), (t += ms)) };
}

describe("retryOnBusy", () => {
  it("runs the work again after jittered, doubling pauses until it succeeds", async () => {
    const time = fakeTime();
    let calls = 0;
    const out = await retryOnBusy(
      async () => {
        if (++calls < 5) throw busy();
        return "saved";
      },
      { deadlineMs: 3000, ...time, random: () => 1 },
    );
    expect(out).toBe("saved");
    expect(calls).toBe(5);
    expect(time.sleeps).toEqual([10, 20, 40, 80]);
  });

  it("spreads a crowd of writers: each pause is a random part of its cap", async () => {
    const time = fakeTime();
    let calls = 0;
    await retryOnBusy(
      async () => {
        if (++calls < 3) throw busy();
      },
      { deadlineMs: 3000, ...time, random: () => 0.5 },
    );
    expect(time.sleeps).toEqual([5, 10]);
  });

  it("gives up past the deadline with a DatabaseBusyError that keeps the cause", async () => {
    const time = fakeTime();
    let calls = 0;
    const err = await retryOnBusy(
      async () => {
        calls++;
        throw busy();
      },
      { deadlineMs: 1000, ...time, random: () => 1 },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseBusyError);
    expect((err as DatabaseBusyError).attempts).toBe(calls);
    expect(isBusyError(err)).toBe(true);
    // Never sleeps past the deadline: the last pause is cut to what was left.
    expect(time.sleeps.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(Math.max(...time.sleeps)).toBeLessThanOrEqual(250);
  });

  it("throws any other error at once", async () => {
    let calls = 0;
    await expect(
      retryOnBusy(async () => {
        calls++;
        throw new Error("UNIQUE constraint failed");
      }),
    ).rejects.toThrow("UNIQUE");
    expect(calls).toBe(1);
  });

  it("recognises SQLITE_BUSY wrapped by drizzle, and by a Hrana server's error code", () => {
    expect(isBusyError(new Error("Failed query: insert …", { cause: busy() }))).toBe(true);
    expect(isBusyError(Object.assign(new Error("locked"), { code: "SQLITE_BUSY_SNAPSHOT" }))).toBe(true);
    expect(isBusyError(new Error("FOREIGN KEY constraint failed"))).toBe(false);
  });
});
