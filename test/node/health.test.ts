import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outboxMail } from "../../src/db/schema";
import { enqueueMail } from "../../src/services/mail";
import { createTestApp, type TestApp } from "./helpers";

const MIN = 60_000;
const SECRET_MAIL = { to: "private.person@example.go.th", subject: "รหัสผ่านชั่วคราวของท่าน", text: "รหัสผ่าน: Tmp-123" };

async function get(t: TestApp, path: string) {
  const res = await t.app.request(path);
  const text = await res.text();
  expect(res.headers.get("cache-control")).toBe("no-store");
  // Public figures: nothing about who the mail is for or what it says.
  expect(text).not.toContain("private.person");
  expect(text).not.toContain("Tmp-123");
  return { status: res.status, body: JSON.parse(text) as Record<string, unknown> };
}

describe("GET /healthz", () => {
  it("answers 200 with ok, db ok and the outbox figures when the database answers", async () => {
    const t = await createTestApp();
    expect(await get(t, "/healthz")).toEqual({ status: 200, body: { ok: true, db: "ok", mail: { failed: 0, stuck: false, oldestDueMinutes: 0 } } });
    t.close();
  });

  it("answers 503 when the database is gone", async () => {
    const t = await createTestApp();
    t.close();
    const res = await t.app.request("/healthz");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false, db: "error" });
    const mail = await t.app.request("/healthz/mail");
    expect(mail.status).toBe(503);
    expect(await mail.json()).toEqual({ ok: false, db: "error" });
  });

  it("stays 200 on a mail problem (load balancers must not drop the app for it), reporting it in its figures", async () => {
    const t = await createTestApp();
    const id = await enqueueMail(t.db, t.clock.now(), SECRET_MAIL);
    await t.db.update(outboxMail).set({ status: "failed", attempts: 10 }).where(eq(outboxMail.id, id));
    await enqueueMail(t.db, t.clock.now(), SECRET_MAIL);
    t.clock.advance(20 * MIN);
    expect(await get(t, "/healthz")).toEqual({ status: 200, body: { ok: true, db: "ok", mail: { failed: 1, stuck: true, oldestDueMinutes: 20 } } });
    t.close();
  });
});

describe("GET /healthz/mail", () => {
  it("answers 200 when nothing failed and nothing waits too long, and counts cancelled and sent mail as fine", async () => {
    const t = await createTestApp();
    expect(await get(t, "/healthz/mail")).toEqual({ status: 200, body: { ok: true, failed: 0, stuck: false, oldestDueMinutes: 0 } });
    const cancelled = await enqueueMail(t.db, t.clock.now(), SECRET_MAIL);
    const sent = await enqueueMail(t.db, t.clock.now(), SECRET_MAIL);
    await t.db.update(outboxMail).set({ status: "cancelled" }).where(eq(outboxMail.id, cancelled));
    await t.db.update(outboxMail).set({ status: "sent", sentAt: t.clock.now() }).where(eq(outboxMail.id, sent));
    t.clock.advance(60 * MIN);
    expect((await get(t, "/healthz/mail")).status).toBe(200);
    t.close();
  });

  it("answers 503 while a mail has failed for good, 200 again once it is dealt with", async () => {
    const t = await createTestApp();
    const id = await enqueueMail(t.db, t.clock.now(), SECRET_MAIL);
    await t.db.update(outboxMail).set({ status: "failed", attempts: 10, lastError: "451 mailbox busy" }).where(eq(outboxMail.id, id));
    expect(await get(t, "/healthz/mail")).toEqual({ status: 503, body: { ok: false, failed: 1, stuck: false, oldestDueMinutes: 0 } });
    await t.db.update(outboxMail).set({ status: "cancelled" }).where(eq(outboxMail.id, id));
    expect((await get(t, "/healthz/mail")).status).toBe(200);
    t.close();
  });

  it("answers 503 once a due mail has waited more than 15 minutes (nobody is sending)", async () => {
    const t = await createTestApp();
    await enqueueMail(t.db, t.clock.now(), SECRET_MAIL);
    // Not due yet: a retry scheduled later waits legitimately.
    await enqueueMail(t.db, new Date(t.clock.now().getTime() + 60 * MIN), SECRET_MAIL);
    t.clock.advance(15 * MIN);
    expect(await get(t, "/healthz/mail")).toEqual({ status: 200, body: { ok: true, failed: 0, stuck: false, oldestDueMinutes: 15 } });
    t.clock.advance(1 * MIN);
    expect(await get(t, "/healthz/mail")).toEqual({ status: 503, body: { ok: false, failed: 0, stuck: true, oldestDueMinutes: 16 } });
    t.close();
  });

  it("answers 503 when a sender's lease ran out more than 15 minutes ago (it crashed mid-send)", async () => {
    const t = await createTestApp();
    const id = await enqueueMail(t.db, t.clock.now(), SECRET_MAIL);
    await t.db
      .update(outboxMail)
      .set({ status: "sending", attempts: 1, leaseUntil: new Date(t.clock.now().getTime() + 5 * MIN) })
      .where(eq(outboxMail.id, id));
    t.clock.advance(20 * MIN);
    expect(await get(t, "/healthz/mail")).toMatchObject({ status: 200, body: { ok: true, stuck: false } });
    t.clock.advance(1 * MIN);
    expect(await get(t, "/healthz/mail")).toEqual({ status: 503, body: { ok: false, failed: 0, stuck: true, oldestDueMinutes: 0 } });
    t.close();
  });
});
