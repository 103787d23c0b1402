import { describe, expect, it } from "vitest";
import { mayExport } from "./exports";

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
