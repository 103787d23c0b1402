/**
 * `npm run admin:create` on an empty embedded database, as a real deployment
 * starts: the first admin with temporary credentials, a refusal to make a second
 * one silently, and the password sent by mail instead of printed when mail is set up.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { adminCreate } from "../../scripts/admin-create";
import { auditEvents, outboxMail, users } from "../../src/db/schema";
import { createNodeDb, nodePasswordKdf } from "../../src/platform/node";
import { createAdmin } from "../../src/services/admins";
import { verifyPassword } from "../../src/services/password";
import { Browser, createTestApp } from "./helpers";

let env: Record<string, string>;
let lines: string[];
const log = (line: string) => lines.push(line);
const FIRST = ["--username", "somchai.a", "--email", "somchai@agency.go.th", "--name", "สมชาย ผู้ดูแล"];

beforeEach(() => {
  env = { DATABASE_URL: `file:${join(mkdtempSync(join(tmpdir(), "tidtam-admin-")), "tidtam.db")}`, APP_URL: "https://tidtam.example.go.th" };
  lines = [];
});

async function rows() {
  const { db, client } = await createNodeDb(env.DATABASE_URL!);
  try {
    return { users: await db.select().from(users), audit: await db.select().from(auditEvents), mail: await db.select().from(outboxMail) };
  } finally {
    client.close();
  }
}

describe("npm run admin:create", () => {
  it("makes the first admin of an empty database with a temporary password shown once and a forced first sign-in", async () => {
    expect(await adminCreate(FIRST, env, log)).toBe(0);
    const password = /แสดงครั้งเดียว.*: (\S+)$/m.exec(lines.join("\n"))?.[1];
    expect(password).toMatch(/^[A-Za-z2-9]{12}$/);
    expect(lines.join("\n")).toContain("https://tidtam.example.go.th/login");
    const { users: all, audit, mail } = await rows();
    expect(all).toHaveLength(1);
    const admin = all[0]!;
    expect(admin).toMatchObject({ role: "admin", username: "somchai.a", usernameLower: "somchai.a", email: "somchai@agency.go.th", displayName: "สมชาย ผู้ดูแล", mustChangePassword: true });
    expect(admin.passwordExpiresAt!.getTime() - admin.createdAt.getTime()).toBe(7 * 86_400_000);
    expect(await verifyPassword(nodePasswordKdf, password!, admin.passwordHash!)).toBe(true);
    expect(audit.filter((e) => e.action === "admin.created" && e.subjectId === admin.id)).toHaveLength(1);
    expect(mail).toHaveLength(0);
  });

  it("refuses a second admin unless asked for another, and never reuses a username", async () => {
    expect(await adminCreate(FIRST, env, log)).toBe(0);
    lines = [];
    expect(await adminCreate(["--username", "somying.b", "--email", "somying@agency.go.th"], env, log)).toBe(1);
    expect(lines.join("\n")).toContain("มีผู้ดูแลระบบอยู่แล้ว");
    expect((await rows()).users).toHaveLength(1);
    expect(await adminCreate(["--username", "SomChai.A", "--email", "x@agency.go.th", "--another"], env, log)).toBe(1);
    expect(lines.join("\n")).toContain("มีผู้ใช้แล้ว");
    expect(await adminCreate(["--username", "somying.b", "--email", "somying@agency.go.th", "--another"], env, log)).toBe(0);
    expect((await rows()).users.map((u) => u.username).sort()).toEqual(["somchai.a", "somying.b"]);
  });

  it("explains bad arguments in Thai and writes nothing", async () => {
    expect(await adminCreate(["--username", "a b", "--email", "not-an-email"], env, log)).toBe(2);
    expect(lines.join("\n")).toContain("--username: ใช้ได้เฉพาะ a-z, A-Z, 0-9, _ และ . เท่านั้น");
    expect(lines.some((l) => l.startsWith("--email:"))).toBe(true);
    expect(await adminCreate(["--username"], env, log)).toBe(2);
    // Refused before the database is even opened.
    expect(existsSync(env.DATABASE_URL!.slice("file:".length))).toBe(false);
  });

  it("sends the temporary password by mail instead of printing it when a mail transport is configured", async () => {
    expect(await adminCreate(FIRST, { ...env, SMTP_URL: "smtp://127.0.0.1:2525" }, log)).toBe(0);
    expect(lines.join("\n")).not.toMatch(/แสดงครั้งเดียว/);
    expect(lines.join("\n")).toContain("ส่งรหัสผ่านชั่วคราวทางอีเมลถึง somchai@agency.go.th");
    const { mail } = await rows();
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ to: "somchai@agency.go.th", status: "pending" });
    expect(mail[0]!.text).toContain("ชื่อผู้ใช้ชั่วคราว: somchai.a");
    expect(mail[0]!.text).toContain("https://tidtam.example.go.th/login");
  });
});

afterEach(() => {
  lines = [];
});

describe("the first admin's first sign-in", () => {
  it("goes through the forced set-up to the admin pages", async () => {
    const t = await createTestApp();
    try {
      const made = await createAdmin(t.db, { kdf: nodePasswordKdf, now: t.clock.now(), appUrl: t.deps.config.appUrl, mails: false }, { username: "first.admin", email: "admin@agency.go.th", displayName: "ผู้ดูแลระบบ", another: false });
      if (!made.ok || !made.password) throw new Error("no admin");
      const admin = new Browser(t);
      expect((await admin.login("first.admin", made.password)).location).toBe("/account/setup");
      const setupPage = await admin.get("/account/setup");
      // No menu links that would only bounce back here; signing out stays.
      expect(setupPage.text).not.toContain('href="/admin/universities"');
      expect(setupPage.text).not.toContain('href="/account"');
      expect(setupPage.text).not.toContain('href="/contact"');
      expect(setupPage.text).toContain('action="/logout"');
      const setup = await admin.post("/account/setup", { username: "somchai.admin", password: "Somchai#2569ok", confirmPassword: "Somchai#2569ok" });
      expect(setup.status).toBe(303);
      const home = await admin.get("/admin");
      expect(home.status).toBe(200);
      expect(home.text).toContain('href="/account"');
    } finally {
      t.close();
    }
  });
});
