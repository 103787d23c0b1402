import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client";
import { DEMO_CITIZENS } from "../../src/db/demo-citizens";
import { academicRequests, requestDocuments, requestEvents, ticketCounters, universities } from "../../src/db/schema";
import { DEMO_UNIVERSITIES, seedAcademicDemo } from "../../src/db/seed-academic";
import { ACTION_KEYS, DOCUMENTS_FROZEN_IN, isDocumentChecked, isInQueue, STATUS_KEYS, transition, type RequestStatus } from "../../src/domain/academic";
import { isValidThaiId } from "../../src/domain/thai-id";
import { createNodeDb, migrateNodeDb } from "../../src/platform/node";
import { decryptPid, pidKeys, pidLookupHash, type PidKeys } from "../../src/services/pid-crypto";
import { queueOrder } from "../../src/services/requests";
import { TEST_DATA_KEY } from "./helpers";

const NOW = new Date("2026-11-23T03:00:00Z");
const DAY = 86_400_000;

async function freshDb() {
  const dir = mkdtempSync(join(tmpdir(), "tidtam-seed-"));
  const { db, client } = await createNodeDb(`file:${join(dir, "seed.db")}`);
  await migrateNodeDb(db);
  return { db, close: () => client.close() };
}

let db: Db;
let close: () => void;
let keys: PidKeys;
let written: number;
let requests: (typeof academicRequests.$inferSelect)[];
let events: (typeof requestEvents.$inferSelect)[];

beforeAll(async () => {
  ({ db, close } = await freshDb());
  keys = await pidKeys(TEST_DATA_KEY);
  ({ requests: written } = await seedAcademicDemo(db, keys, NOW));
  requests = await db.select().from(academicRequests);
  events = await db.select().from(requestEvents).orderBy(asc(requestEvents.at), asc(requestEvents.id));
});
afterAll(() => close());

const eventsOf = (id: string) => events.filter((e) => e.requestId === id);
const byTicket = (ticketNo: string) => requests.find((r) => r.ticketNo === ticketNo)!;

