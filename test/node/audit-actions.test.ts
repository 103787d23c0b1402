import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ACTION_KEYS } from "../../src/domain/academic";
import { AUDIT_ACTION_LABEL, auditActionLabel } from "../../src/messages/audit-actions";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith(".test.ts") ? [path] : [];
  });
}

/** Actions built from a template: each template and the actions it can produce. */
const TEMPLATES: Record<string, string[]> = {
  "request.${action}": ACTION_KEYS.map((a) => `request.${a}`),
  "eservice.step.${review.decision}": ["eservice.step.approve", "eservice.step.return"],
  "eservice.${slot.kind}_uploaded": ["eservice.icon_uploaded", "eservice.auth_letter_uploaded"],
};

function recordedActions() {
  const literal = new Set<string>();
  const templates = new Set<string>();
  for (const file of [...sources("src"), ...sources("scripts")]) {
    const text = readFileSync(file, "utf8");
    if (!text.includes("recordAudit(")) continue;
    for (const m of text.matchAll(/\baction:\s*"([^"]+)"/g)) literal.add(m[1]!);
    for (const m of text.matchAll(/\baction:\s*`([^`]+)`/g)) templates.add(m[1]!);
  }
  return { literal, templates };
}

describe("audit action labels", () => {
  it("labels every action recorded in src/ and scripts/", () => {
    const { literal, templates } = recordedActions();
    expect(literal.size).toBeGreaterThan(20);
    for (const t of templates) expect(Object.keys(TEMPLATES), `new action template ${t}: list what it produces in TEMPLATES`).toContain(t);
    const all = [...literal, ...[...templates].flatMap((t) => TEMPLATES[t] ?? [])];
    expect(all.filter((a) => !Object.hasOwn(AUDIT_ACTION_LABEL, a))).toEqual([]);
  });

  it("labels the actions other parts of issue 15 record", () => {
    for (const a of ["university.created", "staff.role_changed", "user.password_reset", "mail.cancelled", "pid.viewed"]) {
      expect(auditActionLabel(a)).not.toBe(a);
    }
  });

  it("shows an unknown action as it was recorded", () => {
    expect(auditActionLabel("something.new")).toBe("something.new");
    expect(auditActionLabel("toString")).toBe("toString");
    expect(auditActionLabel("request.receive")).toBe("เปลี่ยนสถานะคำขอ: รับเรื่อง");
  });
});
