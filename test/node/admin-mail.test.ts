/**
 * The admin outbox: a mail that did not arrive is seen (on /admin/mail and the admin
 * home), sent again or stopped, over a real SMTP server on loopback.
 */
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, outboxMail } from "../../src/db/schema";
import { startSession } from "../../src/services/auth";
import { deliverDueMail, enqueueMail, MAX_ATTEMPTS, retryDelayMs, type NewMail } from "../../src/services/mail";
import { parseMessage, startSmtp } from "../support/smtp";
import { Browser, createTestApp, createUser, type TestApp } from "./helpers";

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let adminId: string;
let officerId: string;

beforeAll(async () => {
  t = await createTestApp();
  smtp = await startSmtp();
  adminId = await createUser(t, { role: "admin", username: "admin", password: "Admin#2567pw" });
  officerId = await createUser(t, { role: "officer", username: "officer", password: "Officer#2567pw" });
  // The password form itself, once; the tests move the clock by hours, so they sign in afresh below.
  expect((await new Browser(t).login("admin", "Admin#2567pw")).status).toBe(303);
}, 30_000);
afterAll(async () => {
  await smtp.close();
  t.close();
});

/** A browser signed in now (as after the sign-in form), holding its CSRF token. */
async function signedIn(userId: string): Promise<Browser> {
  const b = new Browser(t);
  const session = await startSession(t.db, t.clock.now(), { userId, previousToken: null, ip: "127.0.0.1", userAgent: null, method: "password" });
  b.cookies.set("tidtam_s", session.token);
  await b.get("/contact");
  return b;
}
let n = 0;
const mail = (extra: Partial<NewMail> = {}): NewMail => {
  n++;
  return { to: `user${n}@example.go.th`, subject: `เรื่องทดสอบที่ ${n}`, text: `เนื้อหาทดสอบที่ ${n}`, ...extra };
};
const enqueue = (m: NewMail) => t.db.transaction((tx) => enqueueMail(tx, t.clock.now(), m));
const rowOf = async (id: string) => (await t.db.select().from(outboxMail).where(eq(outboxMail.id, id)))[0]!;
const deliver = () => deliverDueMail({ db: t.db, mail: smtp.transport, mailFrom: t.deps.config.mailFrom }, t.clock.now());
const receivedIds = () => smtp.received.map((m) => parseMessage(m.raw).header("message-id"));
const auditOf = (action: string, id: string) =>
  t.db.select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.subjectId, id)));

/** Every attempt refused by the SMTP server (451) until the outbox gives up. */
async function failForGood(m: NewMail): Promise<string> {
  const id = await enqueue(m);
  smtp.state.reject = true;
  try {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await deliver();
      t.clock.advance(retryDelayMs(attempt));
    }
  } finally {
    smtp.state.reject = false;
  }
  expect(await rowOf(id)).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
  return id;
}

/** The `<tr>` of one mail on the page, or undefined. */
function rowHtml(page: string, id: string): string | undefined {
  return new RegExp(`<tr class="mail-row" id="mail-${id}">[\\s\\S]*?</tr>`).exec(page)?.[0];
}

