import { describe, expect, it } from "vitest";
import { isDownloadable, isExpired, isWriting, mayExport } from "./exports";

describe("who may export what", () => {
  it("gives the request list to officers and admins, the audit trail to admins only", () => {
    expect(mayExport("officer", "requests")).toBe(true);
    expect(mayExport("admin", "requests")).toBe(true);
    expect(mayExport("university", "requests")).toBe(false);
    expect(mayExport("admin", "audit")).toBe(true);
    expect(mayExport("officer", "audit")).toBe(false);
    expect(mayExport("applicant", "audit")).toBe(false);
    expect(mayExport(undefined, "requests")).toBe(false);
  });
});

describe("a background export's life", () => {
  const now = new Date("2026-12-02T00:00:00Z");
  const later = new Date("2026-12-03T00:00:00Z");

  it("is written while queued or running, and only a done job that has not expired gives its file", () => {
    expect(["queued", "running", "done", "failed", "expired"].filter((s) => isWriting(s as never))).toEqual(["queued", "running"]);
    expect(isDownloadable({ status: "done", expiresAt: later }, now)).toBe(true);
    expect(isDownloadable({ status: "running", expiresAt: later }, now)).toBe(false);
    expect(isDownloadable({ status: "failed", expiresAt: later }, now)).toBe(false);
    // Past its day, even before the sweep marks it.
    expect(isDownloadable({ status: "done", expiresAt: now }, now)).toBe(false);
    expect(isExpired({ status: "done", expiresAt: now }, now)).toBe(true);
    expect(isExpired({ status: "expired", expiresAt: later }, now)).toBe(true);
  });
});
