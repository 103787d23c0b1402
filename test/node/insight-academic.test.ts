import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { academicRequests, requestEvents, universities } from "../../src/db/schema";
import type { Position, RequestStatus } from "../../src/domain/academic";
import { academicOverview, backlog, processingTimes, statusTimesCached, waitingLongest, weeklyFlow } from "../../src/services/insight-academic";
import { streamBytes } from "../../src/services/xlsx/write";
import { readWorkbook } from "../../src/services/xlsx/read";
import type { SessionUser } from "../../src/services/session";
import { Browser, contextFor, createTestApp, createUser, type TestApp } from "./helpers";

const DAY = 86_400_000;
let t: TestApp;
let now: number;
let seq = 0;

interface Stay {
  status: RequestStatus;
  days: number;
  kind?: "status" | "queue";
}

/** A request with its timeline: each stay lasts `days`, starting `startDaysAgo` ago; the last stay's status is the request's. */
async function request(opts: { uni?: string; position?: Position; startDaysAgo: number; stays: Stay[]; finishAfter?: boolean }) {
  const id = `req-${++seq}`;
  let at = now - opts.startDaysAgo * DAY;
  const events: (typeof requestEvents.$inferInsert)[] = [];
  for (const stay of opts.stays) {
    events.push({ requestId: id, at: new Date(at), kind: stay.kind ?? "status", status: stay.status, label: stay.status });
    at += stay.days * DAY;
  }
  const last = opts.stays[opts.stays.length - 1]!;
  // The current status began at the first event of the last run in it (a queue move continues a stay).
  let statusSince = events[events.length - 1]!.at;
  for (let i = events.length - 1; i >= 0 && events[i]!.status === last.status; i--) statusSince = events[i]!.at;
  const finished = opts.finishAfter ? at : null;
  if (finished !== null) events.push({ requestId: id, at: new Date(finished), kind: "status", status: "finished", label: "finished" });
  const createdAt = new Date(now - opts.startDaysAgo * DAY);
  const submittedAt = last.status === "draft" ? null : createdAt;
  await t.db.insert(academicRequests).values({
    id,
    ticketNo: `T-${seq}`,
    universityId: opts.uni ?? "u1",
    applicantPidEnc: "x",
    applicantPidHmac: `h${seq}`,
    applicantTitle: "นาย",
    applicantFirstName: `ชื่อ${seq}`,
    applicantLastName: "ทดสอบ",
    position: opts.position ?? "assistant_professor",
    fieldTh: "เคมี",
    fieldEn: "Chemistry",
    coordinatorName: "ก",
    coordinatorPhone: "021234567",
    coordinatorEmail: "c@example.com",
    status: finished !== null ? "finished" : last.status,
    statusSince: finished !== null ? new Date(finished) : statusSince,
    createdBy: "u",
    createdAt,
    submittedAt,
    finishedAt: finished !== null ? new Date(finished) : null,
    updatedAt: createdAt,
  });
  await t.db.insert(requestEvents).values(events);
  return id;
}

const officer: SessionUser = { id: "o", role: "officer", displayName: "o", username: "o", orgId: null, pidHmac: null, mustChangePassword: false };

beforeAll(async () => {
  t = await createTestApp();
  now = t.clock.now().getTime(); // Monday 2026-11-23 10:00 Bangkok
  await t.db.insert(universities).values([
    { id: "u1", code: "00100", nameTh: "มหาวิทยาลัยหนึ่ง", nameEn: "One" },
    { id: "u2", code: "00200", nameTh: "มหาวิทยาลัยสอง", nameEn: "Two" },
  ]);
  // 20 finished ผศ. requests within the year: received left and re-entered (3 days in all, a queue
  // move in between), docs_requested 3 days, committee i+1 days; doc_review and peer_review skipped.
  for (let i = 0; i < 20; i++) {
    await request({
      startDaysAgo: 100 + i,
      finishAfter: true,
      stays: [
        { status: "submitted", days: 2 },
        { status: "received", days: 1 },
        { status: "received", days: 1, kind: "queue" },
        { status: "docs_requested", days: 3 },
        { status: "received", days: 1 },
        { status: "committee", days: i + 1 },
      ],
    });
  }
  // 19 finished รศ. requests at u2: one short of a published group.
  for (let i = 0; i < 19; i++) {
    await request({ uni: "u2", position: "associate_professor", startDaysAgo: 60, finishAfter: true, stays: [{ status: "submitted", days: 5 }, { status: "committee", days: 10 }] });
  }
  // Finished over a year ago: in no 12-month figure.
  await request({ startDaysAgo: 900, finishAfter: true, stays: [{ status: "submitted", days: 2 }, { status: "committee", days: 400 }] });
  // The backlog: ages 5, 29, 30, 100 and 200 days since submission, in doc_review at u1;
  // a professor's at u2 in committee; a draft, which is not waiting.
  for (const age of [5, 29, 30, 100, 200]) await request({ startDaysAgo: age, stays: [{ status: "submitted", days: 1 }, { status: "doc_review", days: 0 }] });
  await request({ uni: "u2", position: "professor", startDaysAgo: 10, stays: [{ status: "submitted", days: 3 }, { status: "committee", days: 0 }] });
  await request({ startDaysAgo: 3, stays: [{ status: "draft", days: 0 }] });
});
afterAll(() => t.close());

