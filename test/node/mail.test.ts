import { createServer, type AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { outboxMail } from "../../src/db/schema";
import { runScheduled } from "../../src/jobs";
import type { MailTransport } from "../../src/platform/ports";
import { createSmtpTransport } from "../../src/platform/node/mail";
import { deliverDueMail, enqueueMail, MAX_ATTEMPTS, retryDelayMs, type NewMail } from "../../src/services/mail";
import { Browser, createTestApp, createUser, type TestApp } from "./helpers";

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that keeps every message it accepts; `reject` answers RCPT with 451. */
async function startSmtp() {
  const received: Received[] = [];
  const state = { reject: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (!state.reject) return callback();
      callback(Object.assign(new Error("mailbox busy, try again later"), { responseCode: 451 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        received.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  const transport = createSmtpTransport(`smtp://127.0.0.1:${port}`);
  const close = async () => {
    transport.close();
    await new Promise<void>((resolve) => server.close(resolve));
  };
  return { port, received, state, transport, close };
}

/** A loopback port with nothing listening on it: SMTP is down. */
async function deadPort() {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Quoted-printable (and RFC 2047 "Q") to UTF-8 text. */
const fromQp = (s: string) => decodeURIComponent(s.replace(/=\r?\n/g, "").replace(/%/g, "%25").replace(/=([0-9A-F]{2})/gi, "%$1"));

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`) to text; whitespace between adjacent words is dropped. */
const decodeWords = (value: string) =>
  value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
      enc.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8") : fromQp(data.replace(/_/g, " ")),
    );

/** Just enough MIME for what nodemailer sends: headers (unfolded, decoded) and the text/plain body. */
function parseMessage(raw: string): { header: (name: string) => string | undefined; text: string } {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const body = raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.split("\r\n")) {
    const colon = line.indexOf(":");
    headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  const header = (name: string) => headers.get(name.toLowerCase());
  const boundary = /boundary="?([^";]+)"?/i.exec(header("content-type") ?? "")?.[1];
  if (boundary) {
    const parts = body.split(`--${boundary}`).slice(1, -1).map((p) => parseMessage(p.replace(/^\r\n/, "")));
    return { header, text: parts.find((p) => p.header("content-type")?.startsWith("text/plain"))?.text ?? "" };
  }
  const cte = header("content-transfer-encoding")?.toLowerCase();
  const text = cte === "base64" ? Buffer.from(body, "base64").toString("utf8") : cte === "quoted-printable" ? fromQp(body) : body;
  return { header, text };
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
    const result = await runScheduled("* * * * *", { db: t.db, clock: t.clock, mail: smtp.transport, mailFrom: t.deps.config.mailFrom });
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