describe("GET /admin/mail and retry", () => {
  it("shows a mail that failed for good with its error, warns on the admin home, and delivers it once retried", async () => {
    const id = await failForGood(mail({ kind: "password_reset" }));
    const admin = await signedIn(adminId);

    const home = await admin.get("/admin");
    expect(home.text).toContain("มีอีเมลที่ส่งไม่สำเร็จ 1 ฉบับ");
    expect(home.text).toContain('href="/admin/mail?status=failed"');

    const page = await admin.get("/admin/mail?status=failed");
    expect(page.status).toBe(200);
    const row = rowHtml(page.text, id);
    expect(row).toBeDefined();
    expect(row).toContain("ส่งไม่สำเร็จ");
    expect(row).toContain("ลิงก์ตั้งรหัสผ่านใหม่");
    expect(row).toContain("451");
    expect(row).toContain(`>${MAX_ATTEMPTS}<`);
    expect(row).toContain(`action="/admin/mail/${id}/retry?status=failed"`);

    const retried = await admin.post(`/admin/mail/${id}/retry?status=failed`, {});
    expect(retried.status).toBe(303);
    expect(retried.location).toBe("/admin/mail?status=failed");
    const after = await admin.get(retried.location!);
    expect(after.text).toContain("นำอีเมลกลับเข้าคิวส่งแล้ว");
    expect(rowHtml(after.text, id)).toBeUndefined();

    const queued = await rowOf(id);
    expect(queued).toMatchObject({ status: "pending", attempts: 0, leaseUntil: null });
    expect(queued.nextAttemptAt).toEqual(t.clock.now());
    expect(queued.lastError).toContain("451");
    const [event] = await auditOf("mail.retried", id);
    expect(event).toMatchObject({ subjectType: "mail", data: { from: "failed", to: "pending" } });
    expect((await admin.get("/admin")).text).not.toContain("มีอีเมลที่ส่งไม่สำเร็จ");

    await deliver();
    expect(receivedIds()).toContain(`<${id}@tidtam>`);
    expect(await rowOf(id)).toMatchObject({ status: "sent", attempts: 1, lastError: null });
  });

  it("lists newest first, 50 a page, filtered by status and by a part of the recipient's address", async () => {
    const admin = await signedIn(adminId);
    const base = t.clock.now().getTime();
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < 55; i++) await enqueueMail(tx, new Date(base + i * 1000), { to: `bulk${i}@page.example`, subject: `หน้า ${i}`, text: "-" });
      await enqueueMail(tx, new Date(base), { to: "odd%_name@page.example", subject: "ชื่อแปลก", text: "-" });
    });
    const first = await admin.get("/admin/mail?to=PAGE.example");
    expect(first.text).toContain("พบ 56 ฉบับ");
    expect(first.text.match(/class="mail-row"/g)).toHaveLength(50);
    expect(first.text.indexOf("bulk54@")).toBeLessThan(first.text.indexOf("bulk53@"));
    expect(first.text).toContain('href="/admin/mail?to=PAGE.example&amp;page=2"');
    const second = await admin.get("/admin/mail?to=PAGE.example&page=2");
    expect(second.text.match(/class="mail-row"/g)).toHaveLength(6);
    expect(second.text).toContain('value="PAGE.example"');

    // % and _ are characters to find, not wildcards.
    const odd = await admin.get(`/admin/mail?to=${encodeURIComponent("%_")}`);
    expect(odd.text.match(/class="mail-row"/g)).toHaveLength(1);
    expect(odd.text).toContain("odd%_name@page.example");

    const sent = await admin.get("/admin/mail?status=sent&to=page.example");
    expect(sent.text).toContain("พบ 0 ฉบับ");
    // An unreadable filter is ignored rather than refused: it is only a view.
    expect((await admin.get("/admin/mail?status=nonsense&page=-3")).status).toBe(200);
    // Out of the way of the deliveries of the tests after this one.
    await t.db.update(outboxMail).set({ status: "cancelled" }).where(like(outboxMail.to, "%@page.example"));
  });
});

describe("POST /admin/mail/:id/cancel", () => {
  it("stops a pending mail: it is never delivered, and the audit says who stopped it", async () => {
    const admin = await signedIn(adminId);
    const id = await enqueue(mail());
    const res = await admin.post(`/admin/mail/${id}/cancel`, {});
    expect(res.status).toBe(303);
    expect(res.location).toBe("/admin/mail");
    expect((await admin.get("/admin/mail")).text).toContain("ยกเลิกการส่งอีเมลแล้ว");
    expect(await rowOf(id)).toMatchObject({ status: "cancelled", attempts: 0 });
    expect(await auditOf("mail.cancelled", id)).toHaveLength(1);

    t.clock.advance(24 * 3600_000);
    await deliver();
    expect(receivedIds()).not.toContain(`<${id}@tidtam>`);
    expect((await rowOf(id)).status).toBe("cancelled");
  });

  it("stops a failed mail, which a retry can then send after all", async () => {
    const id = await failForGood(mail());
    const admin = await signedIn(adminId);
    expect((await admin.post(`/admin/mail/${id}/cancel`, {})).status).toBe(303);
    await deliver();
    expect(receivedIds()).not.toContain(`<${id}@tidtam>`);
    expect((await admin.post(`/admin/mail/${id}/retry`, {})).status).toBe(303);
    await deliver();
    expect(receivedIds()).toContain(`<${id}@tidtam>`);
  });
});