describe("the academic demo seed", () => {
  it("writes the demo universities with fixed ids and at least 30 requests", async () => {
    expect(written).toBe(requests.length);
    expect(requests.length).toBeGreaterThanOrEqual(30);
    const unis = await db.select().from(universities);
    expect(unis.length).toBeGreaterThanOrEqual(6);
    expect(unis).toContainEqual({
      id: "uni-chula",
      code: "00100",
      nameTh: "จุฬาลงกรณ์มหาวิทยาลัย",
      nameEn: "Chulalongkorn University",
      // Seeded before admins created universities: no creation date, active.
      createdAt: null,
      deactivatedAt: null,
    });
    expect(unis.find((u) => u.code === "00500")?.nameTh).toBe("มหาวิทยาลัยธรรมศาสตร์");
    expect(unis.map((u) => u.id).sort()).toEqual(DEMO_UNIVERSITIES.map((u) => u.id).sort());
    for (const u of unis) expect(requests.filter((r) => r.universityId === u.id).length, u.id).toBeGreaterThanOrEqual(3);
  });

  it("has requests in every status and for every position", () => {
    const statuses = new Set(requests.map((r) => r.status));
    for (const s of STATUS_KEYS) expect(statuses.has(s), s).toBe(true);
    const positions = new Set(requests.map((r) => r.position));
    for (const p of ["assistant_professor", "associate_professor", "professor"]) expect(positions.has(p as never), p).toBe(true);
  });

  it("contains the manual's two requests exactly, both filed under the first demo citizen", async () => {
    const chula = byTicket("2567-00100-0003");
    expect(chula).toMatchObject({
      universityId: "uni-chula",
      letterNo: "5874398/8752",
      applicantTitle: "นาย",
      applicantFirstName: "เอก",
      applicantLastName: "พลพิจิตร",
      position: "assistant_professor",
      fieldTh: "ประสาทศัลยศาสตร์",
      fieldEn: "Neurological Surgery",
      status: "doc_checked",
      receiptNo: "1548",
      coordinatorName: "เจน",
      coordinatorPhone: "087-1357910",
      coordinatorEmail: "jennie_@gek.com",
      createdBy: "seed",
    });
    expect(chula.createdAt.toISOString()).toBe("2024-08-22T00:34:00.000Z");
    expect(eventsOf(chula.id).map((e) => [e.status, e.label])).toEqual([
      ["submitted", "ยื่นคำขอ"],
      ["received", "รับเรื่อง (หมายเลขรับเอกสาร: 1548)"],
      ["doc_review", "อยู่ระหว่างตรวจสอบเอกสาร"],
      ["doc_checked", "ตรวจสอบเอกสารแล้วเสร็จ"],
    ]);
    const bangkokDay = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    for (const e of eventsOf(chula.id)) expect(bangkokDay(e.at)).toBe("2024-08-22");

    const tu = byTicket("2567-00500-0005");
    expect(tu).toMatchObject({
      universityId: "uni-tu",
      letterNo: "31657591",
      applicantFirstName: "ทศวรรษ",
      applicantLastName: "พลพิจิตร",
      position: "associate_professor",
      fieldTh: "เทคโนโลยีนิวเคลียร์",
      fieldEn: "Nuclear Technology",
      status: "submitted",
      receiptNo: null,
      queueEnteredAt: null,
      coordinatorName: "ตันนี่",
      coordinatorPhone: "02706725669",
      coordinatorEmail: "namthip.p@gmail.com",
    });
    expect(tu.createdAt.toISOString()).toBe("2024-08-26T06:17:00.000Z");
    expect(tu.submittedAt?.toISOString()).toBe("2024-08-26T06:17:00.000Z");
    expect(eventsOf(tu.id).map((e) => e.label)).toEqual(["ยื่นคำขอ"]);

    const hmac = await pidLookupHash(keys, DEMO_CITIZENS[0]!.pid);
    const mine = requests.filter((r) => r.applicantPidHmac === hmac).map((r) => r.ticketNo).sort();
    expect(mine).toEqual(["2567-00100-0003", "2567-00500-0005"]);
    expect(await decryptPid(keys, chula.applicantPidEnc)).toBe(DEMO_CITIZENS[0]!.pid);
  });

  it("puts the manual's จุฬาฯ request first in the queue, as screen 6 shows (คิวที่ 1)", async () => {
    const [first] = await queueOrder(db);
    expect(first?.id).toBe(byTicket("2567-00100-0003").id);
  });

  it("keeps the manual's real-looking coordinator addresses off every generated request", () => {
    const outside = requests.filter((r) => !/\.example\.ac\.th$/.test(r.coordinatorEmail)).map((r) => r.ticketNo).sort();
    expect(outside).toEqual(["2567-00100-0003", "2567-00500-0005"]);
  });

  it("gives the other demo citizens their own requests", async () => {
    const mine = async (i: number) => {
      const hmac = await pidLookupHash(keys, DEMO_CITIZENS[i]!.pid);
      return requests.filter((r) => r.applicantPidHmac === hmac);
    };
    const second = await mine(1);
    expect(second.length).toBeGreaterThanOrEqual(3);
    expect(second.map((r) => r.status)).toEqual(expect.arrayContaining(["finished", "docs_requested"]));
    expect(await mine(2)).toHaveLength(1);
  });

  it("files every request under a valid, decryptable national ID", async () => {
    for (const r of requests) {
      const pid = await decryptPid(keys, r.applicantPidEnc);
      expect(isValidThaiId(pid), pid).toBe(true);
      expect(r.applicantPidHmac).toBe(await pidLookupHash(keys, pid));
    }
  });

  it("numbers tickets uniquely and gaplessly per university and Buddhist year, matching ticket_counters", async () => {
    const tickets = requests.flatMap((r) => (r.ticketNo ? [r.ticketNo] : []));
    expect(new Set(tickets).size).toBe(tickets.length);
    expect(tickets).toHaveLength(requests.filter((r) => r.status !== "draft").length);
    const seqs = new Map<string, number[]>();
    for (const r of requests.filter((x) => x.ticketNo)) {
      const [year, code, seq] = r.ticketNo!.split("-");
      const uni = DEMO_UNIVERSITIES.find((u) => u.id === r.universityId)!;
      expect(code).toBe(uni.code);
      const key = `${r.universityId}|${year}`;
      seqs.set(key, [...(seqs.get(key) ?? []), Number(seq)]);
    }
    const counters = await db.select().from(ticketCounters);
    expect(counters).toHaveLength(seqs.size);
    for (const [key, list] of seqs) {
      const sorted = [...list].sort((a, b) => a - b);
      expect(sorted, key).toEqual(Array.from({ length: sorted.length }, (_, i) => i + 1));
      const [universityId, year] = key.split("|");
      const counter = counters.find((c) => c.universityId === universityId && c.beYear === Number(year));
      expect(counter?.lastSeq, key).toBe(sorted.length);
    }
    // Numbers follow submission order within each university and year.
    for (const [key] of seqs) {
      const inYear = requests
        .filter((r) => r.ticketNo && `${r.universityId}|${r.ticketNo.slice(0, 4)}` === key)
        .sort((a, b) => a.submittedAt!.getTime() - b.submittedAt!.getTime());
      expect(inYear.map((r) => Number(r.ticketNo!.slice(-4))), key).toEqual(inYear.map((_, i) => i + 1));
    }
  });

  it("gives every request a timeline that is a legal walk from submission, ending in its status", () => {
    for (const r of requests) {
      const timeline = eventsOf(r.id);
      if (r.status === "draft") {
        expect(timeline, r.id).toHaveLength(0);
        expect(r.ticketNo).toBeNull();
        expect(r.submittedAt).toBeNull();
        continue;
      }
      expect(timeline[0]?.status).toBe("submitted");
      expect(timeline[0]?.label).toBe("ยื่นคำขอ");
      expect(timeline[0]?.at.getTime()).toBe(r.submittedAt!.getTime());
      expect(r.createdAt.getTime()).toBeLessThanOrEqual(r.submittedAt!.getTime());
      let status: RequestStatus = "submitted";
      for (const e of timeline.slice(1)) {
        const legal = ACTION_KEYS.some((a) => {
          const t = transition(status, a);
          return t.ok && t.to === e.status;
        });
        expect(legal, `${r.ticketNo}: ${status} → ${e.status}`).toBe(true);
        status = e.status;
      }
      expect(status).toBe(r.status);
      const last = timeline.at(-1)!;
      expect(r.statusSince.getTime()).toBe(last.at.getTime());
      expect(r.updatedAt.getTime()).toBe(last.at.getTime());
      expect(last.at.getTime()).toBeLessThan(NOW.getTime());
      for (let i = 1; i < timeline.length; i++) expect(timeline[i]!.at.getTime()).toBeGreaterThan(timeline[i - 1]!.at.getTime());
      expect(timeline.every((e) => e.kind === "status")).toBe(true);
      if (status !== "submitted") expect(r.receiptNo, r.ticketNo!).toMatch(/^\d+$/);
    }
  });

  it("includes requests that were asked for documents and came back into the queue", () => {
    const requeued = requests.filter((r) => eventsOf(r.id).some((e) => e.label.startsWith("ได้รับเอกสารเพิ่มเติม")));
    expect(requeued.length).toBeGreaterThanOrEqual(3);
    const waiting = requeued.filter((r) => isInQueue(r.status) && r.status === "doc_review");
    expect(waiting.length).toBeGreaterThanOrEqual(1);
    for (const r of waiting) {
      const rejoined = eventsOf(r.id).filter((e) => e.label.startsWith("ได้รับเอกสารเพิ่มเติม")).at(-1)!;
      expect(r.queueEnteredAt?.getTime()).toBe(rejoined.at.getTime());
    }
  });

  it("holds a queue place exactly for the statuses in the queue", () => {
    for (const r of requests) expect(r.queueEnteredAt !== null, `${r.ticketNo} ${r.status}`).toBe(isInQueue(r.status));
  });

  it("has at least 20 finished assistant-professor requests, each with a realistic duration", () => {
    const finished = requests.filter((r) => r.status === "finished");
    for (const r of finished) {
      const days = (r.finishedAt!.getTime() - r.submittedAt!.getTime()) / DAY;
      expect(days, r.ticketNo!).toBeGreaterThanOrEqual(60);
      expect(days, r.ticketNo!).toBeLessThanOrEqual(400);
    }
    expect(requests.filter((r) => r.status !== "finished").every((r) => r.finishedAt === null)).toBe(true);
    expect(finished.filter((r) => r.position === "assistant_professor").length).toBeGreaterThanOrEqual(20);
  });

  it("records some uploaded documents in every document status", async () => {
    const docs = await db.select().from(requestDocuments);
    expect(new Set(docs.map((d) => d.status))).toEqual(new Set(["received", "checked", "ok", "needs_fix"]));
    expect(new Set(docs.map((d) => d.fileKey)).size).toBe(docs.length);
    for (const d of docs) {
      expect(d.fileKey).toMatch(/^seed-doc-\d+$/);
      expect(d.uploadedBy).toBe("seed");
      expect(d.reviewedAt === null).toBe(d.status === "received");
    }
    const chulaDocs = await db.select().from(requestDocuments).where(eq(requestDocuments.requestId, byTicket("2567-00100-0003").id));
    expect(chulaDocs.length).toBeGreaterThan(0);
    expect(chulaDocs.every((d) => d.status === "ok")).toBe(true);
  });

  it("agrees with the workflow: from ตรวจสอบเอกสารแล้วเสร็จ on, every request has documents and none is unchecked or ต้องแก้ไข", async () => {
    const docs = await db.select().from(requestDocuments);
    for (const r of requests.filter((q) => DOCUMENTS_FROZEN_IN.includes(q.status))) {
      const mine = docs.filter((d) => d.requestId === r.id);
      expect(mine.length, `${r.ticketNo} ${r.status}`).toBeGreaterThan(0);
      expect(mine.filter((d) => !isDocumentChecked(d.status)), `${r.ticketNo} ${r.status}`).toEqual([]);
    }
  });

  it("gives the same tickets, statuses and dates when run again with the same clock", async () => {
    const other = await freshDb();
    try {
      await seedAcademicDemo(other.db, keys, NOW);
      const summary = (rows: (typeof academicRequests.$inferSelect)[]) =>
        rows
          .map((r) => [r.ticketNo, r.status, r.submittedAt?.getTime(), r.applicantFirstName, r.applicantLastName, r.applicantPidHmac].join(" "))
          .sort();
      expect(summary(await other.db.select().from(academicRequests))).toEqual(summary(requests));
    } finally {
      other.close();
    }
  });

  it("leaves a database that already has requests alone", async () => {
    expect(await seedAcademicDemo(db, keys, NOW)).toEqual({ requests: 0 });
    expect(await db.select().from(academicRequests)).toHaveLength(requests.length);
  });
});
