import { createServer, type AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { outboxMail } from "../../src/db/schema";
import { runScheduled } from "../../src/jobs";
import type { MailTransport } from "../../src/platform/ports";
import { createSmtpTransport } from "../../src/platform/node/mail";
import { deliverDueMail, enqueueMail, MAX_ATTEMPTS, retryDelayMs, type NewMail } from "../../src/services/mail";
import { parseMessage, startSmtp } from "../support/smtp";
import { Browser, createTestApp, createUser, type TestApp } from "./helpers";


/** A loopback port with nothing listening on it: SMTP is down. */
async function deadPort() {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeEach(async () => {
  t = await createTestApp();
  smtp = await startSmtp();
});
afterEach(async () => {
  await smtp.close();
  t.close();
});

const welcome: NewMail = {
  to: "somchai@example.ac.th",
  subject: "ยืนยันการสมัครตำแหน่งทางวิชาการ",
  text: "เรียน คุณสมชาย\n\nระบบได้รับคำขอของท่านแล้ว เลขที่คำขอ ๒๕๖๙/๐๑๗\nขอบคุณครับ",
};

const enqueue = (mail: NewMail = welcome) => t.db.transaction((tx) => enqueueMail(tx, t.clock.now(), mail));
const rowOf = async (id: string) => (await t.db.select().from(outboxMail).where(eq(outboxMail.id, id)))[0]!;
const allRows = () => t.db.select().from(outboxMail);
const deliver = (mail: MailTransport | null = smtp.transport) => deliverDueMail({ db: t.db, mail, mailFrom: t.deps.config.mailFrom }, t.clock.now());

describe("the mail outbox over real SMTP", () => {
  it("delivers a mail committed with its change: the recipient reads the Thai subject and body, the row is sent", async () => {
    const id = await enqueue();
    expect(await deliver()).toEqual({ sent: 1, failed: 0 });

    expect(smtp.received).toHaveLength(1);
    const [got] = smtp.received;
    expect(got!.to).toEqual(["somchai@example.ac.th"]);
    const message = parseMessage(got!.raw);
    expect(got!.raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
    expect(message.header("subject")).toBe("ยืนยันการสมัครตำแหน่งทางวิชาการ");
    expect(message.text.replace(/\r\n/g, "\n").trimEnd()).toBe(welcome.text);
    expect(message.header("message-id")).toBe(`<${id}@tidtam>`);

    const row = await rowOf(id);
    expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: null, leaseUntil: null });
    expect(row.sentAt).toEqual(t.clock.now());
  });

  it("never sends mail for a change that rolled back", async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await enqueueMail(tx, t.clock.now(), welcome);
        throw new Error("the change failed after the mail was queued");
      }),
    ).rejects.toThrow("the change failed");

    expect(await allRows()).toEqual([]);
    expect(await deliver()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toEqual([]);
  });

  it("keeps the mail when SMTP is down and retries it once, after the back-off, when SMTP is back", async () => {
    const id = await enqueue();
    const down = createSmtpTransport(`smtp://127.0.0.1:${await deadPort()}`);
    const failedAt = t.clock.now();
    expect(await deliver(down)).toEqual({ sent: 0, failed: 1 });
    down.close();

    const row = await rowOf(id);
    expect(row).toMatchObject({ status: "pending", attempts: 1, sentAt: null });
    expect(row.lastError).toBeTruthy();
    expect(row.nextAttemptAt).toEqual(new Date(failedAt.getTime() + retryDelayMs(1)));

    t.clock.advance(retryDelayMs(1) - 1);
    expect(await deliver()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(0);

    t.clock.advance(1);
    expect(await deliver()).toEqual({ sent: 1, failed: 0 });
    expect(await deliver()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(await rowOf(id)).toMatchObject({ status: "sent", attempts: 2, lastError: null });
  });

  it("sends each mail exactly once when delivery runs twice in a row", async () => {
    const ids = [await enqueue(), await enqueue({ ...welcome, to: "somying@example.ac.th" })];
    expect(await deliver()).toEqual({ sent: 2, failed: 0 });
    expect(await deliver()).toEqual({ sent: 0, failed: 0 });

    const messageIds = smtp.received.map((m) => parseMessage(m.raw).header("message-id"));
    expect(messageIds.sort()).toEqual(ids.map((id) => `<${id}@tidtam>`).sort());
  });

  it("sends each mail exactly once when two schedulers deliver at the same moment", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await enqueue({ ...welcome, to: `user${i}@example.ac.th` }));
    const [a, b] = await Promise.all([deliver(), deliver()]);
    expect(a!.sent + b!.sent).toBe(5);
    expect(a!.failed + b!.failed).toBe(0);

    const messageIds = smtp.received.map((m) => parseMessage(m.raw).header("message-id"));
    expect(messageIds.sort()).toEqual(ids.map((id) => `<${id}@tidtam>`).sort());
    for (const row of await allRows()) expect(row).toMatchObject({ status: "sent", attempts: 1 });
  });

  it(`gives up after ${MAX_ATTEMPTS} refused attempts and never tries again`, async () => {
    const id = await enqueue();
    smtp.state.reject = true;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await deliver()).toEqual({ sent: 0, failed: 1 });
      const row = await rowOf(id);
      expect(row).toMatchObject({ attempts: attempt, status: attempt < MAX_ATTEMPTS ? "pending" : "failed" });
      expect(row.lastError).toContain("451");
      t.clock.advance(retryDelayMs(attempt));
    }

    smtp.state.reject = false;
    t.clock.advance(24 * 3600_000);
    expect(await deliver()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toEqual([]);
    expect(await rowOf(id)).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, sentAt: null });
  });

  it("is delivered by the every-minute scheduled job, as in production", async () => {
    const id = await enqueue();
    const result = await runScheduled("* * * * *", { db: t.db, clock: t.clock, mail: smtp.transport, mailFrom: t.deps.config.mailFrom, appUrl: t.deps.config.appUrl });
    expect(result).toEqual({ ran: ["deliver-mail-and-sweep"], failed: [] });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.from).toBe(t.deps.config.mailFrom.replace(/^.*<([^>]+)>.*$/, "$1"));
    expect((await rowOf(id)).status).toBe("sent");
  });
});

describe("GET /dev/mail without SMTP", () => {
  it("keeps mail waiting and shows it to an admin only; an officer gets 403 and a stranger is sent to sign in", async () => {
    await createUser(t, { role: "admin", username: "admin", password: "Admin#2567" });
    await createUser(t, { role: "officer", username: "officer", password: "Officer#2567" });
    const id = await enqueue();
    expect(await deliver(null)).toEqual({ sent: 0, failed: 0 });
    expect(await rowOf(id)).toMatchObject({ status: "pending", attempts: 0 });

    const admin = new Browser(t);
    await admin.login("admin", "Admin#2567");
    const page = await admin.get("/dev/mail");
    expect(page.status).toBe(200);
    expect(page.text).toContain("กล่องจดหมายออก");
    expect(page.text).toContain("ยืนยันการสมัครตำแหน่งทางวิชาการ");
    expect(page.text).toContain("somchai@example.ac.th");
    expect(page.text).toContain("รอส่ง");

    const officer = new Browser(t);
    await officer.login("officer", "Officer#2567");
    expect((await officer.get("/dev/mail")).status).toBe(403);

    const stranger = await new Browser(t).get("/dev/mail");
    expect(stranger.status).toBe(303);
    expect(stranger.location).toBe("/login?next=%2Fdev%2Fmail");
    expect(smtp.received).toEqual([]);
  });
});