describe("the backlog", () => {
  it("counts open requests by status and age since submission, each edge in the older bucket", async () => {
    const rows = await backlog(t.db, {}, new Date(now));
    expect(rows.find((r) => r.status === "doc_review")).toEqual({ status: "doc_review", total: 5, buckets: { under30: 2, "30to90": 1, "90to180": 1, over180: 1 } });
    expect(rows.find((r) => r.status === "committee")!.total).toBe(1);
    expect(rows.some((r) => (r.status as string) === "draft" || r.status === "finished")).toBe(false);
  });

  it("follows the university and position filters", async () => {
    expect((await backlog(t.db, { universityId: "u2" }, new Date(now))).map((r) => r.total).reduce((a, b) => a + b)).toBe(1);
    expect((await backlog(t.db, { position: "professor", universityId: "u1" }, new Date(now))).every((r) => r.total === 0)).toBe(true);
  });
});

describe("weekly inflow and outflow", () => {
  it("counts submissions and finishes per Bangkok week, oldest first, this week last", async () => {
    const weeks = await weeklyFlow(t.db, {}, new Date(now));
    expect(weeks).toHaveLength(26);
    // This week began today, Monday 00:00 Bangkok.
    expect(weeks[25]!.weekStart.toISOString()).toBe("2026-11-22T17:00:00.000Z");
    // Submitted 5 and 10 days ago: last week and the one before; none this week.
    expect(weeks[25]!.submitted).toBe(0);
    expect(weeks[24]!.submitted).toBe(1);
    expect(weeks[23]!.submitted).toBe(1);
    // The 19 รศ. requests were all submitted 60 days ago and finished 45 days ago.
    const total = (key: "submitted" | "finished") => weeks.reduce((n, w) => n + w[key], 0);
    // In the 26 weeks: 4 of the 5 in doc_review (not the one of 200 days), the professor's, 20 ผศ. and 19 รศ.
    expect(total("submitted")).toBe(4 + 1 + 20 + 19);
    expect(total("finished")).toBe(20 + 19);
    const u2 = await weeklyFlow(t.db, { universityId: "u2", position: "associate_professor" }, new Date(now));
    expect(u2.reduce((n, w) => n + w.finished, 0)).toBe(19);
    expect(u2.reduce((n, w) => n + w.submitted, 0)).toBe(19);
  });
});

describe("days in each status over the last 12 months", () => {
  it("sums re-entries, leaves skipped statuses out, and publishes nothing under 20", async () => {
    const { rows } = await statusTimesCached(t.db, { position: "assistant_professor" }, new Date(now));
    const of = (s: RequestStatus) => rows.find((r) => r.status === s)!;
    expect(of("received")).toEqual({ status: "received", count: 20, summary: { medianDays: 3, p80Days: 3, count: 20 } });
    expect(of("docs_requested").summary).toEqual({ medianDays: 3, p80Days: 3, count: 20 });
    expect(of("committee").summary).toEqual({ medianDays: 11, p80Days: 17, count: 20 });
    expect(of("doc_review")).toEqual({ status: "doc_review", count: 0, summary: null });
    const { rows: few } = await statusTimesCached(t.db, { universityId: "u2" }, new Date(now));
    expect(few.find((r) => r.status === "committee")).toEqual({ status: "committee", count: 19, summary: null });
  });

  it("is kept for up to an hour and says when it was computed", async () => {
    const first = await statusTimesCached(t.db, { universityId: "u1" }, new Date(now));
    const later = await statusTimesCached(t.db, { universityId: "u1" }, new Date(now + 59 * 60_000));
    expect(later.computedAt).toEqual(first.computedAt);
    const next = await statusTimesCached(t.db, { universityId: "u1" }, new Date(now + 61 * 60_000));
    expect(next.computedAt.getTime()).toBe(now + 61 * 60_000);
  });
});