describe("refusals", () => {
  it("answers 409 in Thai, keeping the list and its filters, when the mail's status does not allow the action; 404 for an unknown id", async () => {
    const admin = await signedIn(adminId);
    const pending = await enqueue(mail());
    const sending = await enqueue(mail());
    await t.db
      .update(outboxMail)
      .set({ status: "sending", leaseUntil: new Date(t.clock.now().getTime() + 60_000) })
      .where(eq(outboxMail.id, sending));
    const cases: [string, string, string][] = [
      [pending, "retry", "ส่งอีเมลนี้ใหม่ไม่ได้"],
      [sending, "retry", "ส่งอีเมลนี้ใหม่ไม่ได้"],
      [sending, "cancel", "ยกเลิกอีเมลนี้ไม่ได้"],
    ];
    for (const [id, action, message] of cases) {
      const before = await rowOf(id);
      const res = await admin.post(`/admin/mail/${id}/${action}?status=pending`, {});
      expect(res.status, `${action} of a ${before.status} mail`).toBe(409);
      expect(res.text).toContain(message);
      expect(res.text).toContain('<option value="pending" selected="">');
      expect(await rowOf(id)).toEqual(before);
    }
    await admin.post(`/admin/mail/${pending}/cancel`, {});
    const again = await admin.post(`/admin/mail/${pending}/cancel`, {});
    expect(again.status).toBe(409);
    expect(await auditOf("mail.cancelled", pending)).toHaveLength(1);

    expect((await admin.post("/admin/mail/no-such-mail/retry", {})).status).toBe(404);
    expect((await admin.post("/admin/mail/no-such-mail/cancel", {})).status).toBe(404);
  });

  it("lets no one but an admin see the outbox or change it", async () => {
    const id = await failForGood(mail());
    const admin = await signedIn(adminId);
    const officer = await signedIn(officerId);
    expect((await officer.get("/admin/mail")).status).toBe(403);
    expect((await officer.post(`/admin/mail/${id}/retry`, {})).status).toBe(403);
    expect((await officer.post(`/admin/mail/${id}/cancel`, {})).status).toBe(403);
    expect((await rowOf(id)).status).toBe("failed");
    expect((await officer.get("/admin")).status).toBe(403);

    const stranger = await new Browser(t).get("/admin/mail?status=failed");
    expect(stranger.status).toBe(303);
    expect(stranger.location).toBe(`/login?next=${encodeURIComponent("/admin/mail?status=failed")}`);
    // Leave nothing failed for the tests after this one.
    expect((await admin.post(`/admin/mail/${id}/cancel`, {})).status).toBe(303);
  });
});

describe("mail that carries a temporary password", () => {
  it("never shows its body, before or after sending; other mail can be read in a <details>", async () => {
    const admin = await signedIn(adminId);
    const secret = "Tmp-Pass-8f3Kq2";
    const redacted = await enqueue(mail({ subject: "บัญชีผู้ใช้ใหม่", text: `รหัสผ่านชั่วคราว: ${secret}`, redactAfterSend: true, kind: "credentials", userId: "user-123" }));
    const plain = await enqueue(mail({ text: "ข้อความที่อ่านได้ <b>ตัวหนา</b>" }));

    for (const stage of ["pending", "sent"]) {
      const page = await admin.get("/admin/mail");
      expect(page.text, stage).not.toContain(secret);
      const row = rowHtml(page.text, redacted)!;
      expect(row).toContain("บัญชีผู้ใช้ใหม่");
      expect(row).toContain("รหัสผ่านชั่วคราว");
      expect(row).toContain("ไม่แสดงเนื้อหา");
      expect(row).toContain('href="/staff/user-123"');
      expect(row).not.toContain("<details>");
      const other = rowHtml(page.text, plain)!;
      expect(other).toContain("<details>");
      expect(other).toContain("ข้อความที่อ่านได้ &lt;b&gt;ตัวหนา&lt;/b&gt;");
      await deliver();
    }
    expect((await rowOf(redacted)).status).toBe("sent");
  });
});