describe("waiting longest", () => {
  it("lists the oldest stays in each status, at most five, oldest first", async () => {
    const groups = await waitingLongest(t.db, {}, new Date(now));
    const review = groups.find((g) => g.status === "doc_review")!.requests;
    expect(review.map((r) => r.days)).toEqual([199, 99, 29, 28, 4]);
    expect(review[0]).toMatchObject({ universityName: "มหาวิทยาลัยหนึ่ง", name: expect.stringContaining("ทดสอบ") });
    expect(groups.find((g) => g.status === "received")!.requests).toEqual([]);
    expect((await waitingLongest(t.db, { universityId: "u2" }, new Date(now))).find((g) => g.status === "doc_review")!.requests).toEqual([]);
  });

  it("is for officers and admins only", async () => {
    expect(await academicOverview(contextFor(t, { ...officer, role: "university", orgId: "u1" }), {})).toEqual({ ok: false, reason: "forbidden" });
    expect((await academicOverview(contextFor(t, officer), {})).ok).toBe(true);
  });
});

describe("public processing times", () => {
  it("gives each position's median and 80th percentile from submission to finish, nothing under 20", async () => {
    const times = await processingTimes(t.db, new Date(now));
    const of = (p: Position) => times.positions.find((x) => x.position === p)!.summary;
    // 9 + i days for i in 0..19.
    expect(of("assistant_professor")).toEqual({ medianDays: 19, p80Days: 25, count: 20 });
    expect(of("associate_professor")).toBeNull();
    expect(of("professor")).toBeNull();
  });
});

describe("the pages and exports", () => {
  it("shows the public page to anyone, with the figures, the small group withheld and the time computed", async () => {
    const page = await new Browser(t).get("/processing-times");
    expect(page.status).toBe(200);
    expect(page.text).toContain("80% ของคำขอเสร็จภายใน 25 วัน");
    expect(page.text).toContain("จากคำขอที่สิ้นสุดแล้ว 20 คำขอ");
    expect(page.text).toContain("ข้อมูลยังไม่พอ");
    expect(page.text).not.toContain("มหาวิทยาลัยหนึ่ง");
  });

  it("renders the overview with its tables, and exports the same tables as XLSX and CSV", async () => {
    await createUser(t, { role: "officer", username: "officer1", password: "Officer#2567" });
    const b = new Browser(t);
    await b.login("officer1", "Officer#2567");
    const page = await b.get("/officer/overview?university=u1&position=nonsense");
    expect(page.status).toBe(200);
    expect(page.text).toContain("<caption>งานค้างตามสถานะ");
    expect(page.text).toContain('<option value="u1" selected="">');
    expect(page.text).toContain('href="/officer/overview.xlsx?university=u1"');
    expect(page.text).toMatch(/<svg[^>]*aria-hidden="true"/);

    const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await t.app.request("http://localhost:3000/officer/overview.xlsx?university=u1", { headers: { cookie } });
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const [sheet] = readWorkbook(await streamBytes(res.body!));
    const cells = sheet!.rows.map((r) => r.cells);
    expect(cells).toContainEqual(["มหาวิทยาลัย: มหาวิทยาลัยหนึ่ง"]);
    expect(cells).toContainEqual(["อยู่ระหว่างตรวจสอบเอกสาร", "2", "1", "1", "1", "5"]);

    const csv = await t.app.request("http://localhost:3000/officer/overview.csv", { headers: { cookie } });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split("\r\n").map((l) => l.split(","));
    expect(lines).toContainEqual(["อยู่ระหว่างตรวจสอบเอกสาร", "2", "1", "1", "1", "5"]);
    expect(lines).toContainEqual(["เสนอสภามหาวิทยาลัย/กกอ.", "1", "0", "0", "0", "1"]);
  });
});
